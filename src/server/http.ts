// Small helpers for route handlers: the caller's IP and language, bodies within limits.
import { isLocale, type Locale } from '@/lib/format';

/** The client's IP as the load balancer reports it (X-Forwarded-For's first hop), or null locally. */
export function clientIp(headers: Headers): string | null {
  const forwarded = headers.get('x-forwarded-for')?.split(',')[0]?.trim();
  return forwarded || headers.get('x-real-ip') || null;
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
