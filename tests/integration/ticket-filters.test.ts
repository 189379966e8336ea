// C3 advanced search: each filter of the grid — ticket fields and the fields of the ticket's
// connection — narrows the page and the tabs' counts; another tenant's ids match nothing and
// reveal nothing; bad filters are clean, translated field errors.
import { beforeAll, describe, expect, it } from 'vitest';
import { scopedDb } from '@/server/data/scoped';
import { FILTERED_COUNT_CAP } from '@/server/services/tickets/filters';
import type { TicketFilters } from '@/lib/ticket-filters';
import { createCustomer, rejects, type StaffOfEveryRole, type TestTenant, twoTenantsWithStaff, unique } from '../factories';
import { httpCall } from '../factories/http';

let a: TestTenant, A: StaffOfEveryRole, B: StaffOfEveryRole;
let config: Awaited<ReturnType<StaffOfEveryRole['ADMIN']['ticketConfig']['get']>>;
beforeAll(async () => {
  ({ a, A, B } = await twoTenantsWithStaff());
  config = await A.ADMIN.ticketConfig.get();
});

const byName = <T extends { name: string }>(items: T[], name: string) => items.find((i) => i.name === name)!;

/** A node, plan and locality of tenant A's, with a customer connected through them. */
async function site(status: 'ENABLED' | 'BLOCKED' | 'NO_SERVICE' = 'ENABLED') {
  const db = scopedDb(a.id);
  const [node, plan, locality] = await Promise.all([
    db.node.create({ data: { tenantId: a.id, name: unique('Nodo ') } }),
    db.plan.create({ data: { tenantId: a.id, name: unique('Plan '), downloadMbps: 50, uploadMbps: 10 } }),
    db.locality.create({ data: { tenantId: a.id, name: unique('Localidad ') } }),
  ]);
  const customer = await createCustomer(a);
  const connection = await db.connection.create({ data: { tenantId: a.id, customerId: customer.id, address: 'Calle 1', nodeId: node.id, planId: plan.id, localityId: locality.id, status } });
  return { node, plan, locality, customer, connection };
}

/** Every tab's matching ticket ids (first page of each, 100 per page), and the counts. */
/** A ticket opened long ago and due then (a new ticket cannot be given a past due date). */
async function pastDue<T extends { id: string }>(ticket: T): Promise<T> {
  await scopedDb(a.id).ticket.update({ where: { id: ticket.id }, data: { openedAt: new Date('2019-12-20T12:00:00Z'), dueAt: new Date('2020-01-01T12:00:00Z') } });
  return ticket;
}

async function search(filters: TicketFilters, query?: string, caller = A.OPERATOR) {
  const [pending, finished, closed] = await Promise.all(
    (['PENDING', 'FINISHED', 'CLOSED'] as const).map((tab) => caller.tickets.list({ tab, filters, query, pageSize: 100 })),
  );
  return { PENDING: pending!.items.map((t) => t.id), FINISHED: finished!.items.map((t) => t.id), CLOSED: closed!.items.map((t) => t.id), counts: pending!.counts, countCap: pending!.countCap };
}

describe('ticket fields', () => {
  it('area, category, priority, state, assignee (and unassigned), complexity, billable, PQRS and channel each narrow the grid', async () => {
    const tag = unique('campo');
    const make = (extra: object) => A.OPERATOR.tickets.create({ title: `${tag} ${JSON.stringify(extra).length}`, description: tag, ...extra });
    const plain = await make({});
    const technical = await make({ categoryId: byName(config.categories, 'Sin conexión').id, priorityId: byName(config.priorities, 'Urgente').id, complexity: 'HIGH', billable: true, assigneeId: A.ids.TECHNICIAN });
    const admin = await make({ areaId: byName(config.areas, 'Administración').id, stateId: byName(config.states, 'En curso').id, complexity: 'LOW' });
    await scopedDb(a.id).ticket.update({ where: { id: admin.id }, data: { pqrs: 'QUEJA', channel: 'PORTAL' } });

    const only = async (filters: TicketFilters) => (await search(filters, tag)).PENDING;
    expect(await only({})).toEqual([admin.id, technical.id, plain.id]);
    expect(await only({ categoryId: byName(config.categories, 'Sin conexión').id })).toEqual([technical.id]);
    expect(await only({ areaId: byName(config.areas, 'Administración').id })).toEqual([admin.id]);
    expect(await only({ priorityId: byName(config.priorities, 'Urgente').id })).toEqual([technical.id]);
    expect(await only({ stateId: byName(config.states, 'En curso').id })).toEqual([admin.id]);
    expect(await only({ assigneeId: A.ids.TECHNICIAN })).toEqual([technical.id]);
    expect(await only({ assigneeId: 'unassigned' })).toEqual([admin.id, plain.id]);
    expect(await only({ complexity: 'LOW' })).toEqual([admin.id]);
    expect(await only({ billable: true })).toEqual([technical.id]);
    expect(await only({ billable: false })).toEqual([admin.id, plain.id]);
    expect(await only({ pqrs: 'QUEJA' })).toEqual([admin.id]);
    expect(await only({ channel: 'PORTAL' })).toEqual([admin.id]);
    expect(await only({ channel: 'BACKOFFICE' })).toEqual([technical.id, plain.id]);
    // Several filters: all must hold.
    expect(await only({ complexity: 'HIGH', billable: true, assigneeId: A.ids.TECHNICIAN })).toEqual([technical.id]);
    expect(await only({ complexity: 'HIGH', billable: false })).toEqual([]);
  });

  it('overdue means pending and past due; a state filters its own tab and leaves the others empty', async () => {
    const tag = unique('vence');
    const late = await pastDue(await A.OPERATOR.tickets.create({ title: `${tag} tarde`, description: tag }));
    await A.OPERATOR.tickets.create({ title: `${tag} a tiempo`, description: tag, dueAt: new Date('2099-01-01T12:00:00Z') });
    const lateDone = await pastDue(await A.OPERATOR.tickets.create({ title: `${tag} resuelto`, description: tag, stateId: byName(config.states, 'Resuelto').id }));
    const overdue = await search({ overdue: true }, tag);
    expect(overdue).toMatchObject({ PENDING: [late.id], FINISHED: [], CLOSED: [], counts: { PENDING: 1, FINISHED: 0, CLOSED: 0 } });

    const resolved = await search({ stateId: byName(config.states, 'Resuelto').id }, tag);
    expect(resolved).toMatchObject({ PENDING: [], FINISHED: [lateDone.id], CLOSED: [] });
    // Counts follow the filter, not the search words: every "Resuelto" ticket of the tenant.
    expect(resolved.counts.PENDING).toBe(0);
    expect(resolved.counts.CLOSED).toBe(0);
    expect(resolved.counts.FINISHED).toBeGreaterThanOrEqual(1);
  });

  it('opened dates are the tenant’s days (Buenos Aires, UTC−3), both ends included, and order the page newest first', async () => {
    const tag = unique('fecha');
    const at = async (title: string, openedAt: string) => {
      const t = await A.OPERATOR.tickets.create({ title: `${tag} ${title}`, description: tag });
      await scopedDb(a.id).ticket.update({ where: { id: t.id }, data: { openedAt: new Date(openedAt) } });
      return t.id;
    };
    // 02:30 UTC on 1 March is still 28 February in Buenos Aires.
    const lateFeb = await at('fin de febrero', '2026-03-01T02:30:00Z');
    const firstMar = await at('primero de marzo', '2026-03-01T03:00:00Z');
    const endMar = await at('fin de marzo', '2026-04-01T02:59:00Z');
    const april = await at('abril', '2026-04-01T03:00:00Z');
    expect((await search({ openedFrom: '2026-03-01', openedTo: '2026-03-31' }, tag)).PENDING).toEqual([endMar, firstMar]);
    expect((await search({ openedTo: '2026-02-28' }, tag)).PENDING).toEqual([lateFeb]);
    expect((await search({ openedFrom: '2026-04-01' }, tag)).PENDING).toEqual([april]);
    expect((await search({ openedFrom: '2026-03-15', openedTo: '2026-03-15' }, tag)).PENDING).toEqual([]);
  });
});

describe('connection fields', () => {
  it('node, plan, locality and connection status find the tickets of those connections; combined with the search and a ticket field', async () => {
    const north = await site();
    const south = await site('BLOCKED');
    const tag = unique('conexion');
    const onNorth = await A.OPERATOR.tickets.create({ customerId: north.customer.id, connectionId: north.connection.id, title: `${tag} norte`, description: tag, complexity: 'HIGH' });
    const onSouth = await A.OPERATOR.tickets.create({ customerId: south.customer.id, connectionId: south.connection.id, title: `${tag} sur`, description: tag });
    // The same customer without naming the connection: no connection, no match.
    await A.OPERATOR.tickets.create({ customerId: north.customer.id, title: `${tag} sin conexión`, description: tag });

    expect((await search({ nodeId: north.node.id })).PENDING).toEqual([onNorth.id]);
    expect((await search({ planId: south.plan.id })).PENDING).toEqual([onSouth.id]);
    expect((await search({ localityId: north.locality.id })).PENDING).toEqual([onNorth.id]);
    expect((await search({ connectionStatus: 'BLOCKED' }, tag)).PENDING).toEqual([onSouth.id]);
    expect((await search({ nodeId: north.node.id, planId: north.plan.id, localityId: north.locality.id, connectionStatus: 'ENABLED' }, tag)).PENDING).toEqual([onNorth.id]);
    expect((await search({ nodeId: north.node.id, planId: south.plan.id })).PENDING).toEqual([]);
    expect((await search({ nodeId: north.node.id, complexity: 'HIGH' }, 'norte')).PENDING).toEqual([onNorth.id]);
    expect((await search({ nodeId: north.node.id, complexity: 'LOW' })).PENDING).toEqual([]);

    // A connection moved to another node takes its tickets along: the filter reads the connection as it is now.
    await scopedDb(a.id).connection.update({ where: { id: south.connection.id }, data: { nodeId: north.node.id } });
    expect((await search({ nodeId: north.node.id })).PENDING).toEqual([onSouth.id, onNorth.id]);
  });

  it('tabs count the filter’s tickets up to the cap, then say so; finishing one moves it between counts', async () => {
    const place = await site();
    const created = [];
    for (let i = 0; i < FILTERED_COUNT_CAP + 2; i++) {
      created.push(await A.OPERATOR.tickets.create({ customerId: place.customer.id, connectionId: place.connection.id, description: `Corte ${i}` }));
    }
    const result = await A.OPERATOR.tickets.list({ filters: { nodeId: place.node.id } });
    expect(result.countCap).toBe(FILTERED_COUNT_CAP);
    expect(result.counts).toEqual({ PENDING: FILTERED_COUNT_CAP + 1, FINISHED: 0, CLOSED: 0 });
    expect(result.items).toHaveLength(25);
    expect(result.hasMore).toBe(true);

    const small = await site();
    const one = await A.OPERATOR.tickets.create({ customerId: small.customer.id, connectionId: small.connection.id, description: 'Uno' });
    await A.OPERATOR.tickets.create({ customerId: small.customer.id, connectionId: small.connection.id, description: 'Dos' });
    await A.OPERATOR.tickets.update({ id: one.id, version: 1, stateId: byName(config.states, 'Resuelto').id });
    expect((await A.OPERATOR.tickets.list({ filters: { nodeId: small.node.id } })).counts).toEqual({ PENDING: 1, FINISHED: 1, CLOSED: 0 });
    // Without filters the counts are the tenant's, exact, with no cap.
    const all = await A.OPERATOR.tickets.list({});
    expect(all.countCap).toBeNull();
    expect(all.counts.PENDING).toBeGreaterThan(FILTERED_COUNT_CAP);
  });
});

describe('tenants', () => {
  it('another tenant’s ids match nothing and reveal nothing — in either direction', async () => {
    const place = await site();
    const ticket = await A.OPERATOR.tickets.create({ customerId: place.customer.id, connectionId: place.connection.id, title: 'Ticket Privado Filtros', description: 'Reservado', categoryId: byName(config.categories, 'Lentitud').id });
    const aIds: TicketFilters[] = [
      { nodeId: place.node.id },
      { planId: place.plan.id },
      { localityId: place.locality.id },
      { categoryId: byName(config.categories, 'Lentitud').id },
      { stateId: byName(config.states, 'Abierto').id },
      { assigneeId: A.ids.TECHNICIAN },
      { areaId: byName(config.areas, 'Técnica').id },
      { priorityId: byName(config.priorities, 'Normal').id },
    ];
    for (const filters of aIds) {
      const seen = await search(filters, undefined, B.ADMIN);
      expect(seen, JSON.stringify(filters)).toMatchObject({ PENDING: [], FINISHED: [], CLOSED: [], counts: { PENDING: 0, FINISHED: 0, CLOSED: 0 } });
      expect(JSON.stringify(seen)).not.toContain(ticket.id);
    }
    // B's own configuration ids do not reach A's tickets either.
    const bConfig = await B.ADMIN.ticketConfig.get();
    expect((await search({ categoryId: byName(bConfig.categories, 'Lentitud').id })).PENDING).toEqual([]);
    // And A's own filter still finds it.
    expect((await search({ nodeId: place.node.id })).PENDING).toEqual([ticket.id]);
  });

  it('a customer session cannot list tickets, filtered or not', async () => {
    const customer = await createCustomer(a, { portalPassword: true });
    const { asCustomer } = await import('../factories');
    await rejects((await asCustomer(a, customer.id)).tickets.list({ filters: { overdue: true } }), 'FORBIDDEN');
  });
});

describe('bad filters', () => {
  const session = () => ({ kind: 'staff' as const, userId: A.ids.OPERATOR, tenantId: a.id });
  const list = (filters: unknown, locale: 'es' | 'en' = 'es') => httpCall({ host: a.host, session: session(), path: 'tickets.list', type: 'query', input: { filters }, locale });

  it.each([
    [{ nodeId: 'nodo-1' }, 'filters.nodeId', 'Identificador no válido.'],
    [{ assigneeId: 'nadie' }, 'filters.assigneeId', null],
    [{ complexity: 'ENORME' }, 'filters.complexity', 'Opción no válida.'],
    [{ connectionStatus: 'CORTADA' }, 'filters.connectionStatus', 'Opción no válida.'],
    [{ openedFrom: '2026-02-30' }, 'filters.openedFrom', 'Formato no válido.'],
    [{ openedFrom: '01/03/2026' }, 'filters.openedFrom', 'Formato no válido.'],
    [{ openedFrom: '2026-03-10', openedTo: '2026-03-01' }, 'filters.openedTo', 'La fecha final no puede ser anterior a la inicial.'],
    [{ overdue: false }, 'filters.overdue', null],
    [{ billable: 'si' }, 'filters.billable', null],
  ])('%j is a 400 naming %s', async (filters, field, message) => {
    const res = await list(filters);
    expect(res.status).toBe(400);
    expect(res.json.error?.json.message).toBe('Revisá los campos marcados.');
    const fieldErrors = res.json.error?.json.data.fieldErrors ?? {};
    expect(Object.keys(fieldErrors)).toEqual([field]);
    if (message) expect(fieldErrors[field]).toBe(message);
  });

  it('speaks the caller’s language', async () => {
    const res = await list({ openedFrom: '2026-03-10', openedTo: '2026-03-01' }, 'en');
    expect(res.json.error?.json.data.fieldErrors).toEqual({ 'filters.openedTo': 'The end date cannot be before the start date.' });
  });
});
