// The client's address of a request, decided once by the production server (src/cli/serve.ts), the
// one place that has the socket. X-Forwarded-For is believed only hop by hop from proxies named in
// TRUSTED_PROXIES (none by default): the client is the right-most address that is not a trusted
// proxy (proxy-addr's rule), so addresses a client writes into the header itself — always to the left
// of what a trusted proxy appends — are never taken. The result goes downstream in
// CLIENT_ADDRESS_HEADER, which a client cannot set: any copy it sent is dropped first.
import { isIP } from 'node:net';
import type { IncomingMessage } from 'node:http';
import proxyaddr from 'proxy-addr';
import { CLIENT_ADDRESS_HEADER } from '@/server/http';

export type Trust = (address: string, hop: number) => boolean;

/** What a proxy says about the client; believed only when the request's peer is a trusted proxy. */
const FORWARDING_HEADERS = new Set(['x-forwarded-for', 'x-forwarded-host', 'x-forwarded-proto', 'x-forwarded-port', 'forwarded', 'x-real-ip']);

/** TRUSTED_PROXIES (comma-separated IPs, CIDRs, or proxy-addr's `loopback`, `linklocal`, `uniquelocal`) → who is trusted. Throws on a bad entry. */
export function compileTrust(list: string): Trust {
  const entries = list.split(',').map((entry) => entry.trim()).filter(Boolean);
  return entries.length ? proxyaddr.compile(entries) : () => false;
}

/** One spelling per address: an IPv4-mapped IPv6 address (::ffff:10.0.0.1, as a dual-stack socket reports IPv4) as IPv4; IPv6 in lower case. */
export function canonicalAddress(address: string): string {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  return mapped ? mapped[1]! : address.toLowerCase();
}

/**
 * Decides the client's address and rewrites the request's headers so that everything downstream
 * (Next.js, Auth.js, the tRPC handler) sees only what can be believed: CLIENT_ADDRESS_HEADER with
 * this address, and forwarding headers only when they came from a trusted proxy. Returns the address.
 */
export function stampClientAddress(req: IncomingMessage, trust: Trust): string {
  const peer = req.socket.remoteAddress ?? '';
  const decided = peer ? proxyaddr(req, trust) : '';
  // A trusted proxy that wrote something else than an address in X-Forwarded-For: its own peer then.
  const address = canonicalAddress(isIP(decided) ? decided : peer);
  const fromProxy = peer !== '' && trust(peer, 0);
  const dropped = (name: string) => name === CLIENT_ADDRESS_HEADER || (!fromProxy && FORWARDING_HEADERS.has(name));
  for (const name of Object.keys(req.headers)) if (dropped(name)) delete req.headers[name];
  req.headers[CLIENT_ADDRESS_HEADER] = address;
  // The tRPC path builds its Request from rawHeaders: the same headers there.
  const raw: string[] = [];
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    if (!dropped(req.rawHeaders[i]!.toLowerCase())) raw.push(req.rawHeaders[i]!, req.rawHeaders[i + 1]!);
  }
  raw.push(CLIENT_ADDRESS_HEADER, address);
  req.rawHeaders = raw;
  return address;
}
