// A local Web Push service on loopback, over HTTPS with a self-signed certificate (web-push only speaks
// HTTPS): it checks each request's VAPID signature (RFC 8292) the way a real push service does, records
// the encrypted body, and answers 201 — or the statuses it is told to answer next (410 for a device
// that unsubscribed, 500 …). Devices are made by `device()`: a real P-256 key pair and auth secret
// (RFC 8291), whose `decrypt` opens what the service received, so a test reads the payload end to end.
import { createECDH, createPublicKey, randomBytes, randomUUID, verify } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import ece from 'http_ece';
import selfsigned from 'selfsigned';

export type PushRequest = { device: string; headers: IncomingHttpHeaders; body: Buffer; vapid: { ok: boolean; aud?: string; sub?: string; publicKey?: string } };

/** Checks `Authorization: vapid t=<JWT>, k=<public key>` as push services do. */
function checkVapid(header: string | undefined, origin: string): PushRequest['vapid'] {
  const match = /^vapid t=([^,\s]+),\s*k=([A-Za-z0-9_-]+)$/.exec(header ?? '');
  if (!match) return { ok: false };
  const [token, k] = [match[1]!, match[2]!];
  const [h, p, s] = token.split('.');
  if (!h || !p || !s) return { ok: false };
  const point = Buffer.from(k, 'base64url');
  const key = createPublicKey({ key: { kty: 'EC', crv: 'P-256', x: point.subarray(1, 33).toString('base64url'), y: point.subarray(33, 65).toString('base64url') }, format: 'jwk' });
  const signed = verify('sha256', Buffer.from(`${h}.${p}`), { key, dsaEncoding: 'ieee-p1363' }, Buffer.from(s, 'base64url'));
  const claims = JSON.parse(Buffer.from(p, 'base64url').toString('utf8')) as { aud?: string; sub?: string; exp?: number };
  const fresh = typeof claims.exp === 'number' && claims.exp > Date.now() / 1000;
  return { ok: signed && fresh && claims.aud === origin, aud: claims.aud, sub: claims.sub, publicKey: k };
}

/** A browser's subscription to the push service at `origin`: real keys, and `decrypt` for what the service receives. */
export function pushDevice(origin: string) {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  const auth = randomBytes(16);
  const id = randomUUID();
  return {
    id,
    subscription: { endpoint: `${origin}/push/${id}`, keys: { p256dh: ecdh.getPublicKey().toString('base64url'), auth: auth.toString('base64url') } },
    decrypt: (body: Buffer) => JSON.parse(ece.decrypt(body, { version: 'aes128gcm', privateKey: ecdh, authSecret: auth }).toString('utf8')) as Record<string, unknown>,
  };
}

export async function startFakePushService(opts: { port?: number; certFile?: string } = {}) {
  const pems = await selfsigned.generate([{ name: 'commonName', value: '127.0.0.1' }], {
    keyType: 'ec',
    notAfterDate: new Date(Date.now() + 24 * 60 * 60 * 1000),
    extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }],
  });
  const certFile = opts.certFile ?? path.join(os.tmpdir(), `antena-push-${randomUUID()}.pem`);
  writeFileSync(certFile, pems.cert);
  const received: PushRequest[] = [];
  const answerNext: number[] = [];
  let origin = '';
  const server = createServer({ key: pems.private, cert: pems.cert }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.method === 'GET' && req.url === '/_received') {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify(received.map((r) => ({ ...r, body: r.body.toString('base64') }))));
        return;
      }
      const device = /^\/push\/([\w-]+)$/.exec(req.url ?? '')?.[1];
      if (req.method !== 'POST' || !device) {
        res.writeHead(404).end();
        return;
      }
      const vapid = checkVapid(req.headers.authorization, origin);
      if (!vapid.ok) {
        res.writeHead(403).end('bad VAPID');
        return;
      }
      const status = answerNext.shift() ?? 201;
      received.push({ device, headers: req.headers, body: Buffer.concat(chunks), vapid });
      if (status === 201) res.writeHead(201, { location: `${origin}/messages/${randomUUID()}` }).end();
      else res.writeHead(status).end(status === 410 ? 'push subscription has unsubscribed or expired.' : 'unavailable');
    });
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
  origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    origin,
    /** PEM of the service's certificate: the app trusts it through PUSH_CA_FILE. */
    certFile,
    /** What the app (and its worker) needs to push here: `Object.assign(process.env, push.env)`. */
    env: { PUSH_ENDPOINT_HOSTS: '127.0.0.1', PUSH_CA_FILE: certFile },
    received,
    /** Statuses to answer the next pushes with (then 201 again). */
    answerNext,
    /** A browser's subscription to this service, with the keys to read what it receives. */
    device: () => pushDevice(origin),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
