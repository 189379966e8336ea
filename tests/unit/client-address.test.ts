// The client's address (src/server/client-address.ts), decided from a real socket on loopback the way
// the production server decides it: X-Forwarded-For is believed only from TRUSTED_PROXIES, and then
// the client is the right-most address that is not a trusted proxy. Whatever a client writes into
// forwarding headers, or into the header that carries the decision downstream, is dropped.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalAddress, compileTrust, stampClientAddress, type Trust } from '@/server/client-address';
import { CLIENT_ADDRESS_HEADER, clientIp, markClientAddressStamping } from '@/server/http';
import { parseEnv } from '@/env';

type Seen = { address: string; headers: http.IncomingHttpHeaders; rawHeaders: string[] };

let trust: Trust = compileTrust('');
let server: http.Server;
let port: number;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const address = stampClientAddress(req, trust);
    res.end(JSON.stringify({ address, headers: req.headers, rawHeaders: req.rawHeaders } satisfies Seen));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** One request from `from` (a loopback address of this machine) with these headers: what the server decided and kept. */
function send(headers: Record<string, string | string[]>, from = '127.0.0.1'): Promise<Seen> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: '/', localAddress: from, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Seen));
    });
    req.on('error', reject);
    req.end();
  });
}

const FORGED = {
  'x-forwarded-for': '203.0.113.66',
  'x-real-ip': '203.0.113.67',
  forwarded: 'for=203.0.113.68',
  'x-forwarded-host': 'evil.example',
  'x-forwarded-proto': 'https',
  [CLIENT_ADDRESS_HEADER]: '203.0.113.69',
};

describe('with no trusted proxies (the default)', () => {
  it('the client is the socket’s peer, whatever it writes in X-Forwarded-For, and forwarding headers are dropped', async () => {
    trust = compileTrust(parseEnv({}).TRUSTED_PROXIES);
    for (const from of ['127.0.0.1', '127.0.0.5']) {
      const seen = await send(FORGED, from);
      expect(seen.address).toBe(from);
      expect(seen.headers[CLIENT_ADDRESS_HEADER]).toBe(from);
      for (const name of ['x-forwarded-for', 'x-real-ip', 'forwarded', 'x-forwarded-host', 'x-forwarded-proto']) expect(seen.headers[name]).toBeUndefined();
      // The raw list (the tRPC path builds its Request from it) says the same: one client address, the decided one.
      const raw = Object.fromEntries(seen.rawHeaders.flatMap((v, i, all) => (i % 2 ? [] : [[v.toLowerCase(), all[i + 1]]])));
      expect(raw[CLIENT_ADDRESS_HEADER]).toBe(from);
      expect(seen.rawHeaders.filter((v) => v.toLowerCase() === CLIENT_ADDRESS_HEADER)).toHaveLength(1);
      expect(raw['x-forwarded-for']).toBeUndefined();
    }
  });

  it('a new X-Forwarded-For on every request changes nothing', async () => {
    const addresses = new Set<string>();
    for (let i = 0; i < 20; i++) addresses.add((await send({ 'x-forwarded-for': `198.51.100.${i}, 10.0.0.${i}` })).address);
    expect([...addresses]).toEqual(['127.0.0.1']);
  });
});

describe('with TRUSTED_PROXIES=loopback (a proxy on this machine)', () => {
  it('takes the right-most address that is not a trusted proxy, so what the client prepends is ignored', async () => {
    trust = compileTrust(parseEnv({ TRUSTED_PROXIES: 'loopback' }).TRUSTED_PROXIES);
    expect((await send({ 'x-forwarded-for': '198.51.100.7' })).address).toBe('198.51.100.7');
    // The client wrote 203.0.113.9 itself; the proxy appended the address it saw: 198.51.100.7.
    expect((await send({ 'x-forwarded-for': '203.0.113.9, 198.51.100.7' })).address).toBe('198.51.100.7');
    // Two proxies, both trusted: the hop before them.
    expect((await send({ 'x-forwarded-for': '203.0.113.9, 198.51.100.7, 127.0.0.2' })).address).toBe('198.51.100.7');
    // Repeated headers are one list, in order.
    expect((await send({ 'x-forwarded-for': ['203.0.113.9', '198.51.100.8'] })).address).toBe('198.51.100.8');
    // Nothing forwarded: the proxy's own address.
    expect((await send({})).address).toBe('127.0.0.1');
    // Forwarding headers from a trusted proxy stay for Next.js and Auth.js; the decision header is still ours.
    const seen = await send({ ...FORGED, 'x-forwarded-for': '203.0.113.9, 198.51.100.7' });
    expect(seen.headers['x-forwarded-proto']).toBe('https');
    expect(seen.headers[CLIENT_ADDRESS_HEADER]).toBe('198.51.100.7');
  });

  it('a trusted proxy that forwards something other than an address leaves its own peer as the client', async () => {
    trust = compileTrust('loopback');
    expect((await send({ 'x-forwarded-for': 'unknown' })).address).toBe('127.0.0.1');
  });

  it('a proxy outside the list is not believed', async () => {
    trust = compileTrust('10.0.0.0/8, 192.168.1.1');
    expect((await send({ 'x-forwarded-for': '198.51.100.7' })).address).toBe('127.0.0.1');
  });
});

describe('TRUSTED_PROXIES and the address downstream', () => {
  it('accepts IPs, CIDRs and proxy-addr’s names; refuses anything else at start', () => {
    expect(parseEnv({ TRUSTED_PROXIES: 'loopback, 10.0.0.0/8, 2001:db8::/32, 192.168.0.1' }).TRUSTED_PROXIES).toContain('loopback');
    expect(() => parseEnv({ TRUSTED_PROXIES: 'proxy.internal' })).toThrow();
    expect(() => parseEnv({ TRUSTED_PROXIES: '10.0.0.0/99' })).toThrow();
  });

  it('writes IPv4-mapped IPv6 as IPv4', () => {
    expect(canonicalAddress('::ffff:203.0.113.5')).toBe('203.0.113.5');
    expect(canonicalAddress('2001:DB8::1')).toBe('2001:db8::1');
  });

  it('clientIp reads only the decision of a stamping server: never X-Forwarded-For, and nothing under next dev', () => {
    const headers = new Headers({ 'x-forwarded-for': '203.0.113.1', 'x-real-ip': '203.0.113.2', [CLIENT_ADDRESS_HEADER]: '198.51.100.3' });
    // No server of ours decided it (next dev, tests calling handlers): the header could be anyone's.
    expect(clientIp(headers)).toBeNull();
    markClientAddressStamping();
    expect(clientIp(headers)).toBe('198.51.100.3');
    expect(clientIp(new Headers({ 'x-forwarded-for': '203.0.113.1' }))).toBeNull();
  });
});
