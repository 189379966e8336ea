// C8: GET /api/files/[id] (?variant=thumb for an image's preview) — the only way a ticket file's
// bytes reach a browser. The caller passes the procedure ladder (staff holding tickets.read of the
// host's tenant) and the file's visibility; anything else is a 404, whether or not the file exists.
import { z } from 'zod';
import { fileResponse } from '@/server/http';
import { errorResponse, routeContext, staffGate } from '@/server/api/route-handlers';
import { notFound } from '@/server/errors';
import { openFile } from '@/server/services/tickets/files';

const gate = staffGate('tickets.read');

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const ctx = await routeContext(request);
  try {
    const caller = await gate(ctx);
    const id = z.uuid().safeParse((await params).id);
    if (!id.success) throw notFound();
    const query = new URL(request.url).searchParams;
    const file = await openFile(caller, id.data, query.get('variant') === 'thumb' ? 'thumb' : 'original');
    const download = query.get('download') === '1';
    return fileResponse(file, file.inline && !download ? 'inline' : 'attachment', 'archivo');
  } catch (error) {
    return errorResponse(error, ctx.locale, 'ticket file download');
  }
}
