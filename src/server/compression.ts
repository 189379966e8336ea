// tRPC answers compressed for the clients that accept it. The production server answers tRPC itself
// (src/cli/serve.ts), so Next.js's compression of pages and static files never reached them: a
// technician's snapshot (50–275 KB of JSON in the demo) went over the phone's network as it was.
// gzip, as Next.js compresses, above 1 KB (the `compression` middleware's threshold, which Next.js
// uses), in libuv's thread pool rather than on the server's one JavaScript thread.
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import Negotiator from 'negotiator';

export const COMPRESS_MIN_BYTES = 1024;

const gzipAsync = promisify(gzip);

/** Whether an Accept-Encoding header accepts gzip (named, or `*`, with a q-value above 0), as the `compression` middleware reads it. */
export function acceptsGzip(header: string | undefined): boolean {
  return new Negotiator({ headers: header === undefined ? {} : { 'accept-encoding': header } }).encodings(['gzip']).length > 0;
}

/** The body to send and its Content-Encoding (null: as it is — small, or not accepted). */
export async function encodeBody(body: Buffer, acceptEncoding: string | undefined): Promise<{ body: Buffer; encoding: 'gzip' | null }> {
  if (body.length < COMPRESS_MIN_BYTES || !acceptsGzip(acceptEncoding)) return { body, encoding: null };
  return { body: await gzipAsync(body), encoding: 'gzip' };
}
