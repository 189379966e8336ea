// GET <scope>/manifest.webmanifest (src/app/tech/…, src/app/portal/…): the manifest of the host's tenant.
import 'server-only';
import { translateError } from '@/i18n/catalog';
import type { AppScope } from '@/lib/pwa';
import type { RouteErrorBody } from '@/server/api/route-handlers';
import { cookieLocale } from '@/server/http';
import { resolveTenantByHost } from '@/server/services/tenants/resolve';
import { webManifest } from './manifest';

/**
 * GET <scope>/manifest.webmanifest: the manifest for the tenant the host names, or 404. Browsers fetch
 * manifests without cookies, so it depends on the host alone.
 */
export async function manifestResponse(request: Request, scope: AppScope): Promise<Response> {
  const host = request.headers.get('host');
  const tenant = host ? await resolveTenantByHost(host) : null;
  if (!tenant) {
    const message = translateError(cookieLocale(request.headers.get('cookie')) ?? 'es', 'notFound');
    return Response.json({ error: { code: 'NOT_FOUND', message } } satisfies RouteErrorBody, { status: 404 });
  }
  return new Response(JSON.stringify(webManifest(tenant, scope)), {
    headers: { 'content-type': 'application/manifest+json; charset=utf-8', 'cache-control': 'public, max-age=300' },
  });
}
