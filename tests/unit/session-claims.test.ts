// The API reads the session cookie itself (src/server/auth/claims.ts): it must accept exactly what
// Auth.js issued and nothing else — not a tampered token, not an expired one, not one for another secret.
import { beforeAll, describe, expect, it } from 'vitest';
import { encode } from 'next-auth/jwt';
import { requestClaims } from '@/server/auth/claims';

const SECRET = 'unit-test-secret-unit-test-secret-0123456789';
const COOKIE = 'authjs.session-token';

function requestWith(token: string, url = 'http://demo.localhost:3000/api/trpc/users.me') {
  return new Request(url, { headers: { cookie: `${COOKIE}=${token}` } });
}

beforeAll(() => {
  process.env.AUTH_SECRET = SECRET;
});

describe('requestClaims', () => {
  it('reads the claims Auth.js put in the token, and the same token again from memory', async () => {
    const token = await encode({ token: { tid: 't-1', uid: 'u-1', kind: 'staff' }, secret: SECRET, salt: COOKIE });
    expect(await requestClaims(requestWith(token))).toEqual({ kind: 'staff', userId: 'u-1', tenantId: 't-1' });
    expect(await requestClaims(requestWith(token))).toEqual({ kind: 'staff', userId: 'u-1', tenantId: 't-1' });
  });

  it('no cookie, a tampered token, another secret, an expired token or missing claims: no session', async () => {
    expect(await requestClaims(new Request('http://demo.localhost:3000/'))).toBeNull();
    const token = await encode({ token: { tid: 't-2', uid: 'u-2', kind: 'customer' }, secret: SECRET, salt: COOKIE });
    const tampered = token.slice(0, -6) + (token.endsWith('AAAAAA') ? 'BBBBBB' : 'AAAAAA');
    expect(await requestClaims(requestWith(tampered))).toBeNull();
    const foreign = await encode({ token: { tid: 't-2', uid: 'u-2', kind: 'customer' }, secret: 'another-secret-another-secret-0123456789', salt: COOKIE });
    expect(await requestClaims(requestWith(foreign))).toBeNull();
    const expired = await encode({ token: { tid: 't-2', uid: 'u-2', kind: 'customer' }, secret: SECRET, salt: COOKIE, maxAge: -60 });
    expect(await requestClaims(requestWith(expired))).toBeNull();
    const partial = await encode({ token: { tid: 't-2', kind: 'admin' }, secret: SECRET, salt: COOKIE });
    expect(await requestClaims(requestWith(partial))).toBeNull();
  });

  it('on https the secure cookie name is the one read', async () => {
    const secureName = `__Secure-${COOKIE}`;
    const token = await encode({ token: { tid: 't-3', uid: 'u-3', kind: 'staff' }, secret: SECRET, salt: secureName });
    const request = new Request('https://demo.antena.example/api/trpc/users.me', { headers: { cookie: `${secureName}=${token}` } });
    expect(await requestClaims(request)).toEqual({ kind: 'staff', userId: 'u-3', tenantId: 't-3' });
    expect(await requestClaims(requestWith(token, 'https://demo.antena.example/api/trpc/users.me'))).toBeNull();
  });
});
