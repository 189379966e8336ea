// The one handler of tRPC calls over HTTP. The /api/trpc route (under `next dev`) and the production
// server (src/cli/serve.ts, which answers tRPC calls before Next.js routing) both call it, so every
// call gets the same context, body limit, errors and statuses whichever way it arrives.
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { appRouter } from '@/server/api/root';
import { edgeFailure, routeContext } from '@/server/api/route-handlers';
import { readBody } from '@/server/http';

export const TRPC_ENDPOINT = '/api/trpc';

/** tRPC calls are small JSON; anything larger is refused with 413 before it is parsed. */
export const MAX_TRPC_BODY = 1024 * 1024;

/** The answer to a call whose body passed MAX_TRPC_BODY: a translated 413. */
export function trpcBodyTooLarge(cookieHeader: string | null): Response {
  return edgeFailure(cookieHeader, 413, 'PAYLOAD_TOO_LARGE', 'payloadTooLarge');
}

export async function handleTrpc(request: Request): Promise<Response> {
  if (request.method !== 'POST') return answerTrpc(request);
  const body = await readBody(request, MAX_TRPC_BODY);
  if (!body) return trpcBodyTooLarge(request.headers.get('cookie'));
  return answerTrpc(new Request(request.url, { method: 'POST', headers: request.headers, body }));
}

/** A call whose body, if any, is already read and within MAX_TRPC_BODY (handleTrpc, or serve.ts from Node's stream). */
export function answerTrpc(request: Request): Promise<Response> {
  return fetchRequestHandler({ endpoint: TRPC_ENDPOINT, req: request, router: appRouter, createContext: () => routeContext(request) });
}
