// C9, C10, C12, C13: editing a ticket — history of every field, the tab counters following the
// stage, who may close and reopen, stale saves refused with what changed, concurrent saves losing
// no history, bad references, and tenants.
import { beforeAll, describe, expect, it } from 'vitest';
import { scopedDb } from '@/server/data/scoped';
import { asCustomer, createCustomer, rejects, type StaffOfEveryRole, type TestTenant, twoTenantsWithStaff } from '../factories';
import { httpCall } from '../factories/http';

let a: TestTenant, A: StaffOfEveryRole, B: StaffOfEveryRole;
let states: Record<string, string>;
let priorities: Record<string, string>;
beforeAll(async () => {
  ({ a, A, B } = await twoTenantsWithStaff());
  const config = await A.ADMIN.ticketConfig.get();
  states = Object.fromEntries(config.states.map((s) => [s.name, s.id]));
  priorities = Object.fromEntries(config.priorities.map((p) => [p.name, p.id]));
});

/** A new ticket; `forTechnician` assigns it to the technician, who sees only the tickets assigned to them. */
async function newTicket(title = 'Sin servicio', { forTechnician = false } = {}) {
  const customer = await createCustomer(a);
  const created = await A.OPERATOR.tickets.create({ customerId: customer.id, title, description: 'Descripción inicial', ...(forTechnician ? { assigneeId: A.ids.TECHNICIAN } : {}) });
  return { ...created, version: 1 };
}

const counts = async () => (await A.OPERATOR.tickets.list({})).counts;

describe('editing', () => {
  it('one save changes several fields; each gets a history entry with names, and the version moves', async () => {
    const t = await newTicket();
    const result = await A.OPERATOR.tickets.update({ id: t.id, version: 1, title: 'Sin servicio en el barrio', priorityId: priorities.Urgente, assigneeId: A.ids.TECHNICIAN, complexity: 'HIGH' });
    expect(result).toEqual({ id: t.id, version: 2, changed: ['title', 'complexity', 'priorityId', 'assigneeId'] });
    const history = await A.OPERATOR.tickets.history({ id: t.id });
    const byField = Object.fromEntries(history.filter((h) => h.kind === 'field').map((h) => [h.field, [h.oldValue, h.newValue, h.version, h.actor?.id]]));
    const technician = (await scopedDb(a.id).user.findUniqueOrThrow({ where: { id: A.ids.TECHNICIAN } })).name;
    expect(byField).toEqual({
      title: ['Sin servicio', 'Sin servicio en el barrio', 2, A.ids.OPERATOR],
      complexity: [null, 'HIGH', 2, A.ids.OPERATOR],
      priorityId: ['Normal', 'Urgente', 2, A.ids.OPERATOR],
      assigneeId: [null, technician, 2, A.ids.OPERATOR],
      // G3: the assignment makes the work ASSIGNED.
      workStatus: ['TO_ASSIGN', 'ASSIGNED', 2, A.ids.OPERATOR],
    });
    expect(history.at(-1)).toMatchObject({ kind: 'created' });
    const view = await A.OPERATOR.tickets.get({ id: t.id });
    expect(view).toMatchObject({ title: 'Sin servicio en el barrio', version: 2, priority: { name: 'Urgente' }, assignee: { id: A.ids.TECHNICIAN }, complexity: 'HIGH' });
    // Saving the same values again changes nothing and writes no history.
    expect(await A.OPERATOR.tickets.update({ id: t.id, version: 2, title: 'Sin servicio en el barrio' })).toEqual({ id: t.id, version: 2, changed: [] });
    const outbox = await scopedDb(a.id).outboxEvent.findMany({ where: { payload: { path: ['ticketId'], equals: t.id } }, select: { type: true } });
    expect(outbox.map((e) => e.type).sort()).toEqual(['ticket.assigned', 'ticket.created']);
  });

  it('finish, close and reopen move the dates and the tab counts; events go to the outbox', async () => {
    const t = await newTicket('Sin servicio', { forTechnician: true });
    const c0 = await counts();
    await A.TECHNICIAN.tickets.update({ id: t.id, version: 1, stateId: states.Resuelto });
    let view = await A.OPERATOR.tickets.get({ id: t.id });
    expect(view.stage).toBe('FINISHED');
    expect(view.finishedAt).toBeInstanceOf(Date);
    expect(await counts()).toEqual({ PENDING: c0.PENDING - 1, FINISHED: c0.FINISHED + 1, CLOSED: c0.CLOSED });

    await A.OPERATOR.tickets.update({ id: t.id, version: 2, stateId: states.Cerrado });
    view = await A.OPERATOR.tickets.get({ id: t.id });
    expect(view).toMatchObject({ stage: 'CLOSED', state: { name: 'Cerrado' } });
    expect(view.closedAt).toBeInstanceOf(Date);
    expect(await counts()).toEqual({ PENDING: c0.PENDING - 1, FINISHED: c0.FINISHED, CLOSED: c0.CLOSED + 1 });
    expect((await A.OPERATOR.tickets.list({ tab: 'CLOSED' })).items.map((x) => x.id)).toContain(t.id);

    await A.SUPERVISOR.tickets.update({ id: t.id, version: 3, stateId: states['En curso'] });
    view = await A.OPERATOR.tickets.get({ id: t.id });
    expect(view).toMatchObject({ stage: 'PENDING', closedAt: null, finishedAt: null });
    expect(await counts()).toEqual(c0);
    const outbox = await scopedDb(a.id).outboxEvent.findMany({ where: { payload: { path: ['ticketId'], equals: t.id } }, orderBy: { createdAt: 'asc' }, select: { type: true } });
    expect(outbox.map((e) => e.type)).toEqual(['ticket.created', 'ticket.assigned', 'ticket.stateChanged', 'ticket.finished', 'ticket.stateChanged', 'ticket.closed', 'ticket.stateChanged', 'ticket.reopened']);
  });

  it('technicians may finish but not close, nor reopen; nothing changes when refused', async () => {
    const t = await newTicket('Sin servicio', { forTechnician: true });
    await rejects(A.TECHNICIAN.tickets.update({ id: t.id, version: 1, stateId: states.Cerrado }), 'FORBIDDEN');
    await A.TECHNICIAN.tickets.update({ id: t.id, version: 1, stateId: states.Resuelto });
    await rejects(A.TECHNICIAN.tickets.update({ id: t.id, version: 2, stateId: states.Abierto }), 'FORBIDDEN');
    await rejects(A.TECHNICIAN.tickets.update({ id: t.id, version: 2, billable: true }), 'FORBIDDEN');
    const view = await A.OPERATOR.tickets.get({ id: t.id });
    expect(view).toMatchObject({ version: 2, stage: 'FINISHED', billable: false });
    // Billing data never reaches a technician.
    expect(await A.TECHNICIAN.tickets.get({ id: t.id })).not.toHaveProperty('price');
    expect(view).toHaveProperty('price');
  });

  it('a stale save is refused with what changed since, translated', async () => {
    const t = await newTicket();
    await A.OPERATOR.tickets.update({ id: t.id, version: 1, priorityId: priorities.Alta, description: 'Cambiada por otro' });
    const session = { kind: 'staff' as const, userId: A.ids.SUPERVISOR, tenantId: a.id };
    const res = await httpCall({ host: a.host, session, path: 'tickets.update', input: { id: t.id, version: 1, title: 'Mi cambio' } });
    expect(res.status).toBe(409);
    expect(res.json.error?.json.message).toBe('Alguien guardó este ticket mientras lo editabas (cambió: Descripción, Prioridad). Recargá para ver los cambios y volvé a guardar.');
    expect((await A.OPERATOR.tickets.get({ id: t.id })).title).toBe('Sin servicio');
  });

  it('fifty simultaneous saves of one ticket: one wins per version, the rest are refused, no history is lost', async () => {
    const t = await newTicket();
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) => A.OPERATOR.tickets.update({ id: t.id, version: 1, description: `Versión ${i}` })),
    );
    const won = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r) => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(refused.every((r) => (r as PromiseRejectedResult).reason.code === 'CONFLICT')).toBe(true);
    // Saves that each read the latest version all apply, one after another, each with its entry.
    let version = 2;
    for (let round = 0; round < 5; round++) {
      const batch = await Promise.allSettled(Array.from({ length: 10 }, (_, i) => A.OPERATOR.tickets.update({ id: t.id, version, description: `Ronda ${round}.${i}` })));
      expect(batch.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      version += 1;
    }
    const history = await A.OPERATOR.tickets.history({ id: t.id });
    const edits = history.filter((h) => h.field === 'description');
    expect(edits).toHaveLength(6);
    expect(edits.map((h) => h.version).sort((x, y) => x - y)).toEqual([2, 3, 4, 5, 6, 7]);
    expect((await A.OPERATOR.tickets.get({ id: t.id })).version).toBe(7);
  });

  it('bad references are field errors; nothing is half-saved', async () => {
    const t = await newTicket();
    const bConfig = await B.ADMIN.ticketConfig.get();
    const cases: [object, string][] = [
      [{ stateId: bConfig.states[0]!.id }, 'stateId'],
      [{ priorityId: bConfig.priorities[0]!.id }, 'priorityId'],
      [{ assigneeId: B.ids.TECHNICIAN }, 'assigneeId'],
      [{ pqrs: 'QUEJA' }, 'pqrs'],
    ];
    for (const [input, field] of cases) {
      const error = await rejects(A.OPERATOR.tickets.update({ id: t.id, version: 1, title: 'No se guarda', ...input }), 'BAD_REQUEST');
      expect(Object.keys((error as { cause?: { fieldErrors?: object } }).cause?.fieldErrors ?? {})).toEqual([field]);
    }
    const view = await A.OPERATOR.tickets.get({ id: t.id });
    expect(view).toMatchObject({ version: 1, title: 'Sin servicio' });
    expect((await A.OPERATOR.tickets.history({ id: t.id })).map((h) => h.kind)).toEqual(['created']);
  });
});

describe('tenants', () => {
  it('another tenant’s ticket is NOT_FOUND for get, history and update', async () => {
    const t = await newTicket('Ticket Privado');
    await rejects(B.ADMIN.tickets.get({ id: t.id }), 'NOT_FOUND');
    await rejects(B.ADMIN.tickets.history({ id: t.id }), 'NOT_FOUND');
    await rejects(B.ADMIN.tickets.update({ id: t.id, version: 1, title: 'Robado' }), 'NOT_FOUND');
    expect((await A.OPERATOR.tickets.get({ id: t.id })).title).toBe('Ticket Privado');
  });
});

describe('the technician’s list', () => {
  it('lists what is assigned to the caller and not closed; a customer session is refused; another tenant’s technician sees none of it', async () => {
    const open = await newTicket('Para el técnico');
    const done = await newTicket('Terminado por el técnico');
    const closed = await newTicket('Ya cerrado');
    const other = await newTicket('De otro');
    await A.OPERATOR.tickets.update({ id: open.id, version: 1, assigneeId: A.ids.TECHNICIAN });
    await A.OPERATOR.tickets.update({ id: done.id, version: 1, assigneeId: A.ids.TECHNICIAN, stateId: states.Resuelto });
    await A.OPERATOR.tickets.update({ id: closed.id, version: 1, assigneeId: A.ids.TECHNICIAN, stateId: states.Cerrado });
    await A.OPERATOR.tickets.update({ id: other.id, version: 1, assigneeId: A.ids.OPERATOR });
    const mine = await A.TECHNICIAN.tech.list({});
    expect(mine.map((x) => x.title)).toEqual(expect.arrayContaining(['Para el técnico', 'Terminado por el técnico']));
    expect(mine.map((x) => x.title)).not.toContain('Ya cerrado');
    expect(mine.map((x) => x.title)).not.toContain('De otro');
    // Pending before finished.
    expect(mine.findIndex((x) => x.id === open.id)).toBeLessThan(mine.findIndex((x) => x.id === done.id));
    expect(await B.TECHNICIAN.tech.list({})).toEqual([]);
    const customer = await createCustomer(a, { portalPassword: true });
    await rejects((await asCustomer(a, customer.id)).tech.list({}), 'FORBIDDEN');
  });
});

describe('due dates (C13)', () => {
  it('a due date before the opening day is a field error on create and on save, in the caller’s language; the same day is fine', async () => {
    const yesterday = new Date(Date.now() - 36 * 3600_000);
    const refused = await httpCall({ host: a.host, session: { kind: 'staff', userId: A.ids.OPERATOR, tenantId: a.id }, path: 'tickets.create', input: { description: 'Vence ayer', dueAt: yesterday }, locale: 'en' });
    expect(refused.status).toBe(400);
    expect(refused.json.error?.json.data.fieldErrors).toEqual({ dueAt: 'The due date cannot be before the day the ticket was opened.' });
    const t = await newTicket('Con vencimiento');
    await rejects(A.OPERATOR.tickets.update({ id: t.id, version: 1, dueAt: yesterday }), 'BAD_REQUEST');
    expect((await A.OPERATOR.tickets.get({ id: t.id })).dueAt).toBeNull();
    const today = await A.OPERATOR.tickets.update({ id: t.id, version: 1, dueAt: new Date() });
    expect(today.changed).toEqual(['dueAt']);
  });
});

describe('billing (C10)', () => {
  it('marking a ticket billable gives it its category’s price; recategorizing re-prices it; unmarking clears it', async () => {
    const visit = await A.ADMIN.ticketConfig.categories.create({ name: `Visita con cargo ${Date.now()}`, price: 4500 });
    const install = await A.ADMIN.ticketConfig.categories.create({ name: `Instalación con cargo ${Date.now()}`, price: 12000 });
    const customer = await createCustomer(a);
    const t = await A.OPERATOR.tickets.create({ customerId: customer.id, description: 'Cobrar la visita', categoryId: visit.id });
    expect((await A.OPERATOR.tickets.get({ id: t.id })).price).toBeNull();
    await A.OPERATOR.tickets.update({ id: t.id, version: 1, billable: true });
    expect((await A.OPERATOR.tickets.get({ id: t.id })).price).toBe(4500);
    await A.OPERATOR.tickets.update({ id: t.id, version: 2, categoryId: install.id });
    expect((await A.OPERATOR.tickets.get({ id: t.id })).price).toBe(12000);
    await A.OPERATOR.tickets.update({ id: t.id, version: 3, billable: false });
    expect((await A.OPERATOR.tickets.get({ id: t.id })).price).toBeNull();
  });
});
