// F9: POST /api/payments/mercadopago/notify — Mercado Pago's notification of a payment, on the
// tenant's host (the preference names this URL). Checked with the tenant's webhook secret
// (x-signature); the payment is read back from Mercado Pago and recorded once (see
// src/server/services/payments/mercadopago.ts). 200 when handled or nothing to do, 401 for a wrong
// signature, 404 where Mercado Pago is off, 502 when Mercado Pago could not be read (it retries).
import { readBody } from '@/server/http';
import { routeContext } from '@/server/api/route-handlers';
import { handleNotification } from '@/server/services/payments/mercadopago';
import { logger } from '@/server/logger';

export async function POST(request: Request): Promise<Response> {
  const ctx = await routeContext(request);
  if (!ctx.tenant) return Response.json({ error: 'not found' }, { status: 404 });
  let body: unknown = null;
  try {
    const text = new TextDecoder().decode((await readBody(request, 64 * 1024)) ?? undefined);
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  try {
    const outcome = await handleNotification(ctx.tenant, new URL(request.url), request.headers, body);
    return Response.json({ recorded: outcome.recorded }, { status: outcome.status });
  } catch (err) {
    logger.error({ err, tenantId: ctx.tenant.id }, 'mercado pago notification');
    return Response.json({ error: 'unexpected' }, { status: 500 });
  }
}
