// tRPC answers' compression (src/server/compression.ts): which Accept-Encoding headers accept gzip,
// and what is sent: small bodies and refused gzip as they are, the rest gzipped to the same bytes.
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { acceptsGzip, COMPRESS_MIN_BYTES, encodeBody } from '@/server/compression';

describe('acceptsGzip', () => {
  it.each([
    ['gzip, deflate, br', true],
    ['br;q=1.0, GZIP;q=0.5', true],
    ['gzip;q=0', false],
    ['gzip;q=0.0, *', false],
    ['*', true],
    ['*;q=0', false],
    ['deflate, br', false],
    ['identity', false],
    ['', false],
    [undefined, false],
  ])('%s → %s', (header, accepted) => {
    expect(acceptsGzip(header)).toBe(accepted);
  });
});

describe('encodeBody', () => {
  const big = Buffer.from(JSON.stringify(Array.from({ length: 200 }, (_, i) => ({ id: i, title: `Sin servicio en el poste ${i}` }))));

  it('gzips a body from 1 KB on when gzip is accepted, to the same bytes once unzipped', async () => {
    const sent = await encodeBody(big, 'gzip, br');
    expect(sent.encoding).toBe('gzip');
    expect(sent.body.length).toBeLessThan(big.length / 4);
    expect(gunzipSync(sent.body).equals(big)).toBe(true);
  });

  it('sends small bodies and bodies for clients without gzip as they are', async () => {
    const small = Buffer.alloc(COMPRESS_MIN_BYTES - 1, 'a');
    expect(await encodeBody(small, 'gzip')).toEqual({ body: small, encoding: null });
    expect(await encodeBody(big, 'br')).toEqual({ body: big, encoding: null });
    expect(await encodeBody(big, undefined)).toEqual({ body: big, encoding: null });
  });
});
