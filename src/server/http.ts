// Small helpers for route handlers: the caller's IP and language, bodies within limits.
import { isLocale, type Locale } from '@/lib/format';
import { fileContentSecurityPolicy } from '@/lib/security-headers';

/**
 * The header in which the production server (src/cli/serve.ts) hands the client's address to Next.js
 * and tRPC. It alone has the socket, so it decides the address (src/server/client-address.ts) and
 * always drops whatever a client sent under this name before writing its own.
 */
export const CLIENT_ADDRESS_HEADER = 'x-antena-client-address';

/** Set in a process whose requests all pass through serve.ts's stamping (shared by its bundle and Next's). */
const STAMPING = Symbol.for('antena.clientAddressStamping');

export function markClientAddressStamping(): void {
  (globalThis as Record<symbol, unknown>)[STAMPING] = true;
}

/**
 * The client's address as serve.ts decided it, or null where no server decided it: under `next dev`
 * (no socket reaches our code there, and every header may come from the client) and in tests calling
 * handlers directly. A client-sent X-Forwarded-For or X-Real-IP is never read here.
 */
export function clientIp(headers: Headers): string | null {
  if (!(globalThis as Record<symbol, unknown>)[STAMPING]) return null;
  return headers.get(CLIENT_ADDRESS_HEADER) || null;
}

export const LOCALE_COOKIE = 'NEXT_LOCALE';

export function cookieLocale(cookieHeader: string | null): Locale | null {
  const match = cookieHeader?.match(/(?:^|;\s*)NEXT_LOCALE=([a-z]{2})/);
  return match && isLocale(match[1]) ? match[1] : null;
}

/** Reads a request body, refusing (null) once it passes `limit` bytes, whatever Content-Length claims. */
export async function readBody(request: Request, limit: number): Promise<Uint8Array<ArrayBuffer> | null> {
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > limit) return null;
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

/**
 * Whether a request failed because its client went away mid-body (a phone losing its network during
 * an upload): Node ends the body with `Error: aborted` (ECONNRESET). Expected in street work, and
 * no one reads the answer — not a server fault to log as one.
 */
export function clientWentAway(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  return error.message === 'aborted' || (error as NodeJS.ErrnoException).code === 'ECONNRESET' || error.name === 'AbortError';
}

/** A Content-Disposition header per RFC 6266: an ASCII fallback (`fallback` when nothing is left) and the UTF-8 name. */
export function contentDisposition(kind: 'inline' | 'attachment', name: string, fallback: string): string {
  const ascii = name.normalize('NFD').replace(/[^\x20-\x7e]/g, '').replace(/["\\]/g, '_') || fallback;
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** A stored file's bytes for the browser: shown (`inline`) or saved, never sniffed, and running nothing when opened in a tab. */
export function fileResponse(
  file: { body: ReadableStream<Uint8Array> | Uint8Array<ArrayBuffer>; name: string; mime: string; size: number | null },
  kind: 'inline' | 'attachment',
  fallbackName: string,
): Response {
  return new Response(file.body, {
    headers: {
      'content-type': file.mime,
      ...(file.size !== null ? { 'content-length': String(file.size) } : {}),
      'content-disposition': contentDisposition(kind, file.name, fallbackName),
      'x-content-type-options': 'nosniff',
      // Whatever it is, opened in a tab it runs nothing, and no other site frames it (src/lib/security-headers.ts).
      'content-security-policy': fileContentSecurityPolicy(file.mime),
      'cache-control': 'private, max-age=3600',
    },
  });
}
