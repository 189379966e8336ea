// Next.js's build files (/_next/static/…) as the production server sends them (src/cli/serve.ts):
// the copies the build compressed once (src/cli/precompress.ts: brotli at its best quality, gzip at
// level 9) instead of Next.js gzipping each answer again on every request, which took about 25 ms of
// the server's one JavaScript thread for a phone's first load of /tech while that page was starting.
// sirv serves them (immutable for a year, as Next.js does); a path it does not have goes on to Next.js.
import type http from 'node:http';
import path from 'node:path';
import sirv from 'sirv';
import { negotiateEncoding } from './compression';

export const STATIC_PREFIX = '/_next/static/';

type Handler = (req: http.IncomingMessage, res: http.ServerResponse, fallback: () => void) => void;

/** The encoding to send: brotli, then gzip, then none — as the request's Accept-Encoding allows (q=0 refuses). */
export function staticEncoding(acceptEncoding: string | undefined): 'br' | 'gzip' | 'identity' {
  return negotiateEncoding(acceptEncoding, ['br', 'gzip', 'identity'] as const) ?? 'identity';
}

/** Serves GET and HEAD of `${nextDir}/static`; anything else, or a file it does not have, calls `fallback`. */
export function staticFiles(nextDir: string): Handler {
  const serve = sirv(path.join(nextDir, 'static'), { brotli: true, gzip: true, maxAge: 31_536_000, immutable: true, dev: false, dotfiles: false });
  return (req, res, fallback) => {
    const url = req.url ?? '';
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !url.startsWith(STATIC_PREFIX)) return fallback();
    // sirv reads Accept-Encoding by substring ("gzip;q=0" would get gzip): it is given the one
    // encoding negotiated here, and the file's path under static/.
    const accept = req.headers['accept-encoding'];
    req.headers['accept-encoding'] = staticEncoding(accept);
    req.url = url.slice(STATIC_PREFIX.length - 1);
    serve(req, res, () => {
      req.url = url;
      req.headers['accept-encoding'] = accept;
      // @polka/url keeps its parse of the rewritten URL on the request; Next.js reads its own.
      delete (req as { _parsedUrl?: unknown })._parsedUrl;
      fallback();
    });
  };
}
