// The build's static files (.next/static: scripts, styles, SVGs), compressed once at build time —
// brotli at its best quality beside gzip at level 9 — for the production server to send as they are
// (src/server/static-files.ts). Next.js otherwise gzips every answer again at level 6 on each request:
// for a phone's first load of /tech, about 25 ms of the server's CPU while the page itself starts, and
// brotli's copy of those files is 13 % smaller than that gzip (178 against 206 KB).
import { readdirSync, readFileSync, writeFileSync, type Dirent } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

const brotliAsync = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** What is worth compressing; fonts and images are compressed formats already. */
const COMPRESSIBLE = /\.(?:js|mjs|css|svg|json|txt|map)$/;

/** Writes `file.br` and `file.gz` beside each compressible file under `staticDir`, when smaller than the file; returns how many files. */
export async function precompressStatic(staticDir: string): Promise<number> {
  const files = (readdirSync(staticDir, { recursive: true, withFileTypes: true }) as Dirent[])
    .filter((entry) => entry.isFile() && COMPRESSIBLE.test(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name));
  // libuv's thread pool compresses several files at once.
  await Promise.all(
    files.map(async (file) => {
      const raw = readFileSync(file);
      const [br, gz] = await Promise.all([
        brotliAsync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length } }),
        gzipAsync(raw, { level: 9 }),
      ]);
      if (br.length < raw.length) writeFileSync(`${file}.br`, br);
      if (gz.length < raw.length) writeFileSync(`${file}.gz`, gz);
    }),
  );
  return files.length;
}
