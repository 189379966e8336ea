// F4/F10: GET /api/portal/invoices/[id]/pdf (?download=1 to save it) — a customer's own invoice PDF,
// when the tenant allows downloads. Another customer's invoice, or one without a PDF, is a 404.
import { z } from 'zod';
import { customerGate, errorResponse, routeContext } from '@/server/api/route-handlers';
import { notFound } from '@/server/errors';
import { openInvoicePdf } from '@/server/services/billing/pdf';
import { fileResponse } from '@/server/http';
import { assertDownloadsAllowed } from '@/server/services/portal/invoices';

const gate = customerGate();

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const ctx = await routeContext(request);
  try {
    const caller = await gate(ctx);
    assertDownloadsAllowed(caller);
    const id = z.uuid().safeParse((await params).id);
    if (!id.success) throw notFound();
    const file = await openInvoicePdf(caller, id.data, caller.actor.id);
    return fileResponse(file, new URL(request.url).searchParams.get('download') === '1' ? 'attachment' : 'inline', 'factura.pdf');
  } catch (error) {
    return errorResponse(error, ctx.locale, 'portal invoice pdf download');
  }
}
