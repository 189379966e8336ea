// tRPC answers compressed for the clients that accept it. The production server answers tRPC itself
// (src/cli/serve.ts), so Next.js's compression of pages and static files never reached them: a
// technician's snapshot (50–275 KB of JSON in the demo) went over the phone's network as it was.
// gzip, as Next.js compresses, above 1 KB (the `compression` middleware's threshold, which Next.js
// uses), in libuv's thread pool rather than on the server's one JavaScript thread.
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';

export const COMPRESS_MIN_BYTES = 1024;

const gzipAsync = promisify(gzip);

/** Whether an Accept-Encoding header accepts gzip (named, or `*`, with a q-value above 0). */
export function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  let star = false;
  for (const part of header.toLowerCase().split(',')) {
    const [name, ...params] = part.trim().split(';');
    const q = params.map((p) => /^\s*q\s*=\s*([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    const accepted = q === undefined || Number(q) > 0;
    if (name?.trim() === 'gzip') return accepted;
    if (name?.trim() === '*') star = accepted;
  }
  return star;
}

/** The body to send and its Content-Encoding (null: as it is — small, or not accepted). */
export async function encodeBody(body: Buffer, acceptEncoding: string | undefined): Promise<{ body: Buffer; encoding: 'gzip' | null }> {
  if (body.length < COMPRESS_MIN_BYTES || !acceptsGzip(acceptEncoding)) return { body, encoding: null };
  return { body: await gzipAsync(body), encoding: 'gzip' };
}
