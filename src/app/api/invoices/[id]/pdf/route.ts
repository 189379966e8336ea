// A5/C6: GET /api/invoices/[id]/pdf (?download=1 to save it) — an invoice's PDF for the office. The
// caller passes the procedure ladder (staff of the host's tenant holding billing.read); anything else
// is a 404 or 403, whether or not the invoice exists. Customers have their own route under /api/portal.
import { fileByIdRoute, staffGate } from '@/server/api/route-handlers';
import { openInvoicePdf } from '@/server/services/billing/pdf';
import { fileResponse } from '@/server/http';

export const GET = fileByIdRoute(staffGate('billing.read'), 'invoice pdf download', async (caller, id, query) => {
  const file = await openInvoicePdf(caller, id);
  return fileResponse(file, query.get('download') === '1' ? 'attachment' : 'inline', 'factura.pdf');
});
