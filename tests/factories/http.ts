// Calls a procedure through the handler every HTTP call reaches (`handleTrpc`: the production server
// and the /api/trpc route both call it), signed in with a real session cookie, so a test sees exactly
// the JSON a browser gets: status, translated message, per-field errors.
import { encode } from 'next-auth/jwt';
import superjson from 'superjson';
import { handleTrpc } from '@/server/api/http-handler';
import { LOCALE_COOKIE } from '@/server/http';
import type { SessionClaims } from '@/server/api/trpc';
import type { Locale } from '@/lib/format';

export type HttpResult = { status: number; body: string; json: { result?: { data: { json: unknown } }; error?: { json: { message: string; code: number; data: { code: string; httpStatus: number; fieldErrors?: Record<string, string> } } } } };

export async function httpCall(opts: { host: string; session: SessionClaims | null; path: string; input?: unknown; type?: 'query' | 'mutation'; locale?: Locale }): Promise<HttpResult> {
  const type = opts.type ?? 'mutation';
  const payload = JSON.stringify(superjson.serialize(opts.input));
  const url = `http://${opts.host}/api/trpc/${opts.path}${type === 'query' ? `?input=${encodeURIComponent(payload)}` : ''}`;
  const cookies = [await sessionCookie(opts.session), opts.locale ? `${LOCALE_COOKIE}=${opts.locale}` : null].filter(Boolean);
  const headers: Record<string, string> = { host: opts.host, 'content-type': 'application/json', ...(cookies.length ? { cookie: cookies.join('; ') } : {}) };
  const res = await handleTrpc(new Request(url, { method: type === 'query' ? 'GET' : 'POST', headers, body: type === 'query' ? undefined : payload }));
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
