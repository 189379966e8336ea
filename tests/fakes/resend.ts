// A local stand-in for Resend's API on loopback: records every request the real SDK makes, answers
// like Resend ({ id }), honours Idempotency-Key (the same key answers the first e-mail again, never a
// second one), and can be told to fail the next requests with given statuses, or to misbehave:
// answer 200 with a body that is not JSON, 200 without an id, or not answer at all.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { randomUUID } from 'node:crypto';

export type ResendRequest = {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: Record<string, unknown>;
  /** performance.now() when the request's body had arrived. */
  at: number;
  /** What the fake answered: the status, and the e-mail id when it gave one; none while hanging. */
  answer?: { status: number; id?: string };
};

export type Misbehaviour = 'not-json' | 'no-id' | 'hang';

/** Starts the fake on `port` (0: any free one). `GET /_delivered` lists what it accepted, for tests in another process. */
export async function startFakeResend(listenPort = 0) {
  const requests: ResendRequest[] = [];
  const byKey = new Map<string, string>();
  const delivered: { id: string; body: Record<string, unknown>; key?: string }[] = [];
  const failNext: number[] = [];
  const misbehaveNext: Misbehaviour[] = [];
  const hooks: { onDelivered?: (count: number) => void } = {};
  const server = createServer((req, res) => {
    if (req.method === 'GET' && req.url === '/_delivered') {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(delivered));
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
      const request: ResendRequest = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body, at: performance.now() };
      requests.push(request);
      res.setHeader('content-type', 'application/json');
      const status = failNext.shift();
      if (status) {
        request.answer = { status };
        res.statusCode = status;
        res.end(JSON.stringify({ statusCode: status, name: status >= 500 ? 'internal_server_error' : 'validation_error', message: status >= 500 ? 'Something broke' : 'Invalid `to` field.' }));
        return;
      }
      const misbehaviour = misbehaveNext.shift();
      if (misbehaviour === 'hang') return; // answered never; close() drops the connection
      if (misbehaviour) {
        request.answer = { status: 200 };
        if (misbehaviour === 'not-json') {
          res.setHeader('content-type', 'text/html');
          res.end('<html><body>502 Bad Gateway</body></html>');
        } else res.end(JSON.stringify({ object: 'email' }));
        return;
      }
      const key = req.headers['idempotency-key'];
      const known = typeof key === 'string' ? byKey.get(key) : undefined;
      if (known) {
        request.answer = { status: 200, id: known };
        res.end(JSON.stringify({ id: known }));
        return;
      }
      const id = randomUUID();
      if (typeof key === 'string') byKey.set(key, id);
      delivered.push({ id, body, ...(typeof key === 'string' ? { key } : {}) });
      request.answer = { status: 200, id };
      // Before the answer leaves: a test may kill the sender here, so the e-mail is accepted but
      // the sender never learns it (the crash window the idempotency key covers).
      hooks.onDelivered?.(delivered.length);
      res.end(JSON.stringify({ id }));
    });
  });
  await new Promise<void>((resolve) => server.listen(listenPort, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    /** E-mails the provider accepted as new: what a recipient would receive. */
    delivered,
    failNext,
    misbehaveNext,
    hooks,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/**
 * The fake for an integration test file: started, and this process's Resend settings (the API key, the
 * base URL, and the sender when `from` is given) pointed at it, so the real SDK in the app's code
 * talks to it. `deliveredTo(address)`: the e-mails it accepted for that address. Close it in afterAll.
 */
export async function useFakeResend(from?: string) {
  const resend = await startFakeResend();
  process.env.RESEND_API_KEY = 're_test_key';
  process.env.RESEND_BASE_URL = resend.url;
  if (from) process.env.EMAIL_FROM = from;
  const deliveredTo = (address: string) => resend.delivered.filter((d) => (d.body.to as string[]).includes(address));
  return Object.assign(resend, { deliveredTo });
}
