// The security policy of src/lib/security-headers.ts as a table: what a page, a resource and a ticket
// file may do, built from the environment (the tile server, development, HTTPS).
import { describe, expect, it } from 'vitest';
import {
  APP_WORKER_CSP, arrivedOverHttps, commonHeaders, defaultHeaders, fileContentSecurityPolicy, newNonce, pageContentSecurityPolicy, RESOURCE_CSP, resourceHeaders, SERVICE_WORKER_CSP, tileSource,
} from '@/lib/security-headers';

const OSM = 'https://tile.openstreetmap.org/{z}/{x}/{y}.png';

function directives(csp: string): Record<string, string[]> {
  return Object.fromEntries(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...sources]) => [name!, sources]));
}

describe('the tile server as a CSP source', () => {
  it.each([
    [OSM, 'https://tile.openstreetmap.org'],
    ['https://{s}.tile.openstreetmap.org/{z}/{x}/{y}{r}.png', 'https://*.tile.openstreetmap.org'],
    ['http://127.0.0.1:40123/tiles/{z}/{x}/{y}.png', 'http://127.0.0.1:40123'],
    ['HTTPS://Tiles.Example.COM:8443/{z}/{x}/{y}.png?key=abc', 'https://tiles.example.com:8443'],
    ['https://tiles-{s}.example.com/{z}/{x}/{y}.png', 'https://*.example.com'],
    ['/tiles/{z}/{x}/{y}.png', null],
  ])('%s → %s', (url, source) => {
    expect(tileSource(url)).toBe(source);
  });
});

describe('a page’s Content-Security-Policy', () => {
  const nonce = 'bm9uY2Utbm9uY2Utbm9uY2U=';
  const prod = directives(pageContentSecurityPolicy(nonce, { tileUrl: 'http://127.0.0.1:40123/tiles/{z}/{x}/{y}.png', dev: false, https: false }));

  it('runs only scripts with its nonce and what they load: no inline script, no eval', () => {
    expect(prod['script-src']).toEqual(["'self'", `'nonce-${nonce}'`, "'strict-dynamic'"]);
    expect(prod['script-src']).not.toContain("'unsafe-inline'");
    expect(prod['script-src']).not.toContain("'unsafe-eval'");
  });

  it('holds style elements to the nonce; style attributes stay allowed (e-mail preview, user colors)', () => {
    expect(prod['style-src']).toEqual(["'self'", `'nonce-${nonce}'`]);
    expect(prod['style-src-elem']).toEqual(["'self'", `'nonce-${nonce}'`]);
    expect(prod['style-src-attr']).toEqual(["'unsafe-inline'"]);
  });

  it('fetches images from itself and the tile server only, talks to itself, and is never framed', () => {
    expect(prod['img-src']).toEqual(["'self'", 'data:', 'blob:', 'http://127.0.0.1:40123']);
    expect(prod['connect-src']).toEqual(["'self'"]);
    expect(prod['worker-src']).toEqual(["'self'"]);
    expect(prod['default-src']).toEqual(["'self'"]);
    expect(prod['frame-ancestors']).toEqual(["'none'"]);
    expect(prod['object-src']).toEqual(["'none'"]);
    expect(prod['base-uri']).toEqual(["'self'"]);
    expect(prod['form-action']).toEqual(["'self'"]);
    expect(prod['upgrade-insecure-requests']).toBeUndefined();
  });

  it('in development allows what next dev needs (eval, injected styles, the hot-reload socket)', () => {
    const dev = directives(pageContentSecurityPolicy(nonce, { tileUrl: OSM, dev: true, https: false }));
    expect(dev['script-src']).toEqual(["'self'", `'nonce-${nonce}'`, "'strict-dynamic'", "'unsafe-eval'"]);
    expect(dev['style-src']).toEqual(["'self'", "'unsafe-inline'"]);
    expect(dev['connect-src']).toEqual(["'self'", 'ws:', 'wss:']);
    expect(dev['img-src']).toContain('https://tile.openstreetmap.org');
  });

  it('over HTTPS, upgrades insecure requests', () => {
    expect(directives(pageContentSecurityPolicy(nonce, { tileUrl: OSM, dev: false, https: true }))['upgrade-insecure-requests']).toEqual([]);
  });

  it('nonces are new every time and unguessable (16 random bytes)', () => {
    const nonces = new Set(Array.from({ length: 100 }, newNonce));
    expect(nonces.size).toBe(100);
    for (const n of nonces) expect(Buffer.from(n, 'base64')).toHaveLength(16);
  });
});

describe('every other answer', () => {
  it('a resource (JSON, files, scripts) may load and run nothing, nor be framed', () => {
    expect(directives(RESOURCE_CSP)).toEqual({ 'default-src': ["'none'"], 'frame-ancestors': ["'none'"], 'base-uri': ["'none'"], 'form-action': ["'none'"] });
    expect(new Map(resourceHeaders(false)).get('content-security-policy')).toBe(RESOURCE_CSP);
  });

  it('the service worker may fetch from its own origin only (precache, pages), and load no script', () => {
    expect(directives(SERVICE_WORKER_CSP)).toEqual({
      'default-src': ["'none'"], 'connect-src': ["'self'"], 'img-src': ["'self'"], 'frame-ancestors': ["'none'"], 'base-uri': ["'none'"], 'form-action': ["'none'"],
    });
    expect(new Map(defaultHeaders('/sw.js', false)).get('content-security-policy')).toBe(SERVICE_WORKER_CSP);
    expect(new Map(defaultHeaders('/sw.js', true)).has('strict-transport-security')).toBe(true);
    // Anything else, even a look-alike path, is a resource.
    for (const path of ['/', '/sw.js.map', '/tech/sw.js', '/icons/icon-192.png', '/tech/manifest.webmanifest']) expect(new Map(defaultHeaders(path, false)).get('content-security-policy'), path).toBe(RESOURCE_CSP);
  });

  it("an app worker's entry (Turbopack's turbopack-worker-*.js) may load scripts and make requests of its own origin only", () => {
    expect(directives(APP_WORKER_CSP)).toEqual({
      'default-src': ["'none'"], 'script-src': ["'self'"], 'connect-src': ["'self'"], 'frame-ancestors': ["'none'"], 'base-uri': ["'none'"], 'form-action': ["'none'"],
    });
    expect(new Map(defaultHeaders('/_next/static/chunks/turbopack-worker-1hrsqshz0gfey.js', false)).get('content-security-policy')).toBe(APP_WORKER_CSP);
    expect(new Map(defaultHeaders('/_next/static/chunks/turbopack-worker-1hrsqshz0gfey.js', true)).has('strict-transport-security')).toBe(true);
    // Its chunks, and anything that only looks like it, stay resources.
    for (const path of ['/_next/static/chunks/0ha5zr7zv96n6.js', '/_next/static/chunks/turbopack-worker-x.js.map', '/_next/static/chunks/a/turbopack-worker-x.js', '/turbopack-worker-x.js', '/_next/static/chunks/turbopack-worker-x.js/x']) {
      expect(new Map(defaultHeaders(path, false)).get('content-security-policy'), path).toBe(RESOURCE_CSP);
    }
  });

  it('a ticket file runs nothing in a sandbox; a PDF is still never framed', () => {
    expect(directives(fileContentSecurityPolicy('image/svg+xml'))).toMatchObject({ 'default-src': ["'none'"], sandbox: [], 'frame-ancestors': ["'none'"] });
    expect(directives(fileContentSecurityPolicy('application/pdf'))).toEqual({ 'frame-ancestors': ["'none'"] });
  });

  it('the common headers; HSTS only over HTTPS', () => {
    const http = new Map(commonHeaders(false));
    expect(Object.fromEntries(http)).toMatchObject({
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'referrer-policy': 'strict-origin-when-cross-origin',
      'cross-origin-opener-policy': 'same-origin',
    });
    expect(http.get('permissions-policy')).toMatch(/(^|, )microphone=\(\)/);
    expect(http.has('strict-transport-security')).toBe(false);
    expect(new Map(commonHeaders(true)).get('strict-transport-security')).toBe('max-age=63072000; includeSubDomains');
    expect(new Map(resourceHeaders(true)).has('strict-transport-security')).toBe(true);
  });

  it('HTTPS: PUBLIC_SCHEME=https, or the load balancer’s X-Forwarded-Proto', () => {
    expect(arrivedOverHttps('https', null)).toBe(true);
    expect(arrivedOverHttps('http', 'https')).toBe(true);
    expect(arrivedOverHttps('http', 'HTTPS, http')).toBe(true);
    expect(arrivedOverHttps('http', 'http')).toBe(false);
    expect(arrivedOverHttps(undefined, undefined)).toBe(false);
  });
});
