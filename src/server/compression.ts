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

/**
 * The first of `available` that an Accept-Encoding header accepts (named, or `*`, with a q-value above
 * 0): the header's highest q-value wins, `available`'s order breaks ties; undefined when it accepts none.
 */
export function negotiateEncoding<E extends string>(header: string | undefined, available: readonly E[]): E | undefined {
  const negotiator = new Negotiator({ headers: header === undefined ? {} : { 'accept-encoding': header } });
  // negotiator 1.x takes the server's order of preference; its types (0.6) do not say so.
  const encoding = negotiator.encoding as (available: readonly string[], options: { preferred: readonly string[] }) => string | undefined;
  return encoding.call(negotiator, available, { preferred: available }) as E | undefined;
}

/** Whether an Accept-Encoding header accepts gzip (named, or `*`, with a q-value above 0), as the `compression` middleware reads it. */
export function acceptsGzip(header: string | undefined): boolean {
  return negotiateEncoding(header, ['gzip']) === 'gzip';
}

/** The body to send and its Content-Encoding (null: as it is — small, or not accepted). */
export async function encodeBody(body: Buffer, acceptEncoding: string | undefined): Promise<{ body: Buffer; encoding: 'gzip' | null }> {
  if (body.length < COMPRESS_MIN_BYTES || !acceptsGzip(acceptEncoding)) return { body, encoding: null };
  return { body: await gzipAsync(body), encoding: 'gzip' };
}
