// C5 and the grid's tabs: creating tickets (quick and full), numbering under concurrency, history
// and outbox rows in the same transaction, tab counts, search, bad input, roles and tenants.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/server/db';
import { scopedDb } from '@/server/data/scoped';
import { asCustomer, createConnection, createCustomer, rejects, type StaffOfEveryRole, type TestTenant, twoTenantsWithStaff } from '../factories';

let a: TestTenant, A: StaffOfEveryRole, B: StaffOfEveryRole;
beforeAll(async () => ({ a, A, B } = await twoTenantsWithStaff()));

async function config(tenant: StaffOfEveryRole) {
  const c = await tenant.ADMIN.ticketConfig.get();
  const byName = <T extends { name: string }>(items: T[], name: string) => items.find((i) => i.name === name)!;
  return { ...c, category: (n: string) => byName(c.categories, n), state: (n: string) => byName(c.states, n), area: (n: string) => byName(c.areas, n), priority: (n: string) => byName(c.priorities, n) };
}

const fieldKeys = (error: unknown) => (error as { cause?: { fieldErrors?: Record<string, { key: string }> } }).cause?.fieldErrors;

describe('creating', () => {
  it('a quick ticket with a customer and a description gets the defaults, a number, a history entry and an outbox event', async () => {
    const customer = await createCustomer(a, { name: 'Rosa Quiroga' });
    const ticket = await A.OPERATOR.tickets.create({ customerId: customer.id, description: 'No anda Internet desde ayer.' });
    const stored = await scopedDb(a.id).ticket.findUniqueOrThrow({ where: { id: ticket.id }, include: { category: true, area: true, state: true, priority: true } });
    expect(stored).toMatchObject({
      number: ticket.number,
      title: 'Consulta general',
      channel: 'BACKOFFICE',
      stage: 'PENDING',
      category: { name: 'Consulta general' },
      area: { name: 'Mesa de ayuda' },
      state: { name: 'Abierto' },
      priority: { name: 'Normal' },
      createdById: A.ids.OPERATOR,
    });
    // Written with raw SQL: the instants must be the same ones Prisma would store (UTC).
    expect(Math.abs(stored.openedAt.getTime() - Date.now())).toBeLessThan(60_000);
    expect(stored.createdAt.getTime()).toBe(stored.openedAt.getTime());
    expect(await scopedDb(a.id).ticketEvent.findMany({ where: { ticketId: ticket.id }, select: { kind: true, actorId: true } })).toEqual([{ kind: 'created', actorId: A.ids.OPERATOR }]);
    const events = await scopedDb(a.id).outboxEvent.findMany({ where: { payload: { path: ['ticketId'], equals: ticket.id } }, select: { type: true } });
    expect(events.map((e) => e.type)).toEqual(['ticket.created']);
  });

  it('a category brings its area, its technician (assigned, with an event) and, when billable, its price', async () => {
    const c = await config(A);
    await A.ADMIN.ticketConfig.categories.update({ id: c.category('Sin conexión').id, defaultTechnicianId: A.ids.TECHNICIAN, price: 2500 });
    const customer = await createCustomer(a);
    const connection = await createConnection(a, customer.id);
    const ticket = await A.OPERATOR.tickets.create({
      customerId: customer.id,
      connectionId: connection.id,
      categoryId: c.category('Sin conexión').id,
      description: 'Luz roja en el módem',
      billable: true,
      complexity: 'HIGH',
      callNumber: 'LL-778',
    });
    const stored = await scopedDb(a.id).ticket.findUniqueOrThrow({ where: { id: ticket.id } });
    expect(stored).toMatchObject({ assigneeId: A.ids.TECHNICIAN, areaId: c.area('Técnica').id, connectionId: connection.id, complexity: 'HIGH', callNumber: 'LL-778', billable: true });
    expect(Number(stored.price)).toBe(2500);
    const events = await scopedDb(a.id).outboxEvent.findMany({ where: { payload: { path: ['ticketId'], equals: ticket.id } }, orderBy: { type: 'asc' }, select: { type: true } });
    expect(events.map((e) => e.type)).toEqual(['ticket.assigned', 'ticket.created']);
  });

  it('numbers are unique and increasing under 50 concurrent creations, and the tab count follows', async () => {
    const before = (await A.OPERATOR.tickets.list({})).counts.PENDING;
    const created = await Promise.all(Array.from({ length: 50 }, (_, i) => A.OPERATOR.tickets.create({ description: `Concurrente ${i}` })));
    const numbers = created.map((t) => t.number).sort((x, y) => x - y);
    expect(new Set(numbers).size).toBe(50);
    expect(numbers[49]! - numbers[0]!).toBe(49);
    expect((await A.OPERATOR.tickets.list({})).counts.PENDING).toBe(before + 50);
    expect((await scopedDb(a.id).ticketCounter.findUniqueOrThrow({ where: { tenantId_stripe: { tenantId: a.id, stripe: 0 } } })).lastNumber).toBe(numbers[49]);
  });

  it('bad input is a field error and nothing is half-saved', async () => {
    const customer = await createCustomer(a);
    const other = await createCustomer(a);
    const othersConnection = await createConnection(a, other.id);
    const counterBefore = await scopedDb(a.id).ticketCounter.findMany({ orderBy: { stripe: 'asc' } });
    const archived = await A.ADMIN.ticketConfig.categories.create({ name: 'Vieja categoría' });
    await db().ticketCategory.update({ where: { id: archived.id }, data: { archivedAt: new Date() } });
    const cases: [object, string][] = [
      [{ customerId: customer.id, connectionId: othersConnection.id }, 'connectionId'],
      [{ categoryId: archived.id }, 'categoryId'],
      [{ assigneeId: B.ids.TECHNICIAN }, 'assigneeId'],
      [{ pqrs: 'QUEJA' }, 'pqrs'],
      [{ stateId: randomUUID() }, 'stateId'],
      [{ priorityId: (await config(B)).priorities[0]!.id }, 'priorityId'],
    ];
    for (const [input, field] of cases) {
      const error = await rejects(A.OPERATOR.tickets.create({ description: 'Algo', ...input }), 'BAD_REQUEST');
      expect(Object.keys(fieldKeys(error) ?? {}), JSON.stringify(input)).toEqual([field]);
    }
    await rejects(A.OPERATOR.tickets.create({ description: '   ' }), 'BAD_REQUEST');
    expect(await scopedDb(a.id).ticketCounter.findMany({ orderBy: { stripe: 'asc' } })).toEqual(counterBefore);
  });

  it('a connection a ticket names cannot be deleted', async () => {
    const customer = await createCustomer(a);
    const connection = await createConnection(a, customer.id);
    await A.OPERATOR.tickets.create({ customerId: customer.id, connectionId: connection.id, description: 'Visita' });
    await rejects(A.OPERATOR.connections.delete({ id: connection.id }), 'CONFLICT');
  });
});

describe('the grid', () => {
  it('lists a tab newest first with counts; searches without accents; marks overdue; prices only with billing.read', async () => {
    const c = await config(A);
    const customer = await createCustomer(a, { name: 'Íñigo Suárez', code: 'GRID-1' });
    const old = await A.OPERATOR.tickets.create({ customerId: customer.id, title: 'Sin conexión en el barrio', description: 'Corte general' });
    // Opened long ago and due then: a new ticket cannot be given a past due date.
    await scopedDb(a.id).ticket.update({ where: { id: old.id }, data: { openedAt: new Date('2019-12-20T00:00:00Z'), dueAt: new Date('2020-01-01T00:00:00Z') } });
    // Assigned to the technician, who sees only the tickets assigned to them (and no prices: below).
    const recent = await A.OPERATOR.tickets.create({ customerId: customer.id, title: 'Cambio de domicilio', description: 'Se muda', billable: true, categoryId: c.category('Instalación').id, assigneeId: A.ids.TECHNICIAN });
    const done = await A.OPERATOR.tickets.create({ title: 'Ya resuelto', description: 'Hecho', stateId: c.state('Resuelto').id });

    // The page is read without Prisma (db.ts rawRows): its instants are the stored ones whatever the
    // process's time zone (Node applies a TZ change at once).
    const zone = process.env.TZ;
    process.env.TZ = 'America/Bogota';
    const search = await A.OPERATOR.tickets.list({ query: 'conexion barrio' }).finally(() => {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    });
    expect(search.items.map((t) => t.id)).toEqual([old.id]);
    expect(search.items[0]).toMatchObject({ customerName: 'Íñigo Suárez', stateName: 'Abierto', priorityName: 'Normal', overdue: true });
    expect(search.items[0]!.openedAt).toEqual(new Date('2019-12-20T00:00:00Z'));
    expect(search.items[0]!.dueAt).toEqual(new Date('2020-01-01T00:00:00Z'));
    expect((await A.OPERATOR.tickets.list({ query: 'inigo suarez' })).items.map((t) => t.id)).toEqual([recent.id, old.id]);
    expect((await A.TECHNICIAN.tickets.list({ query: 'inigo suarez' })).items.map((t) => t.id)).toEqual([recent.id]);
    expect((await A.OPERATOR.tickets.list({ query: String(recent.number) })).items.map((t) => t.number)).toContain(recent.number);

    const finished = await A.OPERATOR.tickets.list({ tab: 'FINISHED' });
    expect(finished.items.map((t) => t.id)).toContain(done.id);
    expect(finished.counts.FINISHED).toBeGreaterThanOrEqual(1);
    const pending = await A.OPERATOR.tickets.list({ pageSize: 2 });
    expect(pending.items.map((t) => t.number)).toEqual([...pending.items.map((t) => t.number)].sort((x, y) => y - x));
    expect(pending.hasMore).toBe(true);
    expect(pending.items.some((t) => t.id === done.id)).toBe(false);

    expect((await A.OPERATOR.tickets.list({ query: 'cambio de domicilio' })).items[0]).toHaveProperty('price');
    expect((await A.TECHNICIAN.tickets.list({ query: 'cambio de domicilio' })).items[0]).not.toHaveProperty('price');
  });
});

describe('sorting', () => {
  it('orders a tab by due date (soonest first, none last) or by the latest status change', async () => {
    const c = await config(A);
    const later = await A.OPERATOR.tickets.create({ title: 'Orden vence tarde', description: 'x', dueAt: new Date('2031-05-01T12:00:00Z') });
    const sooner = await A.OPERATOR.tickets.create({ title: 'Orden vence pronto', description: 'x', dueAt: new Date('2031-01-01T12:00:00Z') });
    const none = await A.OPERATOR.tickets.create({ title: 'Orden sin vencimiento', description: 'x' });
    const byDue = (await A.OPERATOR.tickets.list({ query: 'orden', sort: 'due' })).items.map((t) => t.id);
    expect(byDue).toEqual([sooner.id, later.id, none.id]);
    await A.OPERATOR.tickets.update({ id: later.id, version: 1, stateId: c.state('En curso').id });
    expect((await A.OPERATOR.tickets.list({ query: 'orden', sort: 'lastStatus' })).items[0]!.id).toBe(later.id);
    expect((await A.OPERATOR.tickets.list({ query: 'orden' })).items.map((t) => t.id)).toEqual([none.id, sooner.id, later.id]);
  });
});

describe('a customer’s tickets', () => {
  it('lists the customer’s latest tickets of every stage; another tenant’s customer is NOT_FOUND', async () => {
    const c = await config(A);
    const customer = await createCustomer(a, { name: 'Cliente Con Historia' });
    const first = await A.OPERATOR.tickets.create({ customerId: customer.id, title: 'Primero', description: 'Viejo', stateId: c.state('Cerrado').id });
    const second = await A.OPERATOR.tickets.create({ customerId: customer.id, title: 'Segundo', description: 'Nuevo', assigneeId: A.ids.TECHNICIAN });
    await A.OPERATOR.tickets.create({ title: 'De nadie', description: 'Interno' });
    expect((await A.OPERATOR.tickets.ofCustomer({ customerId: customer.id })).map((t) => [t.id, t.stage])).toEqual([
      [second.id, 'PENDING'],
      [first.id, 'CLOSED'],
    ]);
    // A technician sees, of the customer's tickets, the ones assigned to them.
    expect((await A.TECHNICIAN.tickets.ofCustomer({ customerId: customer.id })).map((t) => t.id)).toEqual([second.id]);
    await rejects(B.ADMIN.tickets.ofCustomer({ customerId: customer.id }), 'NOT_FOUND');
  });
});

describe('search pages', () => {
  it('paging a search returns every match once, newest first (window and index paths agree)', async () => {
    const created = await Promise.all(Array.from({ length: 60 }, (_, i) => A.OPERATOR.tickets.create({ title: `Ventanal roto ${i}`, description: 'Vidrio del local' })));
    const seen: number[] = [];
    for (let page = 1; page <= 3; page++) {
      const result = await A.OPERATOR.tickets.list({ query: 'ventanal roto', page, pageSize: 25 });
      seen.push(...result.items.map((t) => t.number));
      expect(result.hasMore).toBe(page < 3);
    }
    expect(seen).toEqual(created.map((t) => t.number).sort((x, y) => y - x));
  });
});

describe('roles and tenants', () => {
  it('a customer session cannot read or create staff tickets', async () => {
    const customer = await createCustomer(a, { portalPassword: true });
    const session = await asCustomer(a, customer.id);
    await rejects(session.tickets.list({}), 'FORBIDDEN');
    await rejects(session.tickets.create({ description: 'Hola' }), 'FORBIDDEN');
  });

  it('tenant B sees none of A’s tickets and cannot open one on A’s customer', async () => {
    const customer = await createCustomer(a, { name: 'Cliente Privado Alfa' });
    await A.OPERATOR.tickets.create({ customerId: customer.id, title: 'Ticket Privado Alfa', description: 'Reservado' });
    const list = await B.ADMIN.tickets.list({ query: 'privado alfa' });
    expect(list.items).toEqual([]);
    const error = await rejects(B.ADMIN.tickets.create({ customerId: customer.id, description: 'Intruso' }), 'BAD_REQUEST');
    expect(Object.keys(fieldKeys(error) ?? {})).toEqual(['customerId']);
  });
});
