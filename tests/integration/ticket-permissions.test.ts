// A2 inside a ticket (issue 15, point 8): what a technician may see and change, decided by the
// permission map and the tenant's E8 switches and enforced by the data access — each case here is a
// finding of the outside review that passed before. Also the default area (B5) and creation and
// comments made once per form submission (C5, C7).
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/server/db';
import { scopedDb } from '@/server/data/scoped';
import { asStaff, createCustomer, rejects, twoTenantsWithStaff, type StaffOfEveryRole, type TestTenant } from '../factories';

let a: TestTenant, A: StaffOfEveryRole;
let mine: { id: string; number: number };
let theirs: { id: string; number: number };
let closedMine: { id: string; number: number };
let states: { id: string; name: string; stage: string }[];

beforeAll(async () => {
  ({ a, A } = await twoTenantsWithStaff());
  const customer = await createCustomer(a, { name: 'Cliente Compartido' });
  mine = await A.OPERATOR.tickets.create({ customerId: customer.id, title: 'Del técnico', description: 'Asignado al técnico', assigneeId: A.ids.TECHNICIAN, billable: true, cost: 987.65 });
  theirs = await A.OPERATOR.tickets.create({ customerId: customer.id, title: 'De la oficina', description: 'Sin asignar al técnico' });
  closedMine = await A.OPERATOR.tickets.create({ customerId: customer.id, title: 'Cerrado del técnico', description: 'Ya cerrado', assigneeId: A.ids.TECHNICIAN });
  states = (await A.ADMIN.ticketConfig.get()).states;
  const closed = states.find((s) => s.stage === 'CLOSED')!;
  await A.OPERATOR.tickets.update({ id: closedMine.id, version: 1, stateId: closed.id });
});

/** A technician caller that sees the tenant's settings as they are now (a caller keeps its tenant). */
const technician = () => asStaff(a, A.ids.TECHNICIAN);

async function setTechApp(techApp: { seeAllTickets: boolean; onlyOpenTickets: boolean }) {
  const current = await A.ADMIN.tenants.notificationSettings();
  await A.ADMIN.tenants.updateNotificationSettings({ notifications: current.notifications, techApp: { ...current.techApp, ...techApp } });
}

describe('what a technician sees', () => {
  it('only the tickets assigned to them: the grid, its counts, their list, a customer’s tickets', async () => {
    const t = await technician();
    const all = [...(await t.tickets.list({ tab: 'PENDING' })).items, ...(await t.tickets.list({ tab: 'CLOSED' })).items].map((i) => i.id).sort();
    expect(all).toEqual([mine.id, closedMine.id].sort());
    expect((await t.tickets.list({ tab: 'PENDING' })).counts).toEqual({ PENDING: 1, FINISHED: 0, CLOSED: 1 });
    // The office's counts are the tenant's.
    expect((await A.OPERATOR.tickets.list({ tab: 'PENDING' })).counts).toEqual({ PENDING: 2, FINISHED: 0, CLOSED: 1 });
    // A search or a filter does not reach around the rule.
    expect((await t.tickets.list({ tab: 'PENDING', query: 'oficina' })).items).toEqual([]);
    expect((await t.tickets.list({ tab: 'PENDING', filters: { assigneeId: 'unassigned' } })).items).toEqual([]);
    expect((await t.tech.list({})).map((x) => x.id)).toEqual([mine.id]);
    expect((await t.tech.list({ query: 'oficina' })).map((x) => x.id)).toEqual([]);
    expect((await t.tech.snapshot()).tickets.map((x) => x.id)).toEqual([mine.id]);
    const customerId = (await A.OPERATOR.tickets.get({ id: theirs.id })).customerId!;
    expect((await t.tickets.ofCustomer({ customerId })).map((x) => x.id).sort()).toEqual([mine.id, closedMine.id].sort());
  });

  it('another ticket is NOT_FOUND everywhere: view, history, comments, files, save, comment, read mark', async () => {
    const t = await technician();
    const id = theirs.id;
    await rejects(t.tickets.get({ id }), 'NOT_FOUND');
    await rejects(t.tickets.history({ id }), 'NOT_FOUND');
    await rejects(t.tickets.comments({ id }), 'NOT_FOUND');
    await rejects(t.tickets.files({ id }), 'NOT_FOUND');
    await rejects(t.tickets.comment({ ticketId: id, body: 'Paso mañana', public: true }), 'NOT_FOUND');
    await rejects(t.tickets.markRead({ id }), 'NOT_FOUND');
    await rejects(t.tech.ticket({ id }), 'NOT_FOUND');
    await rejects(t.tech.send({ kind: 'comment', key: randomUUID(), ticketId: id, body: 'Paso mañana', public: true }), 'NOT_FOUND');
    await rejects(t.tech.send({ kind: 'update', key: randomUUID(), ticketId: id, version: 1, kilometres: 3 }), 'NOT_FOUND');
    const finished = states.find((s) => s.stage === 'FINISHED')!;
    await rejects(t.tickets.update({ id, version: 1, stateId: finished.id }), 'NOT_FOUND');
    expect(await t.tickets.bulk({ ids: [id], action: { kind: 'state', stateId: finished.id } })).toEqual({ done: [], unchanged: [], refused: [], notFound: 1 });
    expect(await scopedDb(a.id).ticketComment.count({ where: { ticketId: id } })).toBe(0);
    expect((await A.OPERATOR.tickets.get({ id })).version).toBe(1);
  });

  it('all tickets when the tenant lets technicians see all; no closed ones when it says only open ones', async () => {
    try {
      await setTechApp({ seeAllTickets: true, onlyOpenTickets: false });
      expect((await (await technician()).tickets.get({ id: theirs.id })).id).toBe(theirs.id);
      expect((await (await technician()).tickets.list({ tab: 'PENDING' })).counts).toEqual({ PENDING: 2, FINISHED: 0, CLOSED: 1 });
      await setTechApp({ seeAllTickets: true, onlyOpenTickets: true });
      const t = await technician();
      await rejects(t.tickets.get({ id: closedMine.id }), 'NOT_FOUND');
      expect((await t.tickets.list({ tab: 'CLOSED' })).items).toEqual([]);
      expect((await t.tickets.list({ tab: 'PENDING' })).counts).toEqual({ PENDING: 2, FINISHED: 0, CLOSED: 0 });
      await setTechApp({ seeAllTickets: false, onlyOpenTickets: true });
      const own = await technician();
      expect((await own.tickets.list({ tab: 'PENDING' })).items.map((i) => i.id)).toEqual([mine.id]);
      await rejects(own.tickets.history({ id: closedMine.id }), 'NOT_FOUND');
    } finally {
      await setTechApp({ seeAllTickets: false, onlyOpenTickets: false });
    }
  });
});

describe('what a technician may change', () => {
  it('finishes their ticket, but may not retitle, reassign, recategorize or mark billable', async () => {
    const t = await technician();
    const view = await t.tickets.get({ id: mine.id });
    const config = await A.ADMIN.ticketConfig.get();
    const other = config.categories.find((c) => c.id !== view.categoryId && !c.archivedAt)!;
    for (const change of [{ title: 'Otro título' }, { assigneeId: A.ids.OPERATOR }, { categoryId: other.id }, { billable: false }, { cost: 1 }, { description: 'Otra' }, { dueAt: new Date(Date.now() + 86_400_000) }]) {
      const error = await rejects(t.tickets.update({ id: mine.id, version: view.version, ...change }), 'FORBIDDEN');
      const field = Object.keys(change)[0]!;
      expect(error.cause).toMatchObject({ messageKey: 'fieldsForbidden', fieldErrors: { [field]: { key: 'validation.fieldForbidden' } } });
    }
    expect((await A.OPERATOR.tickets.get({ id: mine.id })).version).toBe(view.version);
    // Recategorizing in bulk goes through the same rule, ticket by ticket.
    const bulk = await t.tickets.bulk({ ids: [mine.id], action: { kind: 'category', categoryId: other.id } });
    expect(bulk.refused).toEqual([{ number: mine.number, message: 'Tu rol no puede cambiar este campo.' }]);
    const finished = states.find((s) => s.stage === 'FINISHED')!;
    expect((await t.tickets.update({ id: mine.id, version: view.version, stateId: finished.id })).changed).toEqual(['stateId']);
  });

  it('may not reopen a closed ticket, not even into a finished state', async () => {
    const t = await technician();
    const version = (await A.OPERATOR.tickets.get({ id: closedMine.id })).version;
    for (const stage of ['FINISHED', 'PENDING']) {
      await rejects(t.tickets.update({ id: closedMine.id, version, stateId: states.find((s) => s.stage === stage)!.id }), 'FORBIDDEN');
    }
    expect((await A.OPERATOR.tickets.get({ id: closedMine.id })).stage).toBe('CLOSED');
  });

  it('opens a ticket from the street: it is theirs; billing, assignee, state, priority and due date are refused', async () => {
    const t = await technician();
    const customer = await createCustomer(a);
    const created = await t.tickets.create({ customerId: customer.id, description: 'Poste caído en la esquina' });
    expect((await t.tickets.get({ id: created.id })).assignee?.id).toBe(A.ids.TECHNICIAN);
    for (const field of [{ billable: true }, { cost: 10 }, { assigneeId: A.ids.OPERATOR }, { stateId: states[0]!.id }, { dueAt: new Date(Date.now() + 86_400_000) }]) {
      await rejects(t.tickets.create({ customerId: customer.id, description: 'No debería crearse', ...field }), 'FORBIDDEN');
    }
    // Assigning it to oneself is what happens anyway.
    expect((await t.tickets.create({ customerId: customer.id, description: 'Para mí', assigneeId: A.ids.TECHNICIAN })).number).toBeGreaterThan(created.number);
    expect(await scopedDb(a.id).ticket.count({ where: { description: 'No debería crearse' } })).toBe(0);
  });
});

describe('what a technician reads in the history', () => {
  it('no billing entries, and no names of files kept for the office', async () => {
    const operatorView = await A.OPERATOR.tickets.get({ id: mine.id });
    await A.OPERATOR.tickets.update({ id: mine.id, version: operatorView.version, cost: 1234.5 });
    await scopedDb(a.id).ticketEvent.createMany({
      data: [
        { tenantId: a.id, ticketId: mine.id, actorId: A.ids.OPERATOR, kind: 'file', field: 'file', newValue: 'Presupuesto interno.pdf', visibility: 'STAFF' },
        { tenantId: a.id, ticketId: mine.id, actorId: A.ids.OPERATOR, kind: 'file', field: 'file', newValue: 'Foto del poste.jpg', visibility: 'TECHNICIAN' },
      ],
    });
    const office = await A.OPERATOR.tickets.history({ id: mine.id });
    expect(office.some((h) => h.field === 'cost')).toBe(true);
    expect(office.map((h) => h.newValue)).toContain('Presupuesto interno.pdf');
    const tech = await (await technician()).tickets.history({ id: mine.id });
    expect(tech.some((h) => h.field === 'cost' || h.field === 'price')).toBe(false);
    expect(JSON.stringify(tech)).not.toContain('Presupuesto interno');
    expect(tech.map((h) => h.newValue)).toContain('Foto del poste.jpg');
  });
});

describe('defaults and repeated submissions', () => {
  it('a new ticket gets the tenant’s default area when neither the form nor the category names one', async () => {
    const suffix = randomUUID().slice(0, 4);
    const area = await A.ADMIN.ticketConfig.areas.create({ name: `Mesa de ayuda ${suffix}` });
    await A.ADMIN.ticketConfig.areas.setDefault({ id: area.id });
    const plain = await A.ADMIN.ticketConfig.categories.create({ name: `Consulta ${suffix}` });
    const created = await A.OPERATOR.tickets.create({ description: 'Sin área elegida', categoryId: plain.id });
    expect((await A.OPERATOR.tickets.get({ id: created.id })).area?.id).toBe(area.id);
    // The category's own area still wins over the default, and the form's over both.
    const other = await A.ADMIN.ticketConfig.areas.create({ name: `Redes ${suffix}` });
    const routed = await A.ADMIN.ticketConfig.categories.create({ name: `Corte ${suffix}`, areaId: other.id });
    expect((await A.OPERATOR.tickets.get({ id: (await A.OPERATOR.tickets.create({ description: 'Con categoría', categoryId: routed.id })).id })).area?.id).toBe(other.id);
    expect((await A.OPERATOR.tickets.get({ id: (await A.OPERATOR.tickets.create({ description: 'Elegida', categoryId: plain.id, areaId: other.id })).id })).area?.id).toBe(other.id);
  });

  it('the same form submission twice — or five times at once — makes one ticket and one comment', async () => {
    const key = randomUUID();
    const input = { description: 'Doble clic en Crear', clientKey: key };
    const first = await A.OPERATOR.tickets.create(input);
    expect(await A.OPERATOR.tickets.create(input)).toEqual(first);
    const racing = randomUUID();
    const results = await Promise.all(Array.from({ length: 5 }, () => A.OPERATOR.tickets.create({ description: 'Cinco a la vez', clientKey: racing })));
    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    expect(await scopedDb(a.id).ticket.count({ where: { clientKey: { in: [key, racing] } } })).toBe(2);
    // Another person's key is theirs: it never answers someone else's ticket.
    const other = await A.SUPERVISOR.tickets.create({ description: 'Otra persona, misma clave', clientKey: randomUUID() });
    expect(other.id).not.toBe(first.id);

    const commentKey = randomUUID();
    const comments = await Promise.all(Array.from({ length: 3 }, () => A.OPERATOR.tickets.comment({ ticketId: first.id, body: 'Una sola vez', public: true, clientKey: commentKey })));
    expect(new Set(comments.map((c) => c.id)).size).toBe(1);
    expect(await db().ticketComment.count({ where: { tenantId: a.id, ticketId: first.id } })).toBe(1);
    expect(await db().outboxEvent.count({ where: { tenantId: a.id, type: 'ticket.commented', payload: { path: ['ticketId'], equals: first.id } } })).toBe(1);
  });
});
