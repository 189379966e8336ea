// Calls a procedure through tRPC's fetch handler — the same one the /api/trpc route uses — so a
// test sees exactly the JSON a browser gets: status, translated message, per-field errors.
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { encode } from 'next-auth/jwt';
import superjson from 'superjson';
import { appRouter } from '@/server/api/root';
import { createContext, type SessionClaims } from '@/server/api/trpc';
import type { Locale } from '@/lib/format';

export type HttpResult = { status: number; body: string; json: { result?: { data: { json: unknown } }; error?: { json: { message: string; code: number; data: { code: string; httpStatus: number; fieldErrors?: Record<string, string> } } } } };

export async function httpCall(opts: { host: string; session: SessionClaims | null; path: string; input?: unknown; type?: 'query' | 'mutation'; locale?: Locale }): Promise<HttpResult> {
  const type = opts.type ?? 'mutation';
  const payload = JSON.stringify(superjson.serialize(opts.input));
  const url = `http://${opts.host}/api/trpc/${opts.path}${type === 'query' ? `?input=${encodeURIComponent(payload)}` : ''}`;
  const req = new Request(url, { method: type === 'query' ? 'GET' : 'POST', headers: { host: opts.host, 'content-type': 'application/json' }, body: type === 'query' ? undefined : payload });
  const res = await fetchRequestHandler({
    endpoint: '/api/trpc',
    req,
    router: appRouter,
    createContext: () => createContext({ host: opts.host, session: opts.session, ip: null, locale: opts.locale ?? null }),
  });
  const body = await res.text();
  return { status: res.status, body, json: JSON.parse(body) };
}

export const SESSION_COOKIE = 'authjs.session-token';
process.env.AUTH_SECRET ??= 'integration-test-secret-0123456789-abcdefgh';

/** The session cookie a browser signed in with these claims would send, encrypted as Auth.js issues it. */
export async function sessionCookie(claims: SessionClaims | null): Promise<string | null> {
  if (!claims) return null;
  const { kind, userId, tenantId } = claims;
  const token = await encode({ token: { kind, uid: userId, tid: tenantId }, secret: process.env.AUTH_SECRET!, salt: SESSION_COOKIE });
  return `${SESSION_COOKIE}=${token}`;
}
