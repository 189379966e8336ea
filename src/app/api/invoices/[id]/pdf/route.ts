// A5/C6: GET /api/invoices/[id]/pdf (?download=1 to save it) — the only way an invoice's PDF reaches
// a browser. The caller passes the procedure ladder: staff of the host's tenant holding billing.read,
// or a signed-in customer of the host's tenant for one of their OWN invoices (F9/F10: "descargar");
// anything else is a 404 or 403, whether or not the invoice exists.
import { z } from 'zod';
import { fileContentSecurityPolicy } from '@/lib/security-headers';
import { contentDisposition } from '@/server/http';
import { errorResponse, routeContext, staffGate } from '@/server/api/route-handlers';
import { createCallerFactory, customerProcedure, router } from '@/server/api/trpc';
import { notFound } from '@/server/errors';
import { openInvoicePdf } from '@/server/services/billing/pdf';

const gate = staffGate('billing.read');
const customerGate = createCallerFactory(router({ caller: customerProcedure.query(({ ctx }) => ctx.caller) }));

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const ctx = await routeContext(request);
  try {
    const caller = ctx.session?.kind === 'customer' ? await customerGate(ctx).caller() : await gate(ctx);
    const id = z.uuid().safeParse((await params).id);
    if (!id.success) throw notFound();
    // A customer's own invoices only: another customer's is not found.
    const file = await openInvoicePdf(caller, id.data, caller.actor.kind === 'customer' ? caller.actor.id : undefined);
    const download = new URL(request.url).searchParams.get('download') === '1';
    return new Response(file.body, {
      headers: {
        'content-type': file.mime,
        ...(file.size !== null ? { 'content-length': String(file.size) } : {}),
        'content-disposition': contentDisposition(download ? 'attachment' : 'inline', file.name, 'factura.pdf'),
        'x-content-type-options': 'nosniff',
        'content-security-policy': fileContentSecurityPolicy(file.mime),
        'cache-control': 'private, max-age=3600',
      },
    });
  } catch (error) {
    return errorResponse(error, ctx.locale, 'invoice pdf download');
  }
}
