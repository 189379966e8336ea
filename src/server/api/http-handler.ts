// The one handler of tRPC calls over HTTP. The /api/trpc route (under `next dev`) and the production
// server (src/cli/serve.ts, which answers tRPC calls before Next.js routing) both call it, so every
// call gets the same context, body limit, errors and statuses whichever way it arrives.
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { appRouter } from '@/server/api/root';
import { failure, routeContext } from '@/server/api/route-handlers';
import { cookieLocale, readBody } from '@/server/http';
import { translateError } from '@/i18n/catalog';

export const TRPC_ENDPOINT = '/api/trpc';

/** tRPC calls are small JSON; anything larger is refused with 413 before it is parsed. */
const MAX_BODY = 1024 * 1024;

export async function handleTrpc(request: Request): Promise<Response> {
  const locale = cookieLocale(request.headers.get('cookie'));
  let req = request;
  if (request.method === 'POST') {
    const body = await readBody(request, MAX_BODY);
    if (!body) {
      return failure(413, 'PAYLOAD_TOO_LARGE', translateError(locale ?? 'es', 'payloadTooLarge'));
    }
    req = new Request(request.url, { method: 'POST', headers: request.headers, body });
  }
  return fetchRequestHandler({ endpoint: TRPC_ENDPOINT, req, router: appRouter, createContext: () => routeContext(request) });
}
