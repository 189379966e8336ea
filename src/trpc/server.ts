// The procedures as a server component calls them: the same context a browser's call gets (tenant
// from the host, the session of this tenant, the language cookie), the same ladder, permission map and
// `.output()` schemas — so a page rendered on the server receives exactly what its audience may see,
// and its HTML (which the service worker keeps for offline use) holds nothing more.
import 'server-only';
import { cache } from 'react';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { createCaller } from '@/server/api/root';
import { createContext } from '@/server/api/trpc';
import { currentTenant, sessionClaims } from '@/server/auth/session';
import { clientIp, cookieLocale } from '@/server/http';

/**
 * One caller per request (React's cache), for every server component of the page. A session that
 * ends while the page renders (signed out elsewhere, a new password) goes to its sign-in page, as
 * the page's guard would have sent it a moment earlier.
 */
export const serverApi = cache(async () => {
  const h = await headers();
  const session = await sessionClaims(await currentTenant());
  const ctx = await createContext({ host: h.get('host'), session, ip: clientIp(h), locale: cookieLocale(h.get('cookie')) });
  return createCaller(ctx, {
    onError: ({ error }) => {
      if (error.code === 'UNAUTHORIZED') redirect(session?.kind === 'staff' ? '/login' : '/portal/login');
    },
  });
});
