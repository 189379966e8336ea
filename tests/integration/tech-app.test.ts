// E2–E9 on the server: visits in the tenant's time zone, the technician's home, list, search and the
// tenant's filters (E8), the ticket bundle kept on the device, and the offline queue's changes applied
// exactly once per key (same key → one row; same key with another payload → a clear refusal).
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { ZodError } from 'zod';
import { translateError } from '@/i18n/catalog';
import { scopedDb } from '@/server/data/scoped';
import { db } from '@/server/db';
import { forgetTenantCache } from '@/server/services/tenants/resolve';
import { asStaff, createConnection, createCustomer, rejects, type StaffOfEveryRole, type TestTenant, twoTenantsWithStaff } from '../factories';

let a: TestTenant, A: StaffOfEveryRole, B: StaffOfEveryRole;
beforeAll(async () => ({ a, A, B } = await twoTenantsWithStaff()));

/** Changes the tenant's E8 switches and answers a technician's caller made after the change (a caller keeps its tenant). */
async function setTechApp(settings: Record<string, string | boolean | null>) {
  const row = await db().tenant.findUniqueOrThrow({ where: { id: a.id }, select: { settings: true } });
  const current = (row.settings ?? {}) as Record<string, Record<string, string | boolean | null>>;
  await db().tenant.update({ where: { id: a.id }, data: { settings: { ...current, techApp: { ...(current.techApp ?? {}), ...settings } } } });
  forgetTenantCache();
  return asStaff(a, A.ids.TECHNICIAN);
}

async function ticketForTechnician(title: string, extra: Record<string, unknown> = {}) {
  const customer = await createCustomer(a, { name: `Cliente ${title}` });
  const connection = await createConnection(a, customer.id, { address: `Calle ${title} 123` });
  return A.OPERATOR.tickets.create({ customerId: customer.id, connectionId: connection.id, title, description: 'Trabajo en la calle', assigneeId: A.ids.TECHNICIAN, ...extra });
}

describe('visits (E2)', () => {
  it('the office sets a day and a slot in the tenant time zone; the view, the history and the home show it', async () => {
    const t = await ticketForTechnician('Visita programada', { visit: { date: '2031-03-04', from: '09:00', to: '11:30' } });
    const view = await A.OPERATOR.tickets.get({ id: t.id });
    // The demo tenants are in Buenos Aires (UTC−3): 09:00 there is 12:00 UTC.
    expect(a.timeZone).toBe('America/Argentina/Buenos_Aires');
    expect(view.visitStart?.toISOString()).toBe('2031-03-04T12:00:00.000Z');
    expect(view.visitEnd?.toISOString()).toBe('2031-03-04T14:30:00.000Z');
    const moved = await A.OPERATOR.tickets.update({ id: t.id, version: view.version, visit: { date: '2031-03-05', from: '14:00', to: '16:00' } });
    expect(moved.changed).toEqual(['visit']);
    const history = await A.OPERATOR.tickets.history({ id: t.id });
    expect(history[0]).toMatchObject({ field: 'visit', oldValue: '2031-03-04 09:00–11:30', newValue: '2031-03-05 14:00–16:00' });
    // The same visit again is no change.
    expect((await A.OPERATOR.tickets.update({ id: t.id, version: moved.version, visit: { date: '2031-03-05', from: '14:00', to: '16:00' } })).changed).toEqual([]);
  });

  it('a slot that ends before it starts, or a bad time, is a translated field error; technicians may not schedule', async () => {
    const t = await ticketForTechnician('Visita inválida');
    const error = await rejects(A.OPERATOR.tickets.update({ id: t.id, version: 1, visit: { date: '2031-03-04', from: '11:00', to: '10:00' } }), 'BAD_REQUEST');
    expect((error.cause as ZodError).issues).toEqual([expect.objectContaining({ path: ['visit', 'to'], message: 'validation.visitSlot' })]);
    expect(translateError('es', 'validation.visitSlot')).toBe('La hora de fin debe ser posterior a la de inicio.');
    await rejects(A.OPERATOR.tickets.update({ id: t.id, version: 1, visit: { date: '2031-03-04', from: '25:00', to: '26:00' } }), 'BAD_REQUEST');
    await rejects(A.TECHNICIAN.tickets.update({ id: t.id, version: 1, visit: { date: '2031-03-04', from: '09:00', to: '10:00' } }), 'FORBIDDEN');
  });

  it('the home shows the next pending visit of the technician, and today’s visits', async () => {
    const soon = new Date(Date.now() + 3_600_000);
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: a.timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(soon);
    const hm = new Intl.DateTimeFormat('en-GB', { timeZone: a.timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(soon);
    const later = hm < '22:00' ? `${String(Number(hm.slice(0, 2)) + 1).padStart(2, '0')}:${hm.slice(3)}` : '23:59';
    const t = await ticketForTechnician('Próxima visita', { visit: { date: day, from: hm, to: later } });
    const home = await A.TECHNICIAN.tech.home();
    expect(home.nextVisit?.id).toBe(t.id);
    expect(home.nextVisit?.connection?.address).toBe('Calle Próxima visita 123');
    // Today's visits are those of the tenant's calendar day (an hour from now may already be tomorrow there).
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: a.timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
    expect(home.today.some((v) => v.id === t.id)).toBe(day === today);
    // Another technician does not see it as theirs.
    expect((await A.ADMIN.tech.home()).nextVisit?.id).not.toBe(t.id);
    await rejects(B.TECHNICIAN.tech.ticket({ id: t.id }), 'NOT_FOUND');
  });
});

describe('the list, search and filters (E4, E8)', () => {
  it('searches number, title, customer and address among the tickets the technician may see', async () => {
    const mine = await ticketForTechnician('Fibra cortada Zeta');
    const other = await A.OPERATOR.tickets.create({ title: 'Fibra cortada ajena', description: 'De otro', assigneeId: null });
    const found = await A.TECHNICIAN.tech.list({ query: 'fibra cortada' });
    expect(found.map((x) => x.id)).toContain(mine.id);
    expect(found.map((x) => x.id)).not.toContain(other.id);
    expect((await A.TECHNICIAN.tech.list({ query: 'Calle Fibra cortada Zeta' })).map((x) => x.id)).toEqual([mine.id]);
    expect((await A.TECHNICIAN.tech.list({ query: String(mine.number) })).map((x) => x.id)).toContain(mine.id);
    expect((await A.TECHNICIAN.tech.list({ query: 'Cliente Fibra cortada Zeta' })).map((x) => x.id)).toEqual([mine.id]);
    // The office sees every ticket.
    expect((await A.OPERATOR.tech.list({ query: 'fibra cortada' })).map((x) => x.id)).toEqual(expect.arrayContaining([mine.id, other.id]));
  });

  it('a filter the tenant switched off is refused; switched on, it is offered with its options', async () => {
    const t = await ticketForTechnician('Filtrable');
    const view = await A.OPERATOR.tickets.get({ id: t.id });
    let tech = await setTechApp({ filterState: false, filterTechnician: false });
    expect((await tech.tech.home()).filters.states).toBeNull();
    const error = await rejects(tech.tech.list({ stateId: view.stateId }), 'FORBIDDEN');
    expect(error.cause).toMatchObject({ fieldErrors: { stateId: { key: 'validation.filterNotOffered' } } });
    tech = await setTechApp({ filterState: true, filterTechnician: true });
    const home = await tech.tech.home();
    expect(home.filters.states?.map((s) => s.id)).toContain(view.stateId);
    expect(home.filters.technicians?.map((s) => s.id)).toContain(A.ids.TECHNICIAN);
    expect((await tech.tech.list({ stateId: view.stateId })).map((x) => x.id)).toContain(t.id);
  });

  it('"see all tickets" and "only open tickets" decide what the list, the ticket and the snapshot hold', async () => {
    const others = await A.OPERATOR.tickets.create({ title: 'Ticket de nadie', description: 'Sin asignar' });
    await rejects(A.TECHNICIAN.tech.ticket({ id: others.id }), 'NOT_FOUND');
    let tech = await setTechApp({ seeAllTickets: true });
    expect((await tech.tech.ticket({ id: others.id })).title).toBe('Ticket de nadie');
    expect((await tech.tech.snapshot()).tickets.map((x) => x.id)).toContain(others.id);
    // Only open tickets: a closed one of the technician's is gone from every door.
    const mine = await ticketForTechnician('Cerrado luego');
    const closed = (await A.ADMIN.ticketConfig.get()).states.find((s) => s.stage === 'CLOSED' && !s.archivedAt)!;
    await A.OPERATOR.tickets.update({ id: mine.id, version: 1, stateId: closed.id });
    expect((await tech.tech.ticket({ id: mine.id })).stage).toBe('CLOSED');
    tech = await setTechApp({ seeAllTickets: false, onlyOpenTickets: true });
    await rejects(tech.tech.ticket({ id: mine.id }), 'NOT_FOUND');
    expect((await tech.tech.list({ query: 'Cerrado luego' })).map((x) => x.id)).toEqual([]);
    await rejects(tech.tech.send({ kind: 'comment', key: randomUUID(), ticketId: mine.id, body: 'Tarde', public: false }), 'NOT_FOUND');
    tech = await setTechApp({ onlyOpenTickets: false });
    const snapshot = await tech.tech.snapshot();
    expect(snapshot.tickets.map((x) => x.id)).not.toContain(others.id);
    expect(snapshot.tickets.every((x) => x.assignee?.id === A.ids.TECHNICIAN)).toBe(true);
    // No billing fields in anything the app keeps.
    expect(JSON.stringify(snapshot)).not.toMatch(/"(price|cost)":/);
  });
});

describe('the device’s copy (E9): every ticket in full, read together', () => {
  it('each ticket keeps its first 200 comments, its newest 100 history entries, the files a technician may see and its own customer’s equipment', async () => {
    const busy = await ticketForTechnician('Copia con mucho');
    const equipped = await ticketForTechnician('Copia con equipos');
    const other = await ticketForTechnician('Copia simple');
    const at = (i: number) => new Date(Date.UTC(2031, 0, 1, 0, 0, i));
    await db().ticketComment.createMany({
      data: Array.from({ length: 205 }, (_, i) => ({ tenantId: a.id, ticketId: busy.id, authorId: A.ids.OPERATOR, public: i % 3 === 0, body: `Comentario ${i}`, createdAt: at(i) })),
    });
    await db().ticketEvent.createMany({
      data: Array.from({ length: 105 }, (_, i) => ({ tenantId: a.id, ticketId: busy.id, actorId: A.ids.OPERATOR, kind: 'update', field: 'title', oldValue: `v${i}`, newValue: `v${i + 1}`, createdAt: at(1000 + i) })),
    });
    // Another ticket's comments, older than all of them: each ticket's 200 are its own.
    await db().ticketComment.createMany({
      data: [0, 1, 2].map((i) => ({ tenantId: a.id, ticketId: equipped.id, authorId: A.ids.OPERATOR, public: true, body: `Otro ${i}`, createdAt: new Date(Date.UTC(2030, 0, 1, 0, 0, i)) })),
    });
    const file = (name: string, visibility: 'PUBLIC' | 'TECHNICIAN' | 'STAFF', i: number) =>
      ({ tenantId: a.id, ticketId: busy.id, name, mime: 'image/png', size: 10, image: true, visibility, storage: 'LOCAL' as const, key: `k-${randomUUID()}`, createdAt: at(2000 + i) });
    await db().ticketFile.createMany({ data: [file('todos.png', 'PUBLIC', 0), file('tecnico.png', 'TECHNICIAN', 1), file('oficina.png', 'STAFF', 2)] });
    const customerId = (await A.OPERATOR.tickets.get({ id: equipped.id })).customer!.id;
    const site = await db().customerSite.create({ data: { tenantId: a.id, customerId, label: 'Depósito', address: 'Ruta 3 km 12' } });
    await db().customerEquipment.create({ data: { tenantId: a.id, customerId, type: 'ONT', brand: 'Huawei', model: 'HG8145', serial: `SN-${randomUUID()}`, siteId: site.id } });

    const snapshot = await A.TECHNICIAN.tech.snapshot();
    const copy = new Map(snapshot.tickets.map((t) => [t.id, t]));
    const b = copy.get(busy.id)!;
    expect(b.comments.map((c) => c.body)).toEqual(Array.from({ length: 200 }, (_, i) => `Comentario ${i}`));
    expect(b.comments.filter((c) => !c.public)).toHaveLength(133);
    // Newest first: the 105th change down to the 6th (ticket creation's own entry is older than all of them).
    expect(b.history.map((h) => h.newValue)).toEqual(Array.from({ length: 100 }, (_, i) => `v${105 - i}`));
    expect(b.files.map((f) => f.name)).toEqual(['tecnico.png', 'todos.png']);
    expect(b.customerSites).toEqual([]);
    const e = copy.get(equipped.id)!;
    expect(e.comments.map((c) => c.body)).toEqual(['Otro 0', 'Otro 1', 'Otro 2']);
    expect(e.customerSites.map((s) => s.label)).toEqual(['Depósito']);
    expect(e.customerEquipment.map((x) => [x.brand, x.siteId])).toEqual([['Huawei', site.id]]);
    expect(copy.get(other.id)!.customerEquipment).toEqual([]);
    // The copy of a ticket is what the app's ticket view reads alone.
    for (const id of [busy.id, equipped.id, other.id]) expect(copy.get(id)).toEqual(await A.TECHNICIAN.tech.ticket({ id }));
  });
});

describe('the offline queue (E9): exactly once per key', () => {
  it('the same comment key twice writes one comment and answers the first result', async () => {
    const t = await ticketForTechnician('Cola de comentarios');
    const change = { kind: 'comment' as const, key: randomUUID(), ticketId: t.id, body: 'Llegué al domicilio.', public: true };
    const first = await A.TECHNICIAN.tech.send(change);
    const again = await A.TECHNICIAN.tech.send(change);
    expect(again).toEqual(first);
    const comments = await A.OPERATOR.tickets.comments({ id: t.id });
    expect(comments.filter((c) => c.body === 'Llegué al domicilio.')).toHaveLength(1);
  });

  it('the same key with another payload is refused with a translated message, and nothing is written', async () => {
    const t = await ticketForTechnician('Clave reusada');
    const key = randomUUID();
    await A.TECHNICIAN.tech.send({ kind: 'comment', key, ticketId: t.id, body: 'Primero', public: false });
    const error = await rejects(A.TECHNICIAN.tech.send({ kind: 'comment', key, ticketId: t.id, body: 'Otro texto', public: false }), 'CONFLICT');
    expect(error.cause).toMatchObject({ messageKey: 'syncKeyReused' });
    expect(translateError('es', 'syncKeyReused')).toBe('Este cambio ya se envió con otro contenido; descartalo y volvé a cargarlo.');
    // Someone else's key is not answered with their result either.
    await rejects(A.OPERATOR.tech.send({ kind: 'comment', key, ticketId: t.id, body: 'Primero', public: false }), 'CONFLICT');
    expect((await A.OPERATOR.tickets.comments({ id: t.id })).map((c) => c.body)).toEqual(['Primero']);
  });

  it('a state change on a stale version is a conflict with the reason; no receipt stays, so a retry on the new version applies', async () => {
    const t = await ticketForTechnician('Cambio de estado');
    const config = await A.ADMIN.ticketConfig.get();
    const finished = config.states.find((s) => s.stage === 'FINISHED' && !s.archivedAt)!;
    await A.OPERATOR.tickets.update({ id: t.id, version: 1, title: 'Cambio de estado (editado en la oficina)' });
    const key = randomUUID();
    const error = await rejects(A.TECHNICIAN.tech.send({ kind: 'update', key, ticketId: t.id, version: 1, stateId: finished.id, kilometres: 12.5 }), 'CONFLICT');
    expect(error.cause).toMatchObject({ messageKey: 'staleTicket', params: { fields: 'Título' } });
    const applied = await A.TECHNICIAN.tech.send({ kind: 'update', key, ticketId: t.id, version: 2, stateId: finished.id, kilometres: 12.5 });
    expect(applied.version).toBe(3);
    const view = await A.OPERATOR.tickets.get({ id: t.id });
    expect([view.stage, view.kilometres]).toEqual(['FINISHED', 12.5]);
    // The replay of the applied change answers the same, without a second history entry.
    expect(await A.TECHNICIAN.tech.send({ kind: 'update', key, ticketId: t.id, version: 2, stateId: finished.id, kilometres: 12.5 })).toEqual(applied);
    expect((await A.OPERATOR.tickets.history({ id: t.id })).filter((h) => h.field === 'stateId')).toHaveLength(1);
  });

  it('a ticket the technician may no longer see, or another tenant’s, is NOT_FOUND; closing is refused', async () => {
    const t = await ticketForTechnician('Reasignado');
    await A.OPERATOR.tickets.update({ id: t.id, version: 1, assigneeId: A.ids.ADMIN });
    await rejects(A.TECHNICIAN.tech.send({ kind: 'comment', key: randomUUID(), ticketId: t.id, body: 'Tarde', public: true }), 'NOT_FOUND');
    await rejects(B.TECHNICIAN.tech.send({ kind: 'comment', key: randomUUID(), ticketId: t.id, body: 'Intruso', public: true }), 'NOT_FOUND');
    const mine = await ticketForTechnician('No se cierra');
    const closed = (await A.ADMIN.ticketConfig.get()).states.find((s) => s.stage === 'CLOSED' && !s.archivedAt)!;
    await rejects(A.TECHNICIAN.tech.send({ kind: 'update', key: randomUUID(), ticketId: mine.id, version: 1, stateId: closed.id }), 'FORBIDDEN');
    expect(await scopedDb(a.id).ticketComment.count({ where: { ticketId: t.id } })).toBe(0);
  });

  it('G8/G9: products and a collection from the queue, each applied once; the ticket carries them by name, and the cost only when shown', async () => {
    const t = await ticketForTechnician('Venta en la calle');
    const product = await A.ADMIN.products.create({ name: 'ONT GPON', code: `ONT-${randomUUID().slice(0, 6)}`, price: '25000', taxRate: '21' });
    expect((await A.TECHNICIAN.tech.home()).catalogue.some((p) => p.id === product.id)).toBe(true);
    const add = { kind: 'product' as const, key: randomUUID(), ticketId: t.id, productId: product.id, quantity: 2 };
    const first = await A.TECHNICIAN.tech.send(add);
    expect(await A.TECHNICIAN.tech.send(add)).toEqual(first);
    await A.TECHNICIAN.tech.send({ ...add, key: randomUUID(), quantity: 3, sold: true });
    const bundle = await A.TECHNICIAN.tech.ticket({ id: t.id });
    expect(bundle.products).toEqual([{ productId: product.id, name: 'ONT GPON', code: expect.stringMatching(/^ONT-/), quantity: 3, sold: true }]);
    expect(bundle.collection).toBeNull();
    expect((await A.OPERATOR.tickets.history({ id: t.id })).filter((h) => h.field === 'products')).toHaveLength(2);
    // A removal sent twice (with two keys, as a queue might after a lost answer) removes once and then leaves it.
    await A.TECHNICIAN.tech.send({ ...add, key: randomUUID(), quantity: null });
    await A.TECHNICIAN.tech.send({ ...add, key: randomUUID(), quantity: null });
    expect((await A.TECHNICIAN.tech.ticket({ id: t.id })).products).toEqual([]);
    // The cost to collect reaches the technician once the office shows it.
    const { version } = await A.OPERATOR.tickets.get({ id: t.id });
    await A.OPERATOR.tickets.update({ id: t.id, version, cost: 4200, costToTechnician: true });
    expect((await A.TECHNICIAN.tech.ticket({ id: t.id })).collection).toEqual({ toCollect: 4200, collected: null, method: null, at: null });
    const collect = { kind: 'collect' as const, key: randomUUID(), ticketId: t.id, amount: '4200', method: 'TRANSFER' as const };
    await A.TECHNICIAN.tech.send(collect);
    await A.TECHNICIAN.tech.send(collect);
    expect((await A.TECHNICIAN.tech.ticket({ id: t.id })).collection).toMatchObject({ toCollect: 4200, collected: 4200, method: 'TRANSFER' });
    expect((await A.OPERATOR.tickets.history({ id: t.id })).filter((h) => h.field === 'collected')).toHaveLength(1);
    // A bad quantity is refused at the edge; another tenant's technician does not find the ticket.
    await rejects(A.TECHNICIAN.tech.send({ ...add, key: randomUUID(), quantity: 0 }), 'BAD_REQUEST');
    await rejects(B.TECHNICIAN.tech.send({ ...add, key: randomUUID() }), 'NOT_FOUND');
  });

  it('property: any order of replays and concurrent copies of a queue writes each change exactly once', async () => {
    const t = await ticketForTechnician('Propiedad de la cola');
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat({ max: 4 }), { minLength: 1, maxLength: 12 }), fc.boolean(), async (picks, concurrent) => {
        const queue = Array.from({ length: 5 }, (_, i) => ({ kind: 'comment' as const, key: randomUUID(), ticketId: t.id, body: `Cambio ${i} ${randomUUID()}`, public: i % 2 === 0 }));
        const sends = [...queue, ...picks.map((i) => queue[i]!)];
        if (concurrent) await Promise.all(sends.map((c) => A.TECHNICIAN.tech.send(c)));
        else for (const c of sends) await A.TECHNICIAN.tech.send(c);
        const bodies = (await A.OPERATOR.tickets.comments({ id: t.id })).map((c) => c.body);
        for (const c of queue) expect(bodies.filter((b) => b === c.body)).toHaveLength(1);
      }),
      { numRuns: 20 },
    );
  }, 180_000);
});
