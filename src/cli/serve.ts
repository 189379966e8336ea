// The production HTTP server (`npm start`, the end-to-end tests, the benchmark): Next.js serves the
// pages and every route, except tRPC calls, which this server hands straight to their handler, and the
// build's static files, sent from the copies the build compressed (src/server/static-files.ts).
//
// Why: under `next start` a tRPC call paid for Next's routing before reaching the same handler —
// about 1 ms of the one JavaScript thread per call. Signed-in calls over HTTP went from 2.8–3.3 ms to
// 1.5–1.9 ms (median) and ticket creation at 50 connections from 274–276/s to 340–372/s in
// alternating runs (README, Benchmarks). /api/trpc is not behind the host-routing proxy (src/proxy.ts excludes /api), so
// nothing Next did for it is skipped.
//
// `npm run build` bundles this file with the server code it imports into .next/antena/serve.mjs
// (runtime.ts, bundleServer); `next dev` keeps serving /api/trpc through its route, with the same handler.
// Run with NODE_ENV=production: `node .next/antena/serve.mjs --port 3000 --host 127.0.0.1`.
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import next from 'next';
import { env } from '@/env';
import { answerTrpc, MAX_TRPC_BODY, TRPC_ENDPOINT, trpcBodyTooLarge } from '@/server/api/http-handler';
import { edgeFailure } from '@/server/api/route-handlers';
import { compileTrust, stampClientAddress } from '@/server/client-address';
import { encodeBody } from '@/server/compression';
import { markClientAddressStamping } from '@/server/http';
import { fillSecurityHeaders, guardProtocolEdges, refuseMalformedRequest } from '@/server/edge';
import { logger } from '@/server/logger';
import { startSearchIndexMerges } from '@/server/maintenance/search-indexes';
import { staticFiles } from '@/server/static-files';

const { values } = parseArgs({ options: { port: { type: 'string', default: '3000' }, host: { type: 'string', default: '127.0.0.1' }, dir: { type: 'string', default: process.cwd() } } });
const port = Number(values.port);
const hostname = values.host;

// Every request's client address is decided here, from the socket and TRUSTED_PROXIES (a bad list stops the start).
const trustedProxies = compileTrust(env().TRUSTED_PROXIES);
markClientAddressStamping();
// Where this bundle is: the invoice import's reader is beside it (read-invoices.ts), whatever the working directory.
process.env.ANTENA_SERVER_DIR ??= path.dirname(fileURLToPath(import.meta.url));

// Next.js is told "localhost", whatever address this server listens on: it serves a rewrite of the
// host-routing proxy (src/proxy.ts: the root domain → /site) inside the server only when the
// rewrite's origin equals the one it built from this hostname, and the proxy's request URL always
// says "localhost" for a loopback address (NextURL). Given "127.0.0.1", every landing-page request
// went out again over HTTP to this same server — twice the work, and an ECONNRESET on a reused
// connection once failed a sign-up page in CI. The name is not connected to; it only makes addresses.
const app = next({ dev: false, dir: values.dir, hostname: 'localhost', port });
const nextHandler = app.getRequestHandler();
await app.prepare();
// The build's scripts and styles, from their compressed copies (src/server/static-files.ts).
const serveStatic = staticFiles(path.join(values.dir, '.next'));

/**
 * A call's body, read from Node's stream: null once it passes MAX_TRPC_BODY, whatever Content-Length
 * claims (the rest is dropped as it arrives). Read here rather than through a web stream (tRPC's
 * incomingMessageToRequest, then handleTrpc's readBody and a second Request): see answer().
 */
function readCallBody(req: http.IncomingMessage): Promise<Buffer<ArrayBuffer> | null> {
  if (Number(req.headers['content-length'] ?? 0) > MAX_TRPC_BODY) return Promise.resolve(null);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_TRPC_BODY) return void chunks.push(chunk);
      req.off('data', onData).off('end', onEnd).resume(); // what is still arriving is read and dropped
      resolve(null);
    };
    const onEnd = () => resolve(Buffer.concat(chunks, size));
    req.on('data', onData).once('end', onEnd).once('error', reject);
  });
}

/** The call as one fetch Request, its body already read; null when its Host cannot make an address. */
function toRequest(req: http.IncomingMessage, body: Buffer<ArrayBuffer> | undefined): Request | null {
  let url: URL;
  try {
    url = new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`);
  } catch {
    return null;
  }
  const headers = new Headers();
  for (let i = 0; i < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i]!, req.rawHeaders[i + 1]!);
  return new Request(url, { method: req.method, headers, body });
}

/**
 * The call as handleTrpc would answer it (the same body limit, handler and errors) with one Request
 * built from Node's. Through web streams and two Requests, receiving a 150-byte call and reading its
 * body took 0.21–0.33 ms of the one JavaScript thread (median 0.24); this way 0.09–0.12 (median 0.12),
 * alternating phases of 3,000 calls at 50 connections.
 */
async function answer(req: http.IncomingMessage): Promise<Response> {
  const cookie = req.headers.cookie ?? null;
  const body = req.method === 'POST' ? await readCallBody(req) : undefined;
  if (body === null) return trpcBodyTooLarge(cookie);
  const request = toRequest(req, body);
  // A request it could not read (a bad Host), answered as the other routes answer theirs.
  if (!request) return edgeFailure(cookie, 400, 'BAD_REQUEST', 'badRequest');
  return answerTrpc(request);
}

/** A tRPC call: the handler's Response written back. */
async function serveTrpc(req: http.IncomingMessage, res: http.ServerResponse) {
  let response: Response;
  try {
    response = await answer(req);
  } catch (error) {
    // The client went away before its body arrived (Node's ECONNRESET): nobody to answer.
    if (req.destroyed && !req.complete) return;
    // The handler answers every procedure error itself; this is one it could not.
    logger.error({ err: error, url: req.url }, 'tRPC request failed');
    response = edgeFailure(req.headers.cookie ?? null, 500, 'INTERNAL_SERVER_ERROR', 'unexpected');
  }
  res.statusCode = response.status;
  for (const [name, value] of response.headers) if (name !== 'set-cookie') res.setHeader(name, value);
  const cookies = response.headers.getSetCookie();
  if (cookies.length) res.setHeader('set-cookie', cookies);
  res.appendHeader('vary', 'Accept-Encoding');
  // Batched JSON, never a stream (the client uses httpBatchLink), so the body is read whole, then
  // gzipped for a client that accepts it (src/server/compression.ts).
  if (!response.body) return void res.end();
  const { body, encoding } = await encodeBody(Buffer.from(await response.arrayBuffer()), req.headers['accept-encoding']);
  if (encoding) {
    res.setHeader('content-encoding', encoding);
    res.removeHeader('content-length');
  }
  res.end(body);
}

const server = http.createServer((req, res) => {
  // A malformed Host, target or method is answered here (src/server/edge.ts).
  if (refuseMalformedRequest(req, res)) return;
  // Who the client is, from the socket and TRUSTED_PROXIES; forwarding headers from anyone else are dropped
  // (so the security headers below read X-Forwarded-Proto only from a trusted proxy).
  stampClientAddress(req, trustedProxies);
  // Every answer gets the security headers.
  fillSecurityHeaders(req, res);
  if (req.url?.startsWith(`${TRPC_ENDPOINT}/`)) void serveTrpc(req, res);
  else serveStatic(req, res, () => void nextHandler(req, res));
});
guardProtocolEdges(server);
server.listen(port, hostname, () => console.log(`Antena: serving on http://${hostname}:${port}`));
// The ticket search indexes' pending lists, merged every second instead of inside a creation.
const stopMerges = startSearchIndexMerges();

function stop() {
  // Stop accepting, let calls in flight finish (up to 5 s), and exit — which also writes a --cpu-prof profile.
  const merging = stopMerges();
  server.close(() => void merging.finally(() => process.exit(0)));
  server.closeIdleConnections();
  setTimeout(() => process.exit(0), 5_000).unref();
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
