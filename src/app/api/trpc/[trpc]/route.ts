import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { appRouter } from '@/server/api/root';
import { createContext } from '@/server/api/trpc';
import { requestClaims } from '@/server/auth/claims';
import { clientIp, cookieLocale, readBody } from '@/server/http';
import { translateError } from '@/i18n/catalog';

/** tRPC calls are small JSON; anything larger is refused with 413 before it is parsed. */
const MAX_BODY = 1024 * 1024;

async function handler(request: Request) {
  const locale = cookieLocale(request.headers.get('cookie'));
  let req = request;
  if (request.method === 'POST') {
    const body = await readBody(request, MAX_BODY);
    if (!body) {
      return Response.json({ error: { message: translateError(locale ?? 'es', 'payloadTooLarge'), code: 'PAYLOAD_TOO_LARGE' } }, { status: 413 });
    }
    req = new Request(request.url, { method: 'POST', headers: request.headers, body });
  }
  const session = await requestClaims(request);
  return fetchRequestHandler({
    endpoint: '/api/trpc',
    req,
    router: appRouter,
    createContext: () => createContext({ host: request.headers.get('host'), session, ip: clientIp(request.headers), locale }),
  });
}

export { handler as GET, handler as POST };
