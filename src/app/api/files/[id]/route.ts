// C8: GET /api/files/[id] (?variant=thumb for an image's preview) — the only way a ticket file's
// bytes reach a browser. The caller passes the procedure ladder (staff holding tickets.read of the
// host's tenant) and the file's visibility; anything else is a 404, whether or not the file exists.
import { z } from 'zod';
import { createCallerFactory, createContext, router, staffProcedure } from '@/server/api/trpc';
import { errorResponse } from '@/server/api/route-errors';
import { requestClaims } from '@/server/auth/claims';
import { clientIp, cookieLocale } from '@/server/http';
import { notFound } from '@/server/errors';
import { openFile } from '@/server/services/tickets/files';

const gate = createCallerFactory(router({ caller: staffProcedure('tickets.read').query(({ ctx }) => ctx.caller) }));

/** RFC 6266: an ASCII fallback and the UTF-8 name. */
function disposition(kind: 'inline' | 'attachment', name: string): string {
  const ascii = name.normalize('NFD').replace(/[^\x20-\x7e]/g, '').replace(/["\\]/g, '_') || 'archivo';
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const session = await requestClaims(request);
  const ctx = await createContext({ host: request.headers.get('host'), session, ip: clientIp(request.headers), locale: cookieLocale(request.headers.get('cookie')) });
  try {
    const caller = await gate(ctx).caller();
    const id = z.uuid().safeParse((await params).id);
    if (!id.success) throw notFound();
    const variant = new URL(request.url).searchParams.get('variant') === 'thumb' ? 'thumb' : 'original';
    const file = await openFile(caller, id.data, variant);
    const download = new URL(request.url).searchParams.get('download') === '1';
    return new Response(file.body, {
      headers: {
        'content-type': file.mime,
        ...(file.size !== null ? { 'content-length': String(file.size) } : {}),
        'content-disposition': disposition(file.inline && !download ? 'inline' : 'attachment', file.name),
        'x-content-type-options': 'nosniff',
        // Whatever it is, opened in a tab it runs nothing (Chromium's PDF viewer refuses a sandbox, and a PDF runs no script of ours).
        ...(file.mime === 'application/pdf' ? {} : { 'content-security-policy': "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox" }),
        'cache-control': 'private, max-age=3600',
      },
    });
  } catch (error) {
    return errorResponse(error, ctx.locale, 'ticket file download');
  }
}
