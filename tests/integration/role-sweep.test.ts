// The role sweep (issue 15, point 8): like the tenant-isolation sweep, generated from the root router,
// so procedures added later are swept too. Within one tenant, every procedure is called as every
// staff role and as a customer:
//   - a role the procedure's permission does not name (meta.permission), or a persona of the wrong
//     audience, is FORBIDDEN;
//   - a technician handed the ids of a ticket they may not see (the ticket, its comment, file and
//     history entry) gets NOT_FOUND, FORBIDDEN, an unknown-option error, or an answer holding
//     nothing of that ticket — and the ticket and everything under it stay byte for byte the same;
//   - a role without billing.read never receives an amount (ticket price and cost, category and plan
//     prices, an invoice's total and balance, a payment's amount, under any name), whatever the procedure;
//     the customer receives their own invoices' and payments' amounts in the portal's account procedures, no other.
// Then, generated from the permission map's TICKET_FIELDS: each field a role may not set is refused
// (FORBIDDEN, naming the field) by creation and by the save, and accepted for the roles that may.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { can, ROLES, TICKET_FIELDS, type Role, type TicketField } from '@/lib/permissions';
import { db } from '@/server/db';
import { scopedDb } from '@/server/data/scoped';
import { ZTicketCreate } from '@/server/services/tickets/tickets';
import { ZTicketUpdate } from '@/server/services/tickets/lifecycle';
import { generate, hasId, inputSchema, procedureOf, procedures } from '../factories/sweep';
import { asCustomer, asStaff, createCustomer, rejects, twoTenantsWithStaff, type StaffOfEveryRole, type TestTenant } from '../factories';

let a: TestTenant, A: StaffOfEveryRole;
let customerId: string;
let visible: { id: string };
let hidden: { id: string };
let hiddenIds: string[];
let visibleIds: string[];
const HIDDEN_MARKERS = ['Oculto Rol Sweep', 'Comentario Oculto Sweep', 'Archivo Oculto Sweep.pdf'];
/** Amounts no role without billing.read may receive; distinctive, so a match is never a coincidence. */
const AMOUNTS = { plan: 3917.53, category: 4829.61, cost: 6173.29, invoice: 5281.47, invoiceBalance: 3845.18, payment: 1436.29, product: 2718.37 };
const AMOUNT_TEXT = Object.values(AMOUNTS).flatMap((n) => [String(n), n.toFixed(2)]);
/**
 * Procedures answering the signed-in customer their OWN account (F9): the customer persona owns the
 * invoice and the payment above, so their amounts may appear there — a price or a ticket's cost never.
 */
const CUSTOMER_OWN_ACCOUNT = new Set(['portal.home', 'portal.pay.checkout', 'portal.invoices.list', 'portal.invoices.get']);
const OWN_ACCOUNT_AMOUNTS = new Set([AMOUNTS.invoice, AMOUNTS.invoiceBalance, AMOUNTS.payment].flatMap((n) => [String(n), n.toFixed(2)]));

/** The hidden ticket and everything under it, as stored. */
async function hiddenSnapshot(): Promise<string> {
  const parts = await Promise.all([
    db().ticket.findMany({ where: { id: hidden.id } }),
    ...(['ticketEvent', 'ticketComment', 'ticketFile', 'ticketRead', 'ticketProduct'] as const).map((table) =>
      (db()[table] as unknown as { findMany(a: object): Promise<unknown[]> }).findMany({ where: { ticketId: hidden.id }, orderBy: { ticketId: 'asc' } }),
    ),
  ]);
  return JSON.stringify(parts);
}

beforeAll(async () => {
  ({ a, A } = await twoTenantsWithStaff());
  const scoped = scopedDb(a.id);
  const customer = await createCustomer(a, { name: 'Cliente Rol Sweep', portalPassword: true });
  customerId = customer.id;
  const plan = await scoped.plan.create({ data: { tenantId: a.id, name: 'Plan Rol Sweep', downloadMbps: 300, uploadMbps: 100, price: AMOUNTS.plan, offeredInPortal: true } });
  const connection = await scoped.connection.create({ data: { tenantId: a.id, customerId: customer.id, address: 'Calle Rol 1', planId: plan.id, latitude: -34.6, longitude: -58.4 } });
  const category = await A.ADMIN.ticketConfig.categories.create({ name: 'Categoría Rol Sweep', price: AMOUNTS.category, inTechnicianApp: true });
  visible = await A.OPERATOR.tickets.create({
    customerId: customer.id,
    connectionId: connection.id,
    categoryId: category.id,
    title: 'Visible Rol Sweep',
    description: 'Del técnico',
    assigneeId: A.ids.TECHNICIAN,
    billable: true,
    cost: AMOUNTS.cost,
  });
  await A.OPERATOR.tickets.comment({ ticketId: visible.id, body: 'Comentario visible', public: true });
  hidden = await A.OPERATOR.tickets.create({ customerId: customer.id, connectionId: connection.id, categoryId: category.id, title: 'Oculto Rol Sweep', description: 'De la oficina', assigneeId: A.ids.OPERATOR, billable: true, cost: AMOUNTS.cost });
  const comment = await A.OPERATOR.tickets.comment({ ticketId: hidden.id, body: 'Comentario Oculto Sweep', public: true });
  const file = await scoped.ticketFile.create({
    data: { tenantId: a.id, ticketId: hidden.id, name: 'Archivo Oculto Sweep.pdf', mime: 'application/pdf', size: 9, image: false, visibility: 'TECHNICIAN', storage: 'LOCAL', key: `${a.id}/${randomUUID()}` },
  });
  const event = await scoped.ticketEvent.create({ data: { tenantId: a.id, ticketId: hidden.id, actorId: A.ids.OPERATOR, kind: 'file', field: 'file', newValue: 'Archivo Oculto Sweep.pdf', visibility: 'TECHNICIAN' } });
  hiddenIds = [hidden.id, comment.id, file.id, event.id];
  // A5: the customer's invoice, partly paid by a payment — amounts only billing.read may receive.
  const invoice = await scoped.invoice.create({
    data: { tenantId: a.id, customerId: customer.id, number: 'F-ROL-1', type: 'B', issuedOn: new Date('2026-10-01'), dueOn: new Date('2026-10-10'), total: AMOUNTS.invoice, balance: AMOUNTS.invoiceBalance, status: 'PARTIAL' },
  });
  const payment = await scoped.payment.create({ data: { tenantId: a.id, customerId: customer.id, paidOn: new Date('2026-10-05'), amount: AMOUNTS.payment, method: 'Efectivo', reference: 'ROL-1' } });
  await scoped.paymentAllocation.create({ data: { tenantId: a.id, customerId: customer.id, paymentId: payment.id, invoiceId: invoice.id, amount: AMOUNTS.payment } });
  // G8: a product sold on both tickets — its price, and the lines' totals, only for billing.read.
  const product = await A.ADMIN.products.create({ name: 'Router Rol Sweep', code: 'RT-SWEEP', price: String(AMOUNTS.product), taxRate: '0' });
  await A.OPERATOR.products.setLine({ ticketId: visible.id, productId: product.id, quantity: 1 });
  await A.OPERATOR.products.setLine({ ticketId: hidden.id, productId: product.id, quantity: 1 });
  visibleIds = [visible.id, customer.id, connection.id, category.id, plan.id, invoice.id, payment.id, product.id];
});

type Persona = Role | 'CUSTOMER';

async function freshCallers(): Promise<Record<Persona, unknown>> {
  const staff = Object.fromEntries(await Promise.all(ROLES.map(async (role) => [role, await asStaff(a, A.ids[role])] as const)));
  return { ...staff, CUSTOMER: await asCustomer(a, customerId) } as Record<Persona, unknown>;
}
const PERSONAS: Persona[] = [...ROLES, 'CUSTOMER'];

/** Whether the procedure's rung lets this persona in at all. */
function admitted(meta: { audience?: string; permission?: string } | undefined, persona: Persona): boolean {
  const audience = meta?.audience ?? 'public';
  if (audience === 'public' || audience === 'tenant') return true;
  if (audience === 'customer') return persona === 'CUSTOMER';
  if (persona === 'CUSTOMER') return false;
  if (audience === 'technician') return persona === 'TECHNICIAN';
  return !meta?.permission || can(persona, meta.permission as Parameters<typeof can>[1]);
}

function outcomeOf(error: unknown): { code: string; unknownReference: boolean; message: string } {
  const e = error as { code?: string; message?: string; cause?: { fieldErrors?: Record<string, { key: string }> } };
  const fields = Object.values(e.cause?.fieldErrors ?? {});
  return { code: e.code ?? 'THROWN', unknownReference: e.code === 'BAD_REQUEST' && fields.length > 0 && fields.every((f) => f.key === 'validation.unknownOption'), message: `${e.code} ${e.message} ${JSON.stringify(e.cause ?? {})}` };
}

describe('role sweep', () => {
  it('finds the procedures, each with its audience', () => {
    expect(procedures.length).toBeGreaterThan(80);
    for (const [path, proc] of procedures) expect(proc._def.meta?.audience, path).toBeDefined();
  });

  it.each(procedures.map(([path, proc]) => ({ path, proc })))('$path: wrong roles are FORBIDDEN, hidden tickets stay hidden, amounts only with billing.read', async ({ path, proc }) => {
    const schema = inputSchema(proc);
    // Signed in afresh for each procedure: one that ends sessions (sign out everywhere, a password
    // change) must not leave the next procedure's personas signed out.
    const callers = await freshCallers();
    const before = await hiddenSnapshot();
    for (const persona of PERSONAS) {
      // Technicians and a partner company's manager (G2) see only some tickets: they are also handed the hidden ones.
      const seesSome = persona === 'TECHNICIAN' || persona === 'PARTNER_MANAGER';
      const ids = schema && hasId(schema) ? (seesSome ? [...hiddenIds, ...visibleIds] : visibleIds) : [visible.id];
      for (const id of ids) {
        const input = schema ? generate(schema, id) : undefined;
        const call = procedureOf(callers[persona], path);
        let answer: unknown;
        try {
          answer = await call(input);
        } catch (error) {
          const outcome = outcomeOf(error);
          if (!admitted(proc._def.meta, persona)) {
            expect(outcome.code, `${path} as ${persona}: ${outcome.message}`).toBe('FORBIDDEN');
          } else if (seesSome && hiddenIds.includes(id)) {
            expect(['NOT_FOUND', 'FORBIDDEN'].includes(outcome.code) || outcome.unknownReference, `${path} as ${persona} with a hidden id: ${outcome.message}`).toBe(true);
          } else {
            // An allowed call may still be refused for its own reasons (a generated value, a rule), never with a crash.
            expect(outcome.code, `${path} as ${persona}: ${outcome.message}`).not.toMatch(/INTERNAL_SERVER_ERROR|THROWN/);
          }
          continue;
        }
        expect(admitted(proc._def.meta, persona), `${path} answered ${persona}, whose role it does not admit`).toBe(true);
        const text = JSON.stringify(answer) ?? '';
        if (seesSome) {
          for (const marker of HIDDEN_MARKERS) expect(text, `${path} showed ${persona} the hidden ticket's ${marker}`).not.toContain(marker);
        }
        if (persona === 'CUSTOMER' || !can(persona, 'billing.read')) {
          for (const amount of AMOUNT_TEXT) {
            if (persona === 'CUSTOMER' && CUSTOMER_OWN_ACCOUNT.has(path) && OWN_ACCOUNT_AMOUNTS.has(amount)) continue;
            expect(text, `${path} gave ${persona} the amount ${amount}`).not.toMatch(new RegExp(`(?<![0-9a-f.-])${amount.replace('.', '\\.')}(?![0-9a-f-])`));
          }
          expect(text, `${path} gave ${persona} a billing field`).not.toMatch(/"(price|cost)":/);
        }
      }
    }
    expect(await hiddenSnapshot(), `${path} changed the hidden ticket`).toBe(before);
  });
});

/** A value each ticket field can be set to — one per field of the map, so a new field needs one here. */
function sampleValues(): Record<TicketField, unknown> {
  return {
    title: 'Título del barrido',
    description: 'Descripción del barrido',
    callNumber: 'LL-77',
    customerId: undefined,
    connectionId: undefined,
    // G7: the customer's site and equipment depend on the ticket's customer (tests/integration/equipment.test.ts).
    siteId: undefined,
    equipmentId: undefined,
    categoryId: undefined,
    pqrs: undefined,
    priorityId: undefined,
    complexity: 'HIGH',
    areaId: undefined,
    dueAt: new Date(Date.now() + 7 * 86_400_000),
    visit: { date: '2031-03-04', from: '09:00', to: '11:30' },
    kilometres: 14.5,
    stateId: undefined,
    assigneeId: undefined,
    billable: true,
    cost: 12.5,
    costToTechnician: true,
  };
}

describe('ticket fields by role (TICKET_FIELDS)', () => {
  let values: Record<TicketField, unknown>;
  beforeAll(async () => {
    // The sweep above ran "sign out everywhere" and password changes: sign everyone in again.
    const callers = await freshCallers();
    for (const role of ROLES) (A as unknown as Record<Role, unknown>)[role] = callers[role];
    const config = await A.ADMIN.ticketConfig.get();
    const view = await A.OPERATOR.tickets.get({ id: visible.id });
    const otherCategory = config.categories.find((c) => c.id !== view.categoryId && !c.archivedAt && c.inUse)!;
    const otherPriority = config.priorities.find((p) => p.id !== view.priorityId && !p.archivedAt)!;
    const area = config.areas.find((x) => x.id !== view.areaId && !x.archivedAt) ?? (await A.ADMIN.ticketConfig.areas.create({ name: `Área barrido ${randomUUID().slice(0, 4)}` }));
    // Not the default state either: the sweep's customer may have closed the visible ticket (portal.tickets.close), and a fresh ticket has the default.
    const pending = config.states.find((s) => s.stage === 'PENDING' && s.id !== view.stateId && !s.isDefault && !s.archivedAt) ?? config.states.find((s) => s.stage === 'FINISHED')!;
    const customer = await createCustomer(a);
    values = {
      ...sampleValues(),
      customerId: customer.id,
      categoryId: otherCategory.id,
      priorityId: otherPriority.id,
      areaId: area.id,
      stateId: pending.id,
      assigneeId: A.ids.SUPERVISOR,
    };
  });

  it('has a sample value for every field of the map', () => {
    const missing = (Object.keys(TICKET_FIELDS) as TicketField[]).filter((f) => values[f] === undefined && !['connectionId', 'siteId', 'equipmentId', 'pqrs'].includes(f));
    expect(missing).toEqual([]);
  });

  const createFields = (Object.keys(TICKET_FIELDS) as TicketField[]).filter((f) => f in ZTicketCreate.shape && !['connectionId', 'siteId', 'equipmentId', 'pqrs'].includes(f));
  const changeFields = (Object.keys(TICKET_FIELDS) as TicketField[]).filter((f) => f in ZTicketUpdate.shape && !['siteId', 'equipmentId', 'pqrs'].includes(f));

  it.each(ROLES.flatMap((role) => createFields.map((field) => ({ role, field }))))('$role creating with $field', async ({ role, field }) => {
    const input = { description: `Barrido de creación ${field}`, [field]: values[field] };
    if (!can(role, 'tickets.create')) {
      // G2: a partner company's manager opens no tickets at all.
      await rejects(A[role].tickets.create(input), 'FORBIDDEN');
    } else if (can(role, TICKET_FIELDS[field].create) || (field === 'assigneeId' && values[field] === A.ids[role])) {
      expect((await A[role].tickets.create(input)).number).toBeGreaterThan(0);
    } else {
      const error = await rejects(A[role].tickets.create(input), 'FORBIDDEN');
      expect(error.cause).toMatchObject({ fieldErrors: { [field]: { key: 'validation.fieldForbidden' } } });
    }
  });

  it.each(ROLES.flatMap((role) => changeFields.map((field) => ({ role, field }))))('$role changing $field', async ({ role, field }) => {
    // A fresh ticket of the technician's for each case, so every role can see it and each change is a change.
    const fresh = await A.OPERATOR.tickets.create({ description: `Barrido de cambio ${field}`, assigneeId: A.ids.TECHNICIAN });
    if (role === 'PARTNER_MANAGER') {
      // G2: the company's manager works the tickets handed to its company, once taken over.
      const handed = await A.OPERATOR.tickets.handOver({ id: fresh.id, version: (await A.OPERATOR.tickets.get({ id: fresh.id })).version, companyId: A.companyId });
      await A.PARTNER_MANAGER.tickets.takeOver(handed);
    }
    const { version } = await A.OPERATOR.tickets.get({ id: fresh.id });
    const input = { id: fresh.id, version, [field]: values[field] };
    if (role === 'PARTNER_MANAGER' && field === 'assigneeId') {
      // … and assigns only its own technicians (the sample assignee is the ISP's supervisor).
      const error = await rejects(A[role].tickets.update(input), 'BAD_REQUEST');
      expect(error.cause).toMatchObject({ fieldErrors: { assigneeId: { key: 'companies.notYourTechnician' } } });
    } else if (can(role, TICKET_FIELDS[field].change)) {
      expect((await A[role].tickets.update(input)).changed).toEqual([field]);
    } else {
      const error = await rejects(A[role].tickets.update(input), 'FORBIDDEN');
      expect(error.cause).toMatchObject({ fieldErrors: { [field]: { key: 'validation.fieldForbidden' } } });
      expect((await A.OPERATOR.tickets.get({ id: fresh.id })).version).toBe(version);
    }
  });
});
