// C11: GET /api/tickets/[id]/pdf — a ticket as a PDF for the office: shown in the browser (inline),
// or saved with ?download=1. The customer's copy by default; ?comments=1 is the internal copy, with
// internal notes ("Imprimir con comentarios"). The caller passes the procedure ladder (staff of the
// host's tenant holding tickets.read); the ticket is read through the caller's scoped data access,
// so another tenant's ticket, or one a technician may not see, is a 404 like a ticket that does not exist.
import { fileByIdRoute, staffGate } from '@/server/api/route-handlers';
import { fileResponse } from '@/server/http';
import { ticketPdf } from '@/server/services/tickets/pdf';

export const GET = fileByIdRoute(staffGate('tickets.read'), 'ticket pdf', async (caller, id, query) => {
  const file = await ticketPdf(caller, id, { comments: query.get('comments') === '1' });
  const response = fileResponse(file, query.get('download') === '1' ? 'attachment' : 'inline', 'ticket.pdf');
  // A ticket changes while it is worked: every preview is drawn again, and no copy is kept.
  response.headers.set('cache-control', 'private, no-store');
  return response;
});
