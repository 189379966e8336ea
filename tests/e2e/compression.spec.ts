// tRPC answers over the wire (src/cli/serve.ts answers tRPC itself, outside Next.js's compression):
// gzipped for a client that accepts it, the same JSON once unzipped, `Vary: Accept-Encoding` always,
// small answers and clients that do not accept gzip get the body as it is — and the technician app,
// whose snapshot is the largest answer a phone reads, works on the compressed answers. Also the build's
// static files, which the server sends from copies compressed at build time.
import http from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { expect, test } from '@playwright/test';
import { DEMO, DEMO_PASSWORD, PORT, signInStaff, STAFF } from './helpers';

type Answer = { status: number; headers: http.IncomingHttpHeaders; body: Buffer };

function get(path: string, headers: Record<string, string>): Promise<Answer> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port: PORT, path, headers: { host: `demo.localhost:${PORT}`, ...headers } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      })
      .on('error', reject);
  });
}

const SNAPSHOT = `/api/trpc/tech.snapshot?batch=1&input=${encodeURIComponent(JSON.stringify({ 0: { json: null, meta: { values: ['undefined'], v: 1 } } }))}`;

test('tRPC answers are gzipped for clients that accept it, and the same once unzipped', async ({ page, context }) => {
  await signInStaff(page, STAFF.technician, DEMO_PASSWORD, DEMO, '/tech');
  await expect(page.getByTestId('next-visit').or(page.getByTestId('no-visit'))).toBeVisible();
  const cookie = (await context.cookies(DEMO)).map((c) => `${c.name}=${c.value}`).join('; ');

  const plain = await get(SNAPSHOT, { cookie });
  expect(plain.status).toBe(200);
  expect(plain.headers['content-encoding']).toBeUndefined();
  expect(plain.headers.vary?.toLowerCase()).toContain('accept-encoding');
  expect(plain.body.length).toBeGreaterThan(1024);
  const json = JSON.parse(plain.body.toString('utf8')) as [{ result: { data: { json: { tickets: unknown[] } } } }];
  expect(json[0].result.data.json.tickets.length).toBeGreaterThan(0);

  const zipped = await get(SNAPSHOT, { cookie, 'accept-encoding': 'br;q=1, gzip;q=0.8' });
  expect(zipped.status).toBe(200);
  expect(zipped.headers['content-encoding']).toBe('gzip');
  expect(zipped.headers.vary?.toLowerCase()).toContain('accept-encoding');
  expect(zipped.body.length).toBeLessThan(plain.body.length / 3);
  // The same answer but for the moment it was read ("syncedAt"), unzipped.
  const unzipped = JSON.parse(gunzipSync(zipped.body).toString('utf8')) as typeof json;
  const withoutTime = (a: typeof json) => JSON.stringify({ ...a[0].result.data.json, syncedAt: null });
  expect(withoutTime(unzipped)).toBe(withoutTime(json));

  // gzip refused (q=0), or a small answer: as it is.
  expect((await get(SNAPSHOT, { cookie, 'accept-encoding': 'gzip;q=0, *' })).headers['content-encoding']).toBeUndefined();
  const me = await get('/api/trpc/users.me', { cookie, 'accept-encoding': 'gzip' });
  expect(me.status).toBe(200);
  expect(me.body.length).toBeLessThan(1024);
  expect(me.headers['content-encoding']).toBeUndefined();
});

// The build's static files (src/server/static-files.ts): sent from the copies the build compressed
// (brotli, else gzip, as the request allows), the same bytes once decoded, immutable, with the
// security headers every answer gets; a path the build does not have goes on to Next.js (404).
test("the build's scripts and styles are sent from their compressed copies, as the client allows", async () => {
  const html = (await get('/login', {})).body.toString('utf8');
  const script = /<script[^>]+src="(\/_next\/static\/chunks\/[^"]+\.js)"/.exec(html)?.[1];
  const style = /<link[^>]+href="(\/_next\/static\/chunks\/[^"]+\.css)"/.exec(html)?.[1];
  expect(script, 'a script of the sign-in page').toBeTruthy();
  expect(style, 'a stylesheet of the sign-in page').toBeTruthy();

  for (const file of [script!, style!]) {
    const plain = await get(file, {});
    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers['content-type']).toMatch(file.endsWith('.js') ? /^text\/javascript/ : /^text\/css/);
    expect(plain.headers['cache-control']).toBe('public,max-age=31536000,immutable');
    expect(plain.headers['x-content-type-options']).toBe('nosniff');
    expect(plain.headers.vary?.toLowerCase()).toContain('accept-encoding');

    const br = await get(file, { 'accept-encoding': 'gzip, deflate, br, zstd' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(Number(br.headers['content-length'])).toBe(br.body.length);
    expect(brotliDecompressSync(br.body).equals(plain.body)).toBe(true);

    const gz = await get(file, { 'accept-encoding': 'br;q=0, gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).equals(plain.body)).toBe(true);
    expect(br.body.length).toBeLessThan(gz.body.length);
    expect(gz.body.length).toBeLessThan(plain.body.length);

    // Refused by q=0: as it is.
    const refused = await get(file, { 'accept-encoding': 'gzip;q=0, br;q=0' });
    expect(refused.headers['content-encoding']).toBeUndefined();
    expect(refused.body.equals(plain.body)).toBe(true);
  }
  expect((await get('/_next/static/chunks/no-such-chunk.js', { 'accept-encoding': 'br' })).status).toBe(404);
});
