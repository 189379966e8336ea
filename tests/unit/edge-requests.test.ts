// What the production server refuses before anything reads a request (src/server/edge.ts); the
// real server's answers are tested end to end in tests/e2e/security.spec.ts.
import { describe, expect, it } from 'vitest';
import { edgeRefusal, isWellFormedHost } from '@/server/edge';

describe('Host headers', () => {
  it.each(['demo.localhost:3000', 'localhost', 'DEMO.Localhost:3000', 'soporte.fibrasur.com.ar', 'soporte.fibrasur.com.ar.', '127.0.0.1:3100', '[::1]:3000', '[2001:db8::1]', 'xn--fibra-ta.example', 'a_b.internal'])(
    'accepts %s',
    (host) => expect(isWellFormedHost(host)).toBe(true),
  );
  it.each([undefined, '', ' ', 'user@demo.localhost', 'user:pass@demo.localhost:3000', 'demo.localhost:99999', 'demo.localhost:', 'de mo.localhost', 'demo.localhost/x', 'demo..localhost', '.demo.localhost', 'demo.localhost:3000:1', '[::1', 'demo.localhost#x', 'demo\\localhost', '-demo.localhost', 'demo-.localhost', `${'a'.repeat(64)}.localhost`])(
    'refuses %j',
    (host) => expect(isWellFormedHost(host)).toBe(false),
  );
});

describe('refusals at the edge', () => {
  const host = 'demo.localhost:3000';
  it('lets ordinary requests through', () => {
    for (const method of ['GET', 'HEAD', 'POST']) expect(edgeRefusal(method, '/tickets?q=1', host)).toBeNull();
    expect(edgeRefusal('POST', '/api/trpc/tickets.create', host)).toBeNull();
  });
  it.each(['TRACE', 'TRACK', 'CONNECT', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'PROPFIND', undefined])('%s is 405 with Allow', (method) => {
    expect(edgeRefusal(method, '/', host)).toMatchObject({ status: 405, key: 'methodNotAllowed', allow: true });
  });
  it('a malformed Host is 400', () => {
    expect(edgeRefusal('GET', '/', 'user@demo.localhost:3000')).toMatchObject({ status: 400, key: 'badHost' });
    expect(edgeRefusal('GET', '/api/trpc/users.me', undefined)).toMatchObject({ status: 400, key: 'badHost' });
  });
  it.each(['http://elsewhere.test/login', '//elsewhere.test/login', '*', ''])('a target that is not a path (%j) is 400', (target) => {
    expect(edgeRefusal('GET', target, host)).toMatchObject({ status: 400, key: 'badRequestTarget' });
  });
});
