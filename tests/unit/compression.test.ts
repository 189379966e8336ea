// tRPC answers' compression (src/server/compression.ts): which Accept-Encoding headers accept gzip,
// and what is sent: small bodies and refused gzip as they are, the rest gzipped to the same bytes.
// Also the encoding the build's static files are sent in (src/server/static-files.ts).
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { acceptsGzip, COMPRESS_MIN_BYTES, encodeBody, negotiateEncoding } from '@/server/compression';
import { staticEncoding } from '@/server/static-files';

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

describe('negotiateEncoding and the static files’ choice (src/server/static-files.ts)', () => {
  it.each([
    ['gzip, deflate, br, zstd', 'br'],
    ['gzip, br', 'br'],
    ['br;q=0.5, gzip', 'gzip'],
    ['br;q=0, gzip', 'gzip'],
    ['gzip;q=0, br;q=0', 'identity'],
    ['*', 'br'],
    ['identity', 'identity'],
    [undefined, 'identity'],
  ])('%s → %s', (header, chosen) => {
    expect(staticEncoding(header)).toBe(chosen);
  });

  it('answers undefined when the header accepts none of the encodings offered', () => {
    expect(negotiateEncoding('deflate', ['br', 'gzip'])).toBeUndefined();
    expect(negotiateEncoding('gzip;q=0.2, br;q=0.9', ['gzip', 'br'])).toBe('br');
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
