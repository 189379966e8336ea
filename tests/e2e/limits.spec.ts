// Bad input at the HTTP edge: oversized payloads get a translated 413, never a 500 or a stack trace.
import http from 'node:http';
import { expect, test } from '@playwright/test';
import { DEMO, LOOPBACK } from './helpers';

test('a tRPC payload over 1 MB is a translated 413', async ({ request }) => {
  const big = JSON.stringify({ json: { name: 'x'.repeat(2 * 1024 * 1024) } });
  const res = await request.post(`${LOOPBACK}/api/trpc/customers.create`, {
    data: big,
    headers: { host: new URL(DEMO).host, 'content-type': 'application/json', cookie: 'NEXT_LOCALE=en' },
  });
  expect(res.status()).toBe(413);
  const body = await res.json();
  expect(body.error.message).toMatch(/too large/i);
  expect(JSON.stringify(body)).not.toMatch(/at .*\.js:\d+/);
});

test('a tRPC payload streamed without a length is a translated 413 once it passes 1 MB', async () => {
  // Chunked, so no Content-Length announces the size: the server counts what arrives.
  const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = http.request(`${LOOPBACK}/api/trpc/customers.create`, {
      method: 'POST',
      headers: { host: new URL(DEMO).host, 'content-type': 'application/json', cookie: 'NEXT_LOCALE=en', 'transfer-encoding': 'chunked' },
    }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (c: string) => (body += c)).on('end', () => resolve({ status: res.statusCode!, body }));
    });
    req.on('error', reject);
    const chunk = 'x'.repeat(64 * 1024);
    for (let i = 0; i < 20; i++) req.write(chunk); // 1.25 MB
    req.end();
  });
  expect(answer.status).toBe(413);
  expect(JSON.parse(answer.body)).toEqual({ error: { code: 'PAYLOAD_TOO_LARGE', message: expect.stringMatching(/too large/i) } });
});

test('malformed tRPC input is a translated 400 with per-field errors', async ({ request }) => {
  const res = await request.post(`${LOOPBACK}/api/trpc/tenants.signUp`, {
    data: { json: { name: '', slug: 'NO VALE', country: 'ZZ', adminName: '', adminEmail: 'no-es-correo', adminPassword: '1' } },
    headers: { host: `localhost:${new URL(DEMO).port}` },
  });
  expect(res.status()).toBe(400);
  const body = await res.json();
  expect(body.error.json.data.fieldErrors).toHaveProperty('adminEmail');
  expect(JSON.stringify(body)).not.toMatch(/stack|at .*\.js:\d+/);
});

test('a tRPC call whose Host cannot make an address is a translated 400, not a 500', async ({ request }) => {
  const res = await request.get(`${LOOPBACK}/api/trpc/users.me`, { headers: { host: '[bad', cookie: 'NEXT_LOCALE=en' } });
  expect(res.status()).toBe(400);
  expect(await res.json()).toEqual({ error: { code: 'BAD_REQUEST', message: 'The site address (Host) is not valid.' } });
});
