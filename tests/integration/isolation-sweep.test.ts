// The tenant-isolation sweep. It walks every procedure of the root router — including those added
// after this file was written — builds a valid input from the procedure's own zod schema, puts
// each of tenant A's ids into every id field, and calls it as tenant B's admin, technician and
// customer. Every call must end NOT_FOUND, FORBIDDEN, an "unknown option" field error, or a
// result that contains nothing of tenant A; and tenant A's rows must be byte-for-byte unchanged.
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/server/db';
import { scopedDb } from '@/server/data/scoped';
import { generate, hasId, inputSchema, procedures } from '../factories/sweep';
import { asCustomer, asStaff, createCatalog, createCompany, createConnection, createCustomer, createTenant, createUser, patchTenantSettings, type TestTenant } from '../factories';
import { allPortalTicketSwitchesOn } from '../factories/portal-tickets';

let a: TestTenant;
let b: TestTenant;
let aIds: string[];
let aMarkers: string[];
let bCompanyId: string;

/** Every table with a tenantId column — found in the database, so tables added later are covered. */
async function tenantTables(): Promise<string[]> {
  const rows = await db().$queryRaw<{ table_name: string }[]>`
    SELECT table_name FROM information_schema.columns
    WHERE table_schema = current_schema() AND column_name = 'tenantId' ORDER BY table_name`;
  return rows.map((r) => r.table_name);
}

/** All of a tenant's rows in every tenant-owned table, and the tenant row itself. */
async function snapshotOf(tenantId: string): Promise<string> {
  const tables = await tenantTables();
  const parts = await Promise.all([
    db().$queryRawUnsafe(`SELECT * FROM "Tenant" WHERE id = $1::uuid`, tenantId),
    ...tables.map((t) => db().$queryRawUnsafe(`SELECT * FROM "${t}" WHERE "tenantId" = $1::uuid ORDER BY 1`, tenantId)),
  ]);
  return JSON.stringify(parts, (_key, value) => (typeof value === 'bigint' ? value.toString() : value));
}

/** One id from each of a tenant's tables (those with an id column): the ids the sweep probes with. */
async function sampleIds(tenantId: string): Promise<string[]> {
  const ids: string[] = [tenantId];
  for (const t of await tenantTables()) {
    const hasId = await db().$queryRawUnsafe<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1 AND column_name = 'id'`,
      t,
    );
    if (!hasId[0]?.n) continue;
    const rows = await db().$queryRawUnsafe<{ id: string }[]>(`SELECT id::text AS id FROM "${t}" WHERE "tenantId" = $1::uuid ORDER BY id LIMIT 1`, tenantId);
    if (rows[0]) ids.push(rows[0].id);
  }
  return [...new Set(ids)];
}

beforeAll(async () => {
  [a, b] = await Promise.all([createTenant({ name: 'Secreto Alfa' }), createTenant()]);
  // G2: a partner company in each tenant — A's holds A's ticket; B's manager is a persona of the sweep.
  const [aCompany, bCompany] = await Promise.all([createCompany(a, { name: 'Empresa Secreta Alfa' }), createCompany(b)]);
  bCompanyId = bCompany.id;
  // B's customers may use every ticket tool of the portal (plan requests, receipts), so those are swept too.
  await allPortalTicketSwitchesOn(b);
  // F3: tenant B's customers may ask for payment promises, so portal.promise.request gets past its switch to the connection (A's: NOT_FOUND).
  await patchTenantSettings(b.id, { promise: { enabled: true, maxDays: 5, coolDownDays: 30 } });
  const catalog = await createCatalog(a);
  const customer = await createCustomer(a, { name: 'Cliente Secreto Alfa', code: 'ALFA-1', taxId: '31313131', portalPassword: true });
  const connection = await createConnection(a, customer.id, { address: 'Calle Secreta Alfa 1' });
  const users = await Promise.all((['SUPERVISOR', 'OPERATOR', 'TECHNICIAN'] as const).map((r) => createUser(a, r, { name: `Usuario Secreto Alfa ${r}` })));
  await db().tenantDomain.create({ data: { tenantId: a.id, host: 'secreto-alfa.test' } });
  await scopedDb(a.id).ticketCategory.create({ data: { tenantId: a.id, name: 'Categoría Secreta Alfa', comment: 'Nota Secreta Alfa', defaultTechnicianId: users[2]!.id } });
  const adminA = await asStaff(a, a.adminId);
  const ticket = await adminA.tickets.create({ customerId: customer.id, connectionId: connection.id, title: 'Ticket Secreto Alfa', description: 'Descripción Secreta Alfa', assigneeId: users[2]!.id });
  await adminA.tickets.handOver({ id: ticket.id, version: 1, companyId: aCompany.id });
  await adminA.tickets.comment({ ticketId: ticket.id, body: 'Comentario Secreto Alfa', public: true });
  await scopedDb(a.id).ticketFile.create({
    data: { tenantId: a.id, ticketId: ticket.id, name: 'Archivo Secreto Alfa.pdf', mime: 'application/pdf', size: 9, image: false, visibility: 'PUBLIC', storage: 'LOCAL', key: `${a.id}/${ticket.id}` },
  });
  await scopedDb(a.id).message.create({
    data: { tenantId: a.id, channel: 'EMAIL', reason: 'ticket.assigned', recipient: 'secreto-alfa@example.com', customerId: customer.id, ticketId: ticket.id, locale: 'es', subject: 'Mensaje Secreto Alfa', text: 'Texto Secreto Alfa' },
  });
  await scopedDb(a.id).pushSubscription.create({
    data: { tenantId: a.id, userId: users[2]!.id, endpoint: 'https://push.example/secreto-alfa', p256dh: 'clave-secreta-alfa', auth: 'auth-secreto-alfa', label: 'Dispositivo Secreto Alfa' },
  });
  // C16: where A's technician was (positions.latest and .distances as B must show nothing of it).
  await scopedDb(a.id).technicianPosition.create({ data: { tenantId: a.id, userId: users[2]!.id, latitude: -34.6, longitude: -58.4, accuracy: 7 } });
  // A5: an invoice (with a PDF) and a payment settling it.
  const invoice = await scopedDb(a.id).invoice.create({
    data: { tenantId: a.id, customerId: customer.id, number: 'FA-SECRETA-ALFA', type: 'Tipo Secreto Alfa', issuedOn: new Date('2026-10-01'), dueOn: new Date('2026-10-10'), period: 'Periodo Secreto Alfa', total: 7777.77, balance: 7000, status: 'PARTIAL', pdfName: 'Factura Secreta Alfa.pdf', pdfStorage: 'LOCAL', pdfKey: `${a.id}/${customer.id}`, pdfSize: 9 },
  });
  const payment = await scopedDb(a.id).payment.create({ data: { tenantId: a.id, customerId: customer.id, paidOn: new Date('2026-10-05'), amount: 777.77, method: 'Medio Secreto Alfa', reference: 'Referencia Secreta Alfa' } });
  await scopedDb(a.id).paymentAllocation.create({ data: { tenantId: a.id, customerId: customer.id, paymentId: payment.id, invoiceId: invoice.id, amount: 777.77 } });
  // F9: tenant B takes payments with Mercado Pago, so its customer gets past "Pagar"'s switch (and is refused A's figures).
  await patchTenantSettings(b.id, { payments: { charge: 'FREE', otherMethods: '', mercadoPago: { enabled: true, accessToken: 'APP_USR-sweep-b', webhookSecret: 'secreto-sweep-b' } } });
  // The rows named here are the ones whose ids every procedure is called with; each other table gives one id too.
  aIds = [...new Set([a.id, a.adminId, customer.id, invoice.id, payment.id, connection.id, catalog.plan.id, catalog.node.id, catalog.locality.id, ...users.map((u) => u.id), ...(await sampleIds(a.id))])];
  aMarkers = [...aIds, 'Secreto Alfa', 'ALFA-1', '31313131', catalog.plan.name, catalog.node.name, catalog.locality.name, a.slug, 'Categoría Secreta Alfa', 'Ticket Secreto Alfa', 'Descripción Secreta Alfa', 'Empresa Secreta Alfa', 'Comentario Secreto Alfa', 'Archivo Secreto Alfa', 'Mensaje Secreto Alfa', 'secreto-alfa@example.com', 'push.example/secreto-alfa', 'Dispositivo Secreto Alfa', 'FA-SECRETA-ALFA', 'Tipo Secreto Alfa', 'Periodo Secreto Alfa', 'Factura Secreta Alfa', 'Medio Secreto Alfa', 'Referencia Secreta Alfa', '7777.77', '777.77'];
});

describe('tenant-isolation sweep', () => {
  it('finds the procedures to sweep', () => {
    expect(procedures.length).toBeGreaterThan(20);
  });

  it.each(procedures.map(([path, proc]) => ({ path, proc })))('$path reveals and changes nothing of another tenant', async ({ path, proc }) => {
    const before = await snapshotOf(a.id);
    const [admin, technician, customer, partner] = await Promise.all([
      createUser(b, 'ADMIN'),
      createUser(b, 'TECHNICIAN'),
      createCustomer(b, { portalPassword: true }),
      createUser(b, 'PARTNER_MANAGER', { companyId: bCompanyId }),
    ]);
    const personas = { admin: await asStaff(b, admin.id), technician: await asStaff(b, technician.id), customer: await asCustomer(b, customer.id), partner: await asStaff(b, partner.id) };
    const schema = inputSchema(proc);
    const ids = schema && hasId(schema) ? aIds : [aIds[0]!];
    const outcomes: string[] = [];
    for (const id of ids) {
      const input = schema ? generate(schema, id) : undefined;
      for (const [persona, caller] of Object.entries(personas)) {
        const fn = path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller) as (input: unknown) => Promise<unknown>;
        try {
          const result = await fn(input);
          const text = JSON.stringify(result) ?? '';
          for (const marker of aMarkers) expect(text, `${path} as ${persona} returned tenant A's ${marker}`).not.toContain(marker);
          outcomes.push('ok');
        } catch (error) {
          const e = error as { code?: string; cause?: { fieldErrors?: Record<string, { key: string }> } };
          const unknownReference = e.code === 'BAD_REQUEST' && Object.values(e.cause?.fieldErrors ?? {}).every((f) => f.key === 'validation.unknownOption') && Object.keys(e.cause?.fieldErrors ?? {}).length > 0;
          const allowed = e.code === 'NOT_FOUND' || e.code === 'FORBIDDEN' || unknownReference;
          expect(allowed, `${path} as ${persona} with ${id}: ${e.code} ${(error as Error).message} ${JSON.stringify(e.cause ?? {})}`).toBe(true);
          outcomes.push(e.code!);
        }
      }
    }
    // At least one persona got past the role check, so the procedure's data path was exercised.
    expect(outcomes.some((o) => o !== 'FORBIDDEN'), `${path}: every persona was FORBIDDEN — the sweep tested nothing`).toBe(true);
    expect(await snapshotOf(a.id)).toBe(before);
  });
});
