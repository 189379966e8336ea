// F11: GET /api/portal/files/[id] (?variant=thumb for an image's preview) — a public file of one of
// the signed-in customer's tickets (their photos, their receipt, what the office shared). Anything
// else — an office or technician file, another customer's — is a 404, whether or not it exists.
import { z } from 'zod';
import { fileContentSecurityPolicy } from '@/lib/security-headers';
import { contentDisposition } from '@/server/http';
import { errorResponse, routeContext } from '@/server/api/route-handlers';
import { customerGate } from '@/server/api/customer-gate';
import { notFound } from '@/server/errors';
import { openMyFile } from '@/server/services/portal/tickets';

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const ctx = await routeContext(request);
  try {
    const caller = await customerGate(ctx);
    const id = z.uuid().safeParse((await params).id);
    if (!id.success) throw notFound();
    const query = new URL(request.url).searchParams;
    const file = await openMyFile(caller, id.data, query.get('variant') === 'thumb' ? 'thumb' : 'original');
    const download = query.get('download') === '1';
    return new Response(file.body, {
      headers: {
        'content-type': file.mime,
        ...(file.size !== null ? { 'content-length': String(file.size) } : {}),
        'content-disposition': contentDisposition(file.inline && !download ? 'inline' : 'attachment', file.name, 'archivo'),
        'x-content-type-options': 'nosniff',
        'content-security-policy': fileContentSecurityPolicy(file.mime),
        'cache-control': 'private, max-age=3600',
      },
    });
  } catch (error) {
    return errorResponse(error, ctx.locale, 'portal file download');
  }
}
