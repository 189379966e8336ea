// Calls a procedure through the handler every HTTP call reaches (`handleTrpc`: the production server
// and the /api/trpc route both call it), signed in with a real session cookie, so a test sees exactly
// the JSON a browser gets: status, translated message, per-field errors.
import { encode } from 'next-auth/jwt';
import superjson from 'superjson';
import { handleTrpc } from '@/server/api/http-handler';
import { LOCALE_COOKIE } from '@/server/http';
import { SESSION_MAX_AGE_SECONDS } from '@/server/auth/claims';
import type { Locale } from '@/lib/format';
import { signedIn, type TestSession } from './index';

export type HttpResult = { status: number; body: string; json: { result?: { data: { json: unknown } }; error?: { json: { message: string; code: number; data: { code: string; httpStatus: number; fieldErrors?: Record<string, string> } } } } };

export async function httpCall(opts: { host: string; session: TestSession | null; path: string; input?: unknown; type?: 'query' | 'mutation'; locale?: Locale }): Promise<HttpResult> {
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

/** The session cookie a browser signed in with these claims would send, encrypted as Auth.js issues it (src/server/auth/index.ts). */
export async function sessionCookie(session: TestSession | null): Promise<string | null> {
  if (!session) return null;
  const { kind, userId, tenantId, version, sessionId } = await signedIn(session);
  const aexp = Math.floor(Date.now() / 1000) + SESSION_MAX_AGE_SECONDS;
  const token = await encode({ token: { kind, uid: userId, tid: tenantId, sv: version, sid: sessionId, aexp }, secret: process.env.AUTH_SECRET!, salt: SESSION_COOKIE });
  return `${SESSION_COOKIE}=${token}`;
}
