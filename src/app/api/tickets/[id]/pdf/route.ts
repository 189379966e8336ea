// C11: GET /api/tickets/[id]/pdf — a ticket as a PDF for the office: shown in the browser (inline),
// or saved with ?download=1. The customer's copy by default; ?comments=1 is the internal copy, with
// internal notes ("Imprimir con comentarios"). The caller passes the procedure ladder (staff of the
// host's tenant holding tickets.read); the ticket is read through the caller's scoped data access,
// so another tenant's ticket, or one a technician may not see, is a 404 like a ticket that does not exist.
import { z } from 'zod';
import { errorResponse, routeContext, staffGate } from '@/server/api/route-handlers';
import { notFound } from '@/server/errors';
import { fileResponse } from '@/server/http';
import { ticketPdf } from '@/server/services/tickets/pdf';

const gate = staffGate('tickets.read');

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const ctx = await routeContext(request);
  try {
    const caller = await gate(ctx);
    const id = z.uuid().safeParse((await params).id);
    if (!id.success) throw notFound();
    const query = new URL(request.url).searchParams;
    const file = await ticketPdf(caller, id.data, { comments: query.get('comments') === '1' });
    const response = fileResponse(file, query.get('download') === '1' ? 'attachment' : 'inline', 'ticket.pdf');
    // A ticket changes while it is worked: every preview is drawn again, and no copy is kept.
    response.headers.set('cache-control', 'private, no-store');
    return response;
  } catch (error) {
    return errorResponse(error, ctx.locale, 'ticket pdf');
  }
}
