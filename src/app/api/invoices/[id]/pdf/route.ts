// A5/C6: GET /api/invoices/[id]/pdf (?download=1 to save it) — an invoice's PDF for the office. The
// caller passes the procedure ladder (staff of the host's tenant holding billing.read); anything else
// is a 404 or 403, whether or not the invoice exists. Customers have their own route under /api/portal.
import { z } from 'zod';
import { errorResponse, routeContext, staffGate } from '@/server/api/route-handlers';
import { notFound } from '@/server/errors';
import { openInvoicePdf } from '@/server/services/billing/pdf';
import { fileResponse } from '@/server/http';

const gate = staffGate('billing.read');

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const ctx = await routeContext(request);
  try {
    const caller = await gate(ctx);
    const id = z.uuid().safeParse((await params).id);
    if (!id.success) throw notFound();
    const file = await openInvoicePdf(caller, id.data);
    return fileResponse(file, new URL(request.url).searchParams.get('download') === '1' ? 'attachment' : 'inline', 'factura.pdf');
  } catch (error) {
    return errorResponse(error, ctx.locale, 'invoice pdf download');
  }
}
