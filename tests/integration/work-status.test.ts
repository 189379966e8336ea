// G3: the work status — driven by what the office and the technician do (assign, unassign, finish in the
// app, reopen, a company's renounce), and by the expiry job when the agreed visit has passed. Each
// transition is a history entry; the job runs over every tenant, writes each ticket's own entry, is
// idempotent, and its `ticket.expired` event becomes messages as the tenant's rules say.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type PgBoss from 'pg-boss';
import { db } from '@/server/db';
import { scopedDb } from '@/server/data/scoped';
import { dispatchOutbox } from '@/server/notifications/dispatch';
import { openQueue } from '@/server/notifications/queue';
import { expireWork } from '@/server/services/tickets/work-status';
import { runWorkExpiry } from '@/server/maintenance/work-expiry';
import { zonedInstant } from '@/lib/visits';
import { asStaff, createCustomer, createUser, patchTenantSettings, type StaffOfEveryRole, type TestTenant, twoTenantsWithStaff } from '../factories';

let a: TestTenant, b: TestTenant, A: StaffOfEveryRole, B: StaffOfEveryRole;
let boss: PgBoss;
beforeAll(async () => {
  ({ a, b, A, B } = await twoTenantsWithStaff());
  boss = await openQueue(process.env.DATABASE_URL!);
});
afterAll(async () => {
  await boss?.stop({ graceful: false, wait: true });
});

const DAY = 86_400_000;
/** A day of the tenant's calendar (YYYY-MM-DD), `offset` days from `at`. */
const dayOf = (tenant: TestTenant, at: Date, offset = 0) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: tenant.timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(at.getTime() + offset * DAY));

async function statusOf(tenant: TestTenant, id: string) {
  return (await scopedDb(tenant.id).ticket.findUniqueOrThrow({ where: { id }, select: { workStatus: true } })).workStatus;
}
async function workEntries(caller: StaffOfEveryRole['OPERATOR'], id: string) {
  return (await caller.tickets.history({ id })).filter((h) => h.field === 'workStatus').reverse();
}
async function states(caller: StaffOfEveryRole['OPERATOR']) {
  const config = await caller.ticketConfig.get();
  const of = (stage: string) => config.states.find((s) => s.stage === stage && !s.archivedAt)!.id;
  return { pending: of('PENDING'), finished: of('FINISHED'), closed: of('CLOSED') };
}

describe('work status: the office and the technician drive it', () => {
  it('assign → ASSIGNED, unassign → TO_ASSIGN, each a history entry by who did it; the grid and the view show it', async () => {
    const customer = await createCustomer(a);
    const t = await A.OPERATOR.tickets.create({ customerId: customer.id, title: 'Sin técnico', description: 'Corte' });
    expect(await statusOf(a, t.id)).toBe('TO_ASSIGN');
    const assigned = await A.OPERATOR.tickets.update({ id: t.id, version: 1, assigneeId: A.ids.TECHNICIAN });
    expect(await statusOf(a, t.id)).toBe('ASSIGNED');
    expect((await A.OPERATOR.tickets.get({ id: t.id })).workStatus).toBe('ASSIGNED');
    const page = await A.OPERATOR.tickets.list({ filters: { workStatus: 'ASSIGNED' } });
    expect(page.items.find((i) => i.id === t.id)?.workStatus).toBe('ASSIGNED');
    expect((await A.OPERATOR.tickets.list({ filters: { workStatus: 'TO_ASSIGN' } })).items.map((i) => i.id)).not.toContain(t.id);
    // The history shows the assignment first (newest first), the work status it caused below it.
    const history = await A.OPERATOR.tickets.history({ id: t.id });
    expect(history.slice(0, 2).map((h) => h.field)).toEqual(['assigneeId', 'workStatus']);
    await A.OPERATOR.tickets.update({ id: t.id, version: assigned.version, assigneeId: null });
    expect(await statusOf(a, t.id)).toBe('TO_ASSIGN');
    expect(await workEntries(A.OPERATOR, t.id)).toEqual([
      expect.objectContaining({ kind: 'field', oldValue: 'TO_ASSIGN', newValue: 'ASSIGNED', actor: expect.objectContaining({ id: A.ids.OPERATOR }) }),
      expect.objectContaining({ kind: 'field', oldValue: 'ASSIGNED', newValue: 'TO_ASSIGN', actor: expect.objectContaining({ id: A.ids.OPERATOR }) }),
    ]);
  });

  it('created with a technician (or the category’s) it is ASSIGNED at once; a mass assignment assigns each', async () => {
    const customer = await createCustomer(a);
    const t = await A.OPERATOR.tickets.create({ customerId: customer.id, title: 'Con técnico', description: 'Corte', assigneeId: A.ids.TECHNICIAN });
    expect(await statusOf(a, t.id)).toBe('ASSIGNED');
    const others = await Promise.all([1, 2].map((i) => A.OPERATOR.tickets.create({ customerId: customer.id, title: `Masivo ${i}`, description: 'Corte' })));
    await A.OPERATOR.tickets.bulk({ ids: others.map((o) => o.id), action: { kind: 'assign', assigneeId: A.ids.TECHNICIAN } });
    for (const o of others) expect(await statusOf(a, o.id)).toBe('ASSIGNED');
  });

  it('the technician finishes in the app → COMPLETED; the office reopens → ASSIGNED; closing from the office → COMPLETED', async () => {
    const s = await states(A.OPERATOR);
    const customer = await createCustomer(a);
    const t = await A.OPERATOR.tickets.create({ customerId: customer.id, title: 'Para terminar', description: 'Corte', assigneeId: A.ids.TECHNICIAN });
    const finished = await A.TECHNICIAN.tech.send({ kind: 'update', key: randomUUID(), ticketId: t.id, version: 1, stateId: s.finished });
    expect(await statusOf(a, t.id)).toBe('COMPLETED');
    expect((await A.TECHNICIAN.tech.ticket({ id: t.id })).workStatus).toBe('COMPLETED');
    const reopened = await A.OPERATOR.tickets.update({ id: t.id, version: finished.version!, stateId: s.pending });
    expect(await statusOf(a, t.id)).toBe('ASSIGNED');
    await A.OPERATOR.tickets.update({ id: t.id, version: reopened.version, stateId: s.closed });
    expect(await statusOf(a, t.id)).toBe('COMPLETED');
    expect((await workEntries(A.OPERATOR, t.id)).map((e) => [e.oldValue, e.newValue, e.actor?.id])).toEqual([
      ['ASSIGNED', 'COMPLETED', A.ids.TECHNICIAN],
      ['COMPLETED', 'ASSIGNED', A.ids.OPERATOR],
      ['ASSIGNED', 'COMPLETED', A.ids.OPERATOR],
    ]);
    // Reopened without a technician: to assign.
    const u = await A.OPERATOR.tickets.create({ customerId: customer.id, title: 'Sin técnico, terminado', description: 'Corte' });
    const done = await A.OPERATOR.tickets.update({ id: u.id, version: 1, stateId: s.finished });
    expect(await statusOf(a, u.id)).toBe('COMPLETED');
    await A.OPERATOR.tickets.update({ id: u.id, version: done.version, stateId: s.pending });
    expect(await statusOf(a, u.id)).toBe('TO_ASSIGN');
  });

  it('a partner company renounces → TO_ASSIGN, with the entry by its manager', async () => {
    const companyTech = await createUser(a, 'TECHNICIAN', { companyId: A.companyId });
    const customer = await createCustomer(a);
    const t = await A.OPERATOR.tickets.create({ customerId: customer.id, title: 'A la empresa', description: 'Corte' });
    const handed = await A.OPERATOR.tickets.handOver({ id: t.id, version: 1, companyId: A.companyId });
    const taken = await A.PARTNER_MANAGER.tickets.takeOver(handed);
    const assigned = await A.PARTNER_MANAGER.tickets.update({ id: t.id, version: taken.version, assigneeId: companyTech.id });
    expect(await statusOf(a, t.id)).toBe('ASSIGNED');
    await A.PARTNER_MANAGER.tickets.renounce({ id: t.id, version: assigned.version, reason: 'Fuera de zona' });
    expect(await statusOf(a, t.id)).toBe('TO_ASSIGN');
    expect((await workEntries(A.OPERATOR, t.id)).at(-1)).toMatchObject({ oldValue: 'ASSIGNED', newValue: 'TO_ASSIGN', actor: { id: A.ids.PARTNER_MANAGER } });
  });
});

describe('work status: the expiry job', () => {
  // The job runs at today 12:00 in the tenants' calendar (both in Buenos Aires), or now if that is earlier
  // (its history entries are dated then, and must not sort after the saves that follow).
  const today = () => dayOf(a, new Date());
  const noon = () => new Date(Math.min(zonedInstant(today(), '12:00', a.timeZone).getTime(), Date.now()));
  const yesterday = () => dayOf(a, new Date(), -1);

  async function withVisit(callers: StaffOfEveryRole, tenant: TestTenant, title: string, visit: { date: string; from: string; to: string }, assigneeId: string | null = callers.ids.TECHNICIAN) {
    const customer = await createCustomer(tenant);
    return callers.OPERATOR.tickets.create({ customerId: customer.id, title, description: 'Visita', visit, ...(assigneeId ? { assigneeId } : {}) });
  }

  it('a visit that ended yesterday expires, one ending later today does not, a finished or closed one never does; a second run changes nothing; every tenant, each ticket its own entry', async () => {
    const s = await states(A.OPERATOR);
    const past = await withVisit(A, a, 'Ayer', { date: yesterday(), from: '09:00', to: '11:00' });
    const pastB = await withVisit(B, b, 'Ayer en B', { date: yesterday(), from: '09:00', to: '11:00' });
    const later = await withVisit(A, a, 'Más tarde', { date: today(), from: '14:00', to: '16:00' });
    const unassigned = await withVisit(A, a, 'Sin técnico', { date: yesterday(), from: '09:00', to: '11:00' }, null);
    const finished = await withVisit(A, a, 'Terminado', { date: yesterday(), from: '09:00', to: '11:00' });
    await A.OPERATOR.tickets.update({ id: finished.id, version: 1, stateId: s.finished });
    const closed = await withVisit(A, a, 'Cerrado', { date: yesterday(), from: '09:00', to: '11:00' });
    await A.OPERATOR.tickets.update({ id: closed.id, version: 1, stateId: s.closed });

    const expired = await expireWork(noon());
    expect(expired).toBeGreaterThanOrEqual(2);
    expect(await statusOf(a, past.id)).toBe('EXPIRED');
    expect(await statusOf(b, pastB.id)).toBe('EXPIRED');
    expect(await statusOf(a, later.id)).toBe('ASSIGNED');
    expect(await statusOf(a, unassigned.id)).toBe('TO_ASSIGN');
    expect(await statusOf(a, finished.id)).toBe('COMPLETED');
    expect(await statusOf(a, closed.id)).toBe('COMPLETED');
    // Each ticket's own entry, in its own tenant, by nobody (the job); the version is not bumped.
    const entriesA = (await workEntries(A.OPERATOR, past.id)).filter((e) => e.newValue === 'EXPIRED');
    expect(entriesA).toEqual([expect.objectContaining({ oldValue: 'ASSIGNED', newValue: 'EXPIRED', actor: null, version: 1 })]);
    expect((await workEntries(B.OPERATOR, pastB.id)).filter((e) => e.newValue === 'EXPIRED')).toHaveLength(1);
    const rows = await db().ticketEvent.findMany({ where: { ticketId: { in: [past.id, pastB.id] }, field: 'workStatus', newValue: 'EXPIRED' }, select: { tenantId: true, ticketId: true } });
    expect(rows.sort((x, y) => x.tenantId.localeCompare(y.tenantId))).toEqual(
      [{ tenantId: a.id, ticketId: past.id }, { tenantId: b.id, ticketId: pastB.id }].sort((x, y) => x.tenantId.localeCompare(y.tenantId)),
    );
    expect((await A.OPERATOR.tickets.get({ id: past.id })).version).toBe(1);
    // Another tenant's staff do not see A's ticket's history.
    await expect(B.OPERATOR.tickets.history({ id: past.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });

    // A second run (the maintenance loop's) changes nothing.
    const before = await db().ticketEvent.count({ where: { field: 'workStatus' } });
    expect(await expireWork(noon())).toBe(0);
    expect(await runWorkExpiry(noon())).toBe(0);
    expect(await db().ticketEvent.count({ where: { field: 'workStatus' } })).toBe(before);

    // Later that day the afternoon visit has passed too.
    expect(await expireWork(new Date(zonedInstant(today(), '16:00', a.timeZone).getTime() + 1))).toBeGreaterThanOrEqual(1);
    expect(await statusOf(a, later.id)).toBe('EXPIRED');
  });

  it('an expired ticket: a save read before the expiry still saves; reassigning keeps it EXPIRED; a new visit in the future makes it ASSIGNED; finishing makes it COMPLETED', async () => {
    const s = await states(A.OPERATOR);
    const t = await withVisit(A, a, 'Vencido', { date: yesterday(), from: '09:00', to: '11:00' });
    await expireWork(noon());
    expect(await statusOf(a, t.id)).toBe('EXPIRED');
    // Version 1 is still the ticket's: the expiry did not make the form stale.
    const other = await createUser(a, 'TECHNICIAN');
    const reassigned = await A.OPERATOR.tickets.update({ id: t.id, version: 1, assigneeId: other.id });
    expect(await statusOf(a, t.id)).toBe('EXPIRED');
    const moved = await A.OPERATOR.tickets.update({ id: t.id, version: reassigned.version, visit: { date: '2031-03-04', from: '09:00', to: '11:00' } });
    expect(await statusOf(a, t.id)).toBe('ASSIGNED');
    expect((await workEntries(A.OPERATOR, t.id)).at(-1)).toMatchObject({ oldValue: 'EXPIRED', newValue: 'ASSIGNED', actor: { id: A.ids.OPERATOR } });
    // Expired again (the job at a later "now"), then the technician finishes it in the app.
    await scopedDb(a.id).ticket.update({ where: { id: t.id }, data: { visitEnd: new Date(Date.now() - DAY) } });
    await expireWork(new Date());
    expect(await statusOf(a, t.id)).toBe('EXPIRED');
    const tech = await asStaff(a, other.id);
    await tech.tech.send({ kind: 'update', key: randomUUID(), ticketId: t.id, version: moved.version, stateId: s.finished });
    expect(await statusOf(a, t.id)).toBe('COMPLETED');
    expect(await expireWork(new Date())).toBe(0);
  });

  it('the expiry is notified as the rules say: push to the assignee and the office, e-mail to the office; off, nothing', async () => {
    await patchTenantSettings(a.id, { notifications: { officeEmail: 'oficina@a.test' } });
    // Clean slate: earlier events of this file are not this test's.
    await db().outboxEvent.updateMany({ where: { processedAt: null }, data: { processedAt: new Date() } });
    const t = await withVisit(A, a, 'Aviso de vencimiento', { date: yesterday(), from: '09:00', to: '11:00' });
    await db().outboxEvent.updateMany({ where: { processedAt: null }, data: { processedAt: new Date() } });
    await expireWork(noon());
    const [event] = await db().outboxEvent.findMany({ where: { tenantId: a.id, type: 'ticket.expired', processedAt: null } });
    expect(event?.payload).toMatchObject({ ticketId: t.id, assigneeId: A.ids.TECHNICIAN });
    await dispatchOutbox(boss);
    const messages = await scopedDb(a.id).message.findMany({ where: { ticketId: t.id, reason: 'ticket.expired' }, select: { channel: true, recipient: true, userId: true, status: true, subject: true } });
    // The technician without a device: logged as not sent, in their name; the office's address: an e-mail.
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ channel: 'PUSH', userId: A.ids.TECHNICIAN, status: 'NOT_SENT' }),
        expect.objectContaining({ channel: 'EMAIL', recipient: 'oficina@a.test', status: 'PENDING' }),
      ]),
    );
    expect(messages.find((m) => m.channel === 'EMAIL')?.subject).toContain('vencido');

    // Switched off: the next expiry tells nobody.
    await patchTenantSettings(a.id, { notifications: { officeEmail: 'oficina@a.test', pushStaffOnExpiry: false, emailOfficeOnExpiry: false } });
    const quiet = await withVisit(A, a, 'Vencimiento sin aviso', { date: yesterday(), from: '09:00', to: '11:00' });
    await db().outboxEvent.updateMany({ where: { processedAt: null }, data: { processedAt: new Date() } });
    await expireWork(noon());
    await dispatchOutbox(boss);
    expect(await statusOf(a, quiet.id)).toBe('EXPIRED');
    expect(await scopedDb(a.id).message.count({ where: { ticketId: quiet.id } })).toBe(0);
  });
});
