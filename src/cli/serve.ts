// The production HTTP server (`npm start`, the end-to-end tests, the benchmark): Next.js serves the
// pages and every route, except tRPC calls, which this server hands straight to their handler.
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
import { parseArgs } from 'node:util';
import { TRPCError } from '@trpc/server';
import { incomingMessageToRequest } from '@trpc/server/adapters/node-http';
import next from 'next';
import { translateError } from '@/i18n/catalog';
import { handleTrpc, TRPC_ENDPOINT } from '@/server/api/http-handler';
import { failure } from '@/server/api/route-handlers';
import { cookieLocale } from '@/server/http';
import { logger } from '@/server/logger';
import { startSearchIndexMerges } from '@/server/maintenance/search-indexes';

const { values } = parseArgs({ options: { port: { type: 'string', default: '3000' }, host: { type: 'string', default: '127.0.0.1' }, dir: { type: 'string', default: process.cwd() } } });
const port = Number(values.port);
const hostname = values.host;

const app = next({ dev: false, dir: values.dir, hostname, port });
const nextHandler = app.getRequestHandler();
await app.prepare();

/** A tRPC call: the Node request as a fetch Request (tRPC's own conversion), the handler's Response written back. */
async function serveTrpc(req: http.IncomingMessage, res: http.ServerResponse) {
  let response: Response;
  try {
    response = await handleTrpc(incomingMessageToRequest(req, res, { maxBodySize: null }));
  } catch (error) {
    // The handler answers every procedure error itself; this is a request it could not read (a bad
    // Host), answered as the other routes answer theirs: code and translated message.
    const locale = cookieLocale(req.headers.cookie ?? null) ?? 'es';
    const unreadable = error instanceof TRPCError && error.code === 'BAD_REQUEST';
    if (!unreadable) logger.error({ err: error, url: req.url }, 'tRPC request failed');
    response = unreadable ? failure(400, 'BAD_REQUEST', translateError(locale, 'badRequest')) : failure(500, 'INTERNAL_SERVER_ERROR', translateError(locale, 'unexpected'));
  }
  res.statusCode = response.status;
  for (const [name, value] of response.headers) if (name !== 'set-cookie') res.setHeader(name, value);
  const cookies = response.headers.getSetCookie();
  if (cookies.length) res.setHeader('set-cookie', cookies);
  // Batched JSON, never a stream (the client uses httpBatchLink), so the body is read whole.
  res.end(response.body ? Buffer.from(await response.arrayBuffer()) : undefined);
}

const server = http.createServer((req, res) => {
  if (req.url?.startsWith(`${TRPC_ENDPOINT}/`)) void serveTrpc(req, res);
  else void nextHandler(req, res);
});
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
