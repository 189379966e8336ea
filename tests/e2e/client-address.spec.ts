// Forged client addresses (issue 15, point 3), through the real production server: a new
// X-Forwarded-For on every sign-in attempt does not escape the per-address throttle. The requests
// come from 127.0.0.5 and 127.0.0.6 (loopback addresses of this machine, bound as the source), so
// the browser specs' own address, 127.0.0.1, is left alone.
import http from 'node:http';
import { expect, test } from '@playwright/test';
import { DEMO, PORT } from './helpers';

const HOST = new URL(DEMO).host;

function request(from: string, method: 'GET' | 'POST', path: string, headers: Record<string, string>, body?: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: PORT, localAddress: from, method, path, headers: { host: HOST, ...headers }, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** One failed staff sign-in through Auth.js, as the sign-in form sends it: the `code` it answers (invalid, or throttled:<seconds>). */
async function failedSignIn(from: string, email: string, forwardedFor: string): Promise<string> {
  const csrf = await request(from, 'GET', '/api/auth/csrf', { 'x-forwarded-for': forwardedFor });
  const cookie = (csrf.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]).join('; ');
  const { csrfToken } = JSON.parse(csrf.text) as { csrfToken: string };
  const body = new URLSearchParams({ email, password: 'no-es-la-clave', csrfToken, callbackUrl: DEMO }).toString();
  const res = await request(from, 'POST', '/api/auth/callback/staff', {
    cookie,
    'content-type': 'application/x-www-form-urlencoded',
    'x-auth-return-redirect': '1',
    'x-forwarded-for': forwardedFor,
    'x-real-ip': forwardedFor,
  }, body);
  const { url } = JSON.parse(res.text) as { url: string };
  return new URL(url).searchParams.get('code') ?? '';
}

test('a rotating X-Forwarded-For does not escape the per-address sign-in throttle', async () => {
  test.setTimeout(180_000);
  const codes: string[] = [];
  // 31 accounts nobody has, each attempt "from" a new address in X-Forwarded-For: one address all the same.
  for (let i = 0; i < 31; i++) codes.push(await failedSignIn('127.0.0.5', `nadie-${i}@demo.antena.test`, `198.51.100.${i + 1}, 203.0.113.${i + 1}`));
  expect(codes.slice(0, 30)).toEqual(Array(30).fill('invalid'));
  // The 31st failure from one address makes its next attempt wait.
  expect(codes[30]).toBe('throttled:1');
  expect(await failedSignIn('127.0.0.5', 'otro@demo.antena.test', '192.0.2.200')).toMatch(/^throttled:\d+$/);
  // Another real address is another bucket.
  expect(await failedSignIn('127.0.0.6', 'otro@demo.antena.test', '198.51.100.1')).toBe('invalid');
});
