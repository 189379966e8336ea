// F11: GET /api/portal/files/[id] (?variant=thumb for an image's preview) — a public file of one of
// the signed-in customer's tickets (their photos, their receipt, what the office shared). Anything
// else — an office or technician file, another customer's — is a 404, whether or not it exists.
import { z } from 'zod';
import { fileResponse } from '@/server/http';
import { customerGate, errorResponse, routeContext } from '@/server/api/route-handlers';
import { notFound } from '@/server/errors';
import { openMyFile } from '@/server/services/portal/tickets';

const gate = customerGate();

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const ctx = await routeContext(request);
  try {
    const caller = await gate(ctx);
    const id = z.uuid().safeParse((await params).id);
    if (!id.success) throw notFound();
    const query = new URL(request.url).searchParams;
    const file = await openMyFile(caller, id.data, query.get('variant') === 'thumb' ? 'thumb' : 'original');
    const download = query.get('download') === '1';
    return fileResponse(file, file.inline && !download ? 'inline' : 'attachment', 'archivo');
  } catch (error) {
    return errorResponse(error, ctx.locale, 'portal file download');
  }
}
