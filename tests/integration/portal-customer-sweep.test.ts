// The customer-to-customer sweep (issue 17): within ONE tenant, every procedure a customer can reach
// (the portal's, and the tenant rung's that need no session) — including those added after this file
// — is called as customer C2 with every id of customer C1 (C1 themselves, their connection, ticket,
// public comment, push device, access token, message, invoice, payment). Each call must end NOT_FOUND, FORBIDDEN, an
// unknown-option error or an answer holding nothing of C1 — and C1's rows must stay byte for byte the same.
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/server/db';
import { scopedDb } from '@/server/data/scoped';
import { generate, hasId, inputSchema, procedureOf, procedures } from '../factories/sweep';
import { asCustomer, asStaff, createConnection, createCustomer, createTenant, patchTenantSettings, type TestTenant } from '../factories';
import { allPortalTicketSwitchesOn } from '../factories/portal-tickets';

let a: TestTenant;
let c1: { id: string };
let c2: { id: string };
let c1Ids: string[];
const MARKERS = ['Vecina Privada', 'PRIV-C1', '33445566', 'vecina-privada@example.com', '+5491166667777', 'Calle Privada 12', 'Ticket Privado C1', 'Comentario Privado C1', 'Dispositivo Privado C1', 'FAC-PRIV-C1', '8642.13', 'PAGO-PRIV-C1'];

/** Every row of customer C1's, in the tables that hang from a customer. */
async function snapshot(): Promise<string> {
  const scoped = scopedDb(a.id);
  const where = { customerId: c1.id };
  const parts = await Promise.all([
    db().customer.findUnique({ where: { id: c1.id } }),
    scoped.connection.findMany({ where, orderBy: { id: 'asc' } }),
    scoped.ticket.findMany({ where, orderBy: { id: 'asc' } }),
    scoped.ticketComment.findMany({ where: { ticket: { customerId: c1.id } }, orderBy: { id: 'asc' } }),
    scoped.pushSubscription.findMany({ where, orderBy: { id: 'asc' } }),
    scoped.portalAccessToken.findMany({ where, orderBy: { id: 'asc' } }),
    scoped.customerFile.findMany({ where, orderBy: { id: 'asc' } }),
    scoped.message.findMany({ where, orderBy: { id: 'asc' } }),
    scoped.invoice.findMany({ where, orderBy: { id: 'asc' } }),
    scoped.payment.findMany({ where, orderBy: { id: 'asc' } }),
    scoped.paymentAllocation.findMany({ where, orderBy: { invoiceId: 'asc' } }),
  ]);
  return JSON.stringify(parts);
}

/** Procedures a customer's session is admitted to, or that need no session at all. */
const reachable = procedures.filter(([, proc]) => ['customer', 'tenant', 'public'].includes(proc._def.meta?.audience ?? 'public'));

beforeAll(async () => {
  a = await createTenant();
  // Every ticket tool of the portal on (plan requests, receipts, closing), so those are swept too.
  await allPortalTicketSwitchesOn(a);
  // F3: payment promises on, so portal.promise.request gets past its switch to the connection (C1's: NOT_FOUND).
  await patchTenantSettings(a.id, { promise: { enabled: true, maxDays: 5, coolDownDays: 30 } });
  const first = await createCustomer(a, { name: 'Vecina Privada', code: 'PRIV-C1', taxId: '33445566', emails: ['vecina-privada@example.com'], portalPassword: true });
  c1 = await scopedDb(a.id).customer.update({ where: { id: first.id }, data: { phones: ['+5491166667777'] } });
  c2 = await createCustomer(a, { name: 'Vecino Curioso', portalPassword: true });
  const connection = await createConnection(a, c1.id, { address: 'Calle Privada 12' });
  const admin = await asStaff(a, a.adminId);
  const ticket = await admin.tickets.create({ customerId: c1.id, connectionId: connection.id, title: 'Ticket Privado C1', description: 'Del cliente uno' });
  const comment = await admin.tickets.comment({ ticketId: ticket.id, body: 'Comentario Privado C1', public: true });
  const device = await scopedDb(a.id).pushSubscription.create({
    data: { tenantId: a.id, customerId: c1.id, endpoint: 'https://push.example/privado-c1', p256dh: 'clave-privada', auth: 'auth-privado', label: 'Dispositivo Privado C1' },
  });
  const token = await scopedDb(a.id).portalAccessToken.create({ data: { tenantId: a.id, customerId: c1.id, kind: 'LINK', secretHash: 'hash-privado-c1', expiresAt: new Date(Date.now() + 600_000) } });
  const message = await scopedDb(a.id).message.create({ data: { tenantId: a.id, channel: 'EMAIL', reason: 'portal.access', recipient: 'vecina-privada@example.com', customerId: c1.id, locale: 'es', text: 'Mensaje Privado C1' } });
  // F9: C1's invoice (with a PDF) and a Mercado Pago payment: amounts, numbers and references only C1 may see.
  const invoice = await scopedDb(a.id).invoice.create({
    data: { tenantId: a.id, customerId: c1.id, number: 'FAC-PRIV-C1', type: 'B', issuedOn: new Date('2026-10-01'), dueOn: new Date('2026-10-10'), total: '8642.13', balance: '8642.13', status: 'UNPAID', pdfName: 'FAC-PRIV-C1.pdf', pdfStorage: 'LOCAL', pdfKey: 'privado/c1.pdf', pdfSize: 10 },
  });
  const payment = await scopedDb(a.id).payment.create({ data: { tenantId: a.id, customerId: c1.id, paidOn: new Date('2026-10-05'), amount: '1.00', method: 'Mercado Pago', reference: 'PAGO-PRIV-C1' } });
  await scopedDb(a.id).paymentAllocation.create({ data: { tenantId: a.id, customerId: c1.id, paymentId: payment.id, invoiceId: invoice.id, amount: '1.00' } });
  c1Ids = [c1.id, connection.id, ticket.id, comment.id, device.id, token.id, message.id, invoice.id, payment.id];
});

describe('customer-to-customer sweep (one tenant)', () => {
  it('finds the portal’s procedures', () => {
    expect(reachable.filter(([path]) => path.startsWith('portal.')).length).toBeGreaterThan(10);
  });

  it.each(reachable.map(([path, proc]) => ({ path, proc })))('$path as another customer of the tenant reveals and changes nothing of the first', async ({ path, proc }) => {
    const before = await snapshot();
    // Signed in afresh: a procedure that ends sessions (a password change) must not end the next one's.
    const neighbour = await asCustomer(a, c2.id);
    const schema = inputSchema(proc);
    const ids = schema && hasId(schema) ? c1Ids : [c1Ids[0]!];
    for (const id of ids) {
      const input = schema ? generate(schema, id) : undefined;
      try {
        const text = JSON.stringify(await procedureOf(neighbour, path)(input)) ?? '';
        for (const marker of MARKERS) expect(text, `${path} gave another customer the first one's ${marker}`).not.toContain(marker);
      } catch (error) {
        const e = error as { code?: string; cause?: { fieldErrors?: Record<string, { key: string }> } };
        const fields = Object.values(e.cause?.fieldErrors ?? {});
        const unknownReference = e.code === 'BAD_REQUEST' && fields.length > 0 && fields.every((f) => f.key === 'validation.unknownOption');
        expect(e.code === 'NOT_FOUND' || e.code === 'FORBIDDEN' || unknownReference, `${path} with ${id}: ${e.code} ${(error as Error).message} ${JSON.stringify(e.cause ?? {})}`).toBe(true);
      }
    }
    expect(await snapshot(), `${path} changed the first customer's rows`).toBe(before);
  });
});
