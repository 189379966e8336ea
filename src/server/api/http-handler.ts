// The one handler of tRPC calls over HTTP. The /api/trpc route (under `next dev`) and the production
// server (src/cli/serve.ts, which answers tRPC calls before Next.js routing) both call it, so every
// call gets the same context, body limit, batch limit, errors, statuses and headers whichever way it arrives.
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { env } from '@/env';
import { arrivedOverHttps, resourceHeaders } from '@/lib/security-headers';
import { appRouter } from '@/server/api/root';
import { edgeFailure, routeContext } from '@/server/api/route-handlers';
import { readBody } from '@/server/http';
import { MAX_TRPC_BATCH } from '@/trpc/batch';

export const TRPC_ENDPOINT = '/api/trpc';

/** tRPC calls are small JSON; anything larger is refused with 413 before it is parsed. */
export const MAX_TRPC_BODY = 1024 * 1024;

/** The answer to a call whose body passed MAX_TRPC_BODY: a translated 413. */
export function trpcBodyTooLarge(cookieHeader: string | null): Response {
  return edgeFailure(cookieHeader, 413, 'PAYLOAD_TOO_LARGE', 'payloadTooLarge');
}

/** How many calls a request's URL names: `/api/trpc/a,b,c?batch=1` is three (the path decoded as tRPC decodes it). */
export function batchSize(url: string): number {
  if (!url.includes('batch=1')) return 1;
  const parsed = new URL(url);
  if (parsed.searchParams.get('batch') !== '1') return 1;
  const path = parsed.pathname.slice(TRPC_ENDPOINT.length + 1);
  try {
    return decodeURIComponent(path).split(',').length;
  } catch {
    return 1; // tRPC answers a malformed path itself (400)
  }
}

export async function handleTrpc(request: Request): Promise<Response> {
  if (request.method !== 'POST') return answerTrpc(request);
  const body = await readBody(request, MAX_TRPC_BODY);
  if (!body) return withResourceHeaders(request, trpcBodyTooLarge(request.headers.get('cookie')));
  return answerTrpc(new Request(request.url, { method: 'POST', headers: request.headers, body }));
}

/** A call whose body, if any, is already read and within MAX_TRPC_BODY (handleTrpc, or serve.ts from Node's stream). */
export async function answerTrpc(request: Request): Promise<Response> {
  if (batchSize(request.url) > MAX_TRPC_BATCH) {
    const refusal = edgeFailure(request.headers.get('cookie'), 400, 'BAD_REQUEST', 'tooManyCalls', { max: MAX_TRPC_BATCH });
    return withResourceHeaders(request, refusal);
  }
  const response = await fetchRequestHandler({
    endpoint: TRPC_ENDPOINT,
    req: request,
    router: appRouter,
    createContext: () => routeContext(request),
    // Never reached past the check above; tRPC's own limit, should a path ever be counted differently.
    maxBatchSize: MAX_TRPC_BATCH,
  });
  return withResourceHeaders(request, response);
}

/** The security headers of an answer that is not a page (src/lib/security-headers.ts). */
function withResourceHeaders(request: Request, response: Response): Response {
  const https = arrivedOverHttps(env().PUBLIC_SCHEME, request.headers.get('x-forwarded-proto'));
  for (const [name, value] of resourceHeaders(https)) response.headers.set(name, value);
  return response;
}
