// The API reads the session cookie itself (src/server/auth/claims.ts): it must accept exactly what
// Auth.js issued and nothing else — not a tampered token, not an expired one, not one for another
// secret, not one past its session's end, not one from before sessions had a version and an id.
import { beforeAll, describe, expect, it } from 'vitest';
import { encode } from 'next-auth/jwt';
import { requestClaims, toClaims } from '@/server/auth/claims';

const SECRET = 'unit-test-secret-unit-test-secret-0123456789';
const COOKIE = 'authjs.session-token';
const SID = '0191c1d2-7e3f-7a1b-8c4d-5e6f7a8b9c0d';
const inAnHour = () => Math.floor(Date.now() / 1000) + 3600;

function requestWith(token: string, url = 'http://demo.localhost:3000/api/trpc/users.me') {
  return new Request(url, { headers: { cookie: `${COOKIE}=${token}` } });
}

beforeAll(() => {
  process.env.AUTH_SECRET = SECRET;
});

describe('requestClaims', () => {
  it('reads the claims Auth.js put in the token, and the same token again from memory', async () => {
    const token = await encode({ token: { tid: 't-1', uid: 'u-1', kind: 'staff', sv: 3, sid: SID, aexp: inAnHour() }, secret: SECRET, salt: COOKIE });
    const claims = { kind: 'staff', userId: 'u-1', tenantId: 't-1', version: 3, sessionId: SID };
    expect(await requestClaims(requestWith(token))).toEqual(claims);
    expect(await requestClaims(requestWith(token))).toEqual(claims);
  });

  it('no cookie, a tampered token, another secret, an expired token or missing claims: no session', async () => {
    expect(await requestClaims(new Request('http://demo.localhost:3000/'))).toBeNull();
    const claims = { tid: 't-2', uid: 'u-2', kind: 'customer', sv: 0, sid: SID, aexp: inAnHour() };
    const token = await encode({ token: claims, secret: SECRET, salt: COOKIE });
    const tampered = token.slice(0, -6) + (token.endsWith('AAAAAA') ? 'BBBBBB' : 'AAAAAA');
    expect(await requestClaims(requestWith(tampered))).toBeNull();
    const foreign = await encode({ token: claims, secret: 'another-secret-another-secret-0123456789', salt: COOKIE });
    expect(await requestClaims(requestWith(foreign))).toBeNull();
    const expired = await encode({ token: claims, secret: SECRET, salt: COOKIE, maxAge: -60 });
    expect(await requestClaims(requestWith(expired))).toBeNull();
    const partial = await encode({ token: { tid: 't-2', kind: 'admin' }, secret: SECRET, salt: COOKIE });
    expect(await requestClaims(requestWith(partial))).toBeNull();
  });

  it('a token issued before sessions had a version and an id, or past its session’s end, is no session', async () => {
    const old = await encode({ token: { tid: 't-4', uid: 'u-4', kind: 'staff' }, secret: SECRET, salt: COOKIE });
    expect(await requestClaims(requestWith(old))).toBeNull();
    // Re-issued (fresh `exp`) but its session ended a minute ago: re-issuing never extends a session.
    const ended = await encode({ token: { tid: 't-4', uid: 'u-4', kind: 'staff', sv: 0, sid: SID, aexp: Math.floor(Date.now() / 1000) - 60 }, secret: SECRET, salt: COOKIE });
    expect(await requestClaims(requestWith(ended))).toBeNull();
    expect(toClaims({ tid: 't', uid: 'u', kind: 'staff', sv: 1.5, sid: SID, aexp: inAnHour() })).toBeNull();
    expect(toClaims({ tid: 't', uid: 'u', kind: 'staff', sv: 1, sid: SID, aexp: 1000 }, 999_999)).toEqual({ kind: 'staff', userId: 'u', tenantId: 't', version: 1, sessionId: SID });
    expect(toClaims({ tid: 't', uid: 'u', kind: 'staff', sv: 1, sid: SID, aexp: 1000 }, 1_000_000)).toBeNull();
  });

  it('on https the secure cookie name is the one read', async () => {
    const secureName = `__Secure-${COOKIE}`;
    const token = await encode({ token: { tid: 't-3', uid: 'u-3', kind: 'staff', sv: 0, sid: SID, aexp: inAnHour() }, secret: SECRET, salt: secureName });
    const request = new Request('https://demo.antena.example/api/trpc/users.me', { headers: { cookie: `${secureName}=${token}` } });
    expect(await requestClaims(request)).toEqual({ kind: 'staff', userId: 'u-3', tenantId: 't-3', version: 0, sessionId: SID });
    expect(await requestClaims(requestWith(token, 'https://demo.antena.example/api/trpc/users.me'))).toBeNull();
  });
});
