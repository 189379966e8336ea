// The session claims of an API request, read straight from the session cookie. Auth.js's `auth()`
// runs its whole request pipeline and re-issues the cookie on every call; decrypting the JWT alone
// costs about 1.4 ms (key derivation, JWE). A token string decrypted once is remembered until it
// expires: the same string always decrypts to the same claims, so this changes no answer — an
// expired, tampered or foreign token is still no session. Whether the session was since revoked is
// not in the token: the caller's row is reloaded on every call and checks it (services/auth/actors.ts).
import { getToken } from 'next-auth/jwt';
import type { SessionClaims } from '@/server/api/trpc';

/** How long a session lasts from its sign-in; re-issuing the cookie never extends it past this. */
export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;

const MAX_ENTRIES = 10_000;
type Entry = { claims: SessionClaims | null; expiresAt: number };
const shared = globalThis as typeof globalThis & { __antenaClaims?: Map<string, Entry> };
const remembered = (shared.__antenaClaims ??= new Map<string, Entry>());

function secret(): string {
  const value = process.env.AUTH_SECRET;
  if (!value) throw new Error('AUTH_SECRET is not set (npm start generates one)');
  return value;
}

export async function requestClaims(request: Request): Promise<SessionClaims | null> {
  const secureCookie = new URL(request.url).protocol === 'https:' || request.headers.get('x-forwarded-proto') === 'https';
  const raw = await getToken({ req: request, secret: secret(), secureCookie, raw: true });
  if (!raw) return null;
  const hit = remembered.get(raw);
  if (hit && hit.expiresAt > Date.now()) return hit.claims;

  const token = await getToken({ req: request, secret: secret(), secureCookie });
  const claims = token ? toClaims(token as Record<string, unknown>) : null;
  if (remembered.size >= MAX_ENTRIES) remembered.clear();
  const exp = token && typeof token.exp === 'number' ? token.exp * 1000 : Date.now() + 60_000;
  const ends = claims ? sessionEndsAt(token as Record<string, unknown>) : exp;
  remembered.set(raw, { claims, expiresAt: Math.min(exp, ends, Date.now() + 60 * 60_000) });
  return claims;
}

/** When the session of this token ends (its `aexp`, set once at sign-in), in ms; 0 if it has none. */
export function sessionEndsAt(token: Record<string, unknown>): number {
  return typeof token.aexp === 'number' ? token.aexp * 1000 : 0;
}

/**
 * The claims of a token issued at sign-in (src/server/auth/index.ts), or null for anything else: the
 * tenant, the person, the session version they signed in with, this session's id, and a session
 * end still ahead. Tokens from before session versions existed carry none, so they are no session.
 */
export function toClaims(token: Record<string, unknown>, now = Date.now()): SessionClaims | null {
  const { tid, uid, kind, sv, sid } = token;
  if (typeof tid !== 'string' || typeof uid !== 'string' || (kind !== 'staff' && kind !== 'customer')) return null;
  if (typeof sv !== 'number' || !Number.isInteger(sv) || typeof sid !== 'string' || sessionEndsAt(token) <= now) return null;
  return { kind, userId: uid, tenantId: tid, version: sv, sessionId: sid };
}
