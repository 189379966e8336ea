// A3/A4 procedures: customers and connections — each with an allowed case, a wrong-role case and
// a cross-tenant case, plus search, duplicates, billing visibility and atomic creation.
import { beforeAll, describe, expect, it } from 'vitest';
import { scopedDb } from '@/server/data/scoped';
import { signInCustomer } from '@/server/services/auth/sign-in';
import { asStaff, createCatalog, createConnection, createCustomer, createTenant, rejects, staffOfEveryRole, type TestTenant } from '../factories';
import { httpCall } from '../factories/http';

let a: TestTenant;
let b: TestTenant;
let A: Awaited<ReturnType<typeof staffOfEveryRole>>;
let B: Awaited<ReturnType<typeof staffOfEveryRole>>;
let catalogA: Awaited<ReturnType<typeof createCatalog>>;
let catalogB: Awaited<ReturnType<typeof createCatalog>>;

beforeAll(async () => {
  [a, b] = await Promise.all([createTenant(), createTenant()]);
  [A, B] = await Promise.all([staffOfEveryRole(a), staffOfEveryRole(b)]);
  [catalogA, catalogB] = await Promise.all([createCatalog(a), createCatalog(b)]);
});

describe('customers.create', () => {
  it('lets an operator create a customer with a connection, and normalizes the tax id', async () => {
    const created = await A.OPERATOR.customers.create({
      code: 'X-100',
      name: 'José Núñez',
      taxIdType: 'CUIT',
      taxId: '20-12345678-6',
      emails: ['Jose@Example.com'],
      phones: ['+54 11 5555-0000'],
      connections: [{ address: 'Mitre 123', planId: catalogA.plan.id, nodeId: catalogA.node.id, latitude: -34.7, longitude: -58.3 }],
    });
    const stored = await scopedDb(a.id).customer.findUnique({ where: { id: created.id }, include: { connections: true } });
    expect(stored).toMatchObject({ taxId: '20123456786', emails: ['jose@example.com'], searchText: 'jose nunez x-100 20123456786 jose@example.com' });
    expect(stored?.connections).toHaveLength(1);
    expect(stored?.connections[0]).toMatchObject({ planId: catalogA.plan.id, status: 'ENABLED', type: 'FIBER' });
  });

  it('assigns the next numeric code when none is given', async () => {
    await A.ADMIN.customers.create({ code: '41', name: 'Primero' });
    const next = await A.ADMIN.customers.nextCode();
    const created = await A.ADMIN.customers.create({ name: 'Sin Código' });
    expect(created.code).toBe(next);
    expect(Number(next)).toBeGreaterThanOrEqual(42);
  });

  it('refuses technicians', async () => {
    await rejects(A.TECHNICIAN.customers.create({ name: 'No' }), 'FORBIDDEN');
  });

  it('answers a duplicate tax id or code with a translated field error; the same values in another tenant are fine', async () => {
    await A.ADMIN.customers.create({ code: 'DUP-1', name: 'Uno', taxIdType: 'DNI', taxId: '30111222' });
    const dupTax = await httpCall({ host: a.host, session: { kind: 'staff', userId: A.ids.ADMIN, tenantId: a.id }, path: 'customers.create', input: { code: 'DUP-2', name: 'Dos', taxIdType: 'DNI', taxId: '30.111.222' } });
    expect(dupTax.status).toBe(409);
    expect(dupTax.json.error?.json.data.fieldErrors).toEqual({ taxId: 'Ya hay un cliente con este número de documento.' });
    const dupCode = await httpCall({ host: a.host, session: { kind: 'staff', userId: A.ids.ADMIN, tenantId: a.id }, path: 'customers.create', input: { code: 'DUP-1', name: 'Tres' }, locale: 'en' });
    expect(dupCode.status).toBe(409);
    expect(dupCode.json.error?.json.data.fieldErrors?.code).toBe('A customer with this code already exists.');
    await expect(B.ADMIN.customers.create({ code: 'DUP-1', name: 'Otro tenant', taxIdType: 'DNI', taxId: '30111222' })).resolves.toMatchObject({ code: 'DUP-1' });
  });

  it('validates tax ids, e-mails and coordinates per field, in the caller language, with no stack trace', async () => {
    const res = await httpCall({
      host: a.host,
      session: { kind: 'staff', userId: A.ids.ADMIN, tenantId: a.id },
      path: 'customers.create',
      input: { name: 'X', taxIdType: 'CUIT', taxId: '20123456787', emails: ['nope'], connections: [{ address: 'Calle 1', latitude: 123, longitude: 10 }] },
      locale: 'it',
    });
    expect(res.status).toBe(400);
    const fields = res.json.error!.json.data.fieldErrors!;
    expect(Object.keys(fields).sort()).toEqual(['connections.0.latitude', 'emails.0', 'name', 'taxId']);
    expect(fields['emails.0']).toBe('Indirizzo e-mail non valido.');
    expect(res.body).not.toMatch(/stack|at Object\.|node_modules/);
  });

  it('refuses a plan of another tenant and writes nothing', async () => {
    const before = await scopedDb(a.id).customer.count();
    const error = await rejects(A.ADMIN.customers.create({ name: 'Atómico', connections: [{ address: 'Calle 2', planId: catalogB.plan.id }] }), 'BAD_REQUEST');
    expect(error.cause).toMatchObject({ fieldErrors: { 'connections.0.planId': { key: 'validation.unknownOption' } } });
    expect(await scopedDb(a.id).customer.count()).toBe(before);
  });
});

describe('customers.list', () => {
  beforeAll(async () => {
    await Promise.all([
      createCustomer(a, { name: 'Martín Álvarez', code: 'S-1', taxId: '27999888' }),
      createCustomer(a, { name: 'Martina Pérez', code: 'S-2' }),
      createCustomer(a, { name: 'Ramón Martínez', code: 'S-3', status: 'DELETED' }),
      createCustomer(b, { name: 'Martín de otro tenant', code: 'S-1' }),
    ]);
  });

  it('finds customers accent-insensitively by name parts, code and tax id, for every role', async () => {
    for (const role of ['ADMIN', 'SUPERVISOR', 'OPERATOR', 'TECHNICIAN'] as const) {
      const r = await A[role].customers.list({ query: 'martin alvarez' });
      expect(r.items.map((c) => c.name)).toEqual(['Martín Álvarez']);
    }
    expect((await A.ADMIN.customers.list({ query: '27.999.888' })).items.map((c) => c.code)).toEqual(['S-1']);
    expect((await A.ADMIN.customers.list({ query: 's-2' })).items.map((c) => c.code)).toEqual(['S-2']);
  });

  it('filters by status: deleted customers only when asked', async () => {
    const active = await A.ADMIN.customers.list({ query: 'martinez' });
    expect(active.items).toHaveLength(0);
    const deleted = await A.ADMIN.customers.list({ query: 'martinez', status: 'DELETED' });
    expect(deleted.items.map((c) => c.name)).toEqual(['Ramón Martínez']);
  });

  it('pages without counting the tenant', async () => {
    const first = await A.ADMIN.customers.list({ query: 'mart', pageSize: 1, page: 1 });
    const second = await A.ADMIN.customers.list({ query: 'mart', pageSize: 1, page: 2 });
    expect(first.hasMore).toBe(true);
    expect(second.hasMore).toBe(false);
    expect(first.items[0]!.id).not.toBe(second.items[0]!.id);
  });

  it('lists by name; a search lists newest first unless a column is chosen', async () => {
    const first = await createCustomer(a, { name: 'Zoe Orden Antigua', code: 'O-1' });
    const second = await createCustomer(a, { name: 'Ana Orden Nueva', code: 'O-2' });
    await scopedDb(a.id).customer.update({ where: { id: first.id }, data: { createdAt: new Date('2020-01-01T00:00:00Z') } });
    expect((await A.OPERATOR.customers.list({ query: 'orden' })).items.map((c) => c.code)).toEqual(['O-2', 'O-1']);
    await scopedDb(a.id).customer.update({ where: { id: second.id }, data: { createdAt: new Date('2019-01-01T00:00:00Z') } });
    expect((await A.OPERATOR.customers.list({ query: 'orden' })).items.map((c) => c.code)).toEqual(['O-1', 'O-2']);
    expect((await A.OPERATOR.customers.list({ query: 'orden', sort: 'name' })).items.map((c) => c.code)).toEqual(['O-2', 'O-1']);
    expect((await A.OPERATOR.customers.list({ query: 'orden', sort: 'code', direction: 'desc' })).items.map((c) => c.code)).toEqual(['O-2', 'O-1']);
    const byName = (await A.OPERATOR.customers.list({ pageSize: 100 })).items.map((c) => c.name);
    expect(byName).toEqual([...byName].sort((x, y) => x.localeCompare(y, 'es')));
  });

  it('LIKE wildcards in a search match literally', async () => {
    await createCustomer(a, { name: 'Promo 50% Descuento', code: 'W-1' });
    await createCustomer(a, { name: 'Promo 50 Descuento', code: 'W-2' });
    expect((await A.OPERATOR.customers.list({ query: '50%' })).items.map((c) => c.code)).toEqual(['W-1']);
    expect((await A.OPERATOR.customers.list({ query: 'promo_50' })).items).toEqual([]);
  });

  it('counts each customer’s connections on the page', async () => {
    const two = await createCustomer(a, { name: 'Zulema Conexiones Dos', code: 'K-2' });
    await createCustomer(a, { name: 'Zulema Conexiones Cero', code: 'K-0' });
    await createConnection(a, two.id, { address: 'Calle 1' });
    await createConnection(a, two.id, { address: 'Calle 2' });
    const r = await A.OPERATOR.customers.list({ query: 'zulema conexiones' });
    expect(Object.fromEntries(r.items.map((c) => [c.code, c.connectionCount]))).toEqual({ 'K-2': 2, 'K-0': 0 });
  });

  it('never shows another tenant’s customers', async () => {
    const r = await B.ADMIN.customers.list({ query: 'martin', status: 'ALL' });
    expect(r.items.map((c) => c.name)).toEqual(['Martín de otro tenant']);
  });

  it('a customer session may not list customers', async () => {
    const customer = await createCustomer(a);
    const { asCustomer } = await import('../factories');
    await rejects((await asCustomer(a, customer.id)).customers.list({}), 'FORBIDDEN');
  });
});

describe('customers.get', () => {
  it('returns the customer with connections; plan prices only with billing permission', async () => {
    const c = await A.OPERATOR.customers.create({ name: 'Con Plan', connections: [{ address: 'Belgrano 9', planId: catalogA.plan.id }] });
    const asOperator = await A.OPERATOR.customers.get({ id: c.id });
    expect(asOperator.connections[0]!.plan).toMatchObject({ name: catalogA.plan.name, price: expect.anything() });
    const asTechnician = await A.TECHNICIAN.customers.get({ id: c.id });
    expect(asTechnician.connections[0]!.plan).not.toHaveProperty('price');
    expect(JSON.stringify(asTechnician)).not.toContain('15000');
    expect(asOperator).not.toHaveProperty('portalPasswordHash');
  });

  it('is NOT_FOUND for another tenant’s customer', async () => {
    const c = await createCustomer(a);
    await rejects(B.ADMIN.customers.get({ id: c.id }), 'NOT_FOUND');
  });
});

describe('customers.update', () => {
  it('lets an operator edit, keeping the search text current', async () => {
    const c = await createCustomer(a, { name: 'Viejo Nombre' });
    await A.OPERATOR.customers.update({ id: c.id, code: c.code, name: 'Nuevo Nombre Ñandú' });
    expect((await A.OPERATOR.customers.list({ query: 'nandu' })).items.map((x) => x.id)).toEqual([c.id]);
  });

  it('keeps names free of bidi controls and invisible characters, on create and on edit (issue 15)', async () => {
    // "\u202Enimda" shows as "admin"; a zero-width space makes two names look alike.
    const created = await A.OPERATOR.customers.create({ name: '\u202Enimda\u202C Pérez\u200B' });
    expect((await scopedDb(a.id).customer.findUnique({ where: { id: created.id } }))?.name).toBe('nimda Pérez');
    await A.OPERATOR.customers.update({ id: created.id, code: created.code, name: 'Ana\u2066 María\u2069\u200F\nGómez' });
    expect((await A.OPERATOR.customers.get({ id: created.id })).name).toBe('Ana María Gómez');
    // What is left must still be a name: a lone letter among controls is too short.
    const res = await httpCall({ host: a.host, session: { kind: 'staff', userId: A.ids.OPERATOR, tenantId: a.id }, path: 'customers.create', input: { name: '\u202Ex\u202C' } });
    expect(res.status).toBe(400);
    expect(Object.keys(res.json.error!.json.data.fieldErrors!)).toEqual(['name']);
  });

  it('renaming a customer, or changing its code or tax id, keeps its tickets findable by the new values and not the old', async () => {
    const c = await createCustomer(a, { name: 'Hortensia Pérez', code: 'HP-1', taxId: '27111222' });
    const other = await createCustomer(a, { name: 'Hortensia Pérez Vecina' });
    const [t1, t2] = [
      await A.OPERATOR.tickets.create({ customerId: c.id, title: 'Sin señal', description: 'Desde la tormenta' }),
      await A.OPERATOR.tickets.create({ customerId: c.id, title: 'Módem quemado', description: 'Cambiar el equipo' }),
    ];
    const neighbours = await A.OPERATOR.tickets.create({ customerId: other.id, title: 'Lento', description: 'Muy lento' });
    const found = async (query: string) => (await A.OPERATOR.tickets.list({ tab: 'PENDING', query, pageSize: 100 })).items.map((t) => t.id).sort();
    expect(await found('hortensia')).toEqual([t1.id, t2.id, neighbours.id].sort());

    await A.OPERATOR.customers.update({ id: c.id, code: 'HP-2', name: 'Hortensia Núñez', taxId: '27333444', taxIdType: 'DNI' });
    expect(await found('nunez')).toEqual([t1.id, t2.id].sort());
    expect(await found('hortensia perez')).toEqual([neighbours.id]);
    expect(await found('hp-2')).toEqual([t1.id, t2.id].sort());
    expect(await found('hp-1')).toEqual([]);
    expect(await found('27.333.444')).toEqual([t1.id, t2.id].sort());
    expect(await found('27111222')).toEqual([]);
    // The ticket's own words still find it, and no open form of it became stale.
    expect(await found('modem quemado')).toEqual([t2.id]);
    expect((await A.OPERATOR.tickets.get({ id: t2.id })).version).toBe(1);
  });

  it('a customer with thousands of tickets is renamed in one transaction, every ticket rewritten', async () => {
    const t = await createTenant();
    const admin = await asStaff(t, t.adminId);
    const c = await createCustomer(t, { name: 'Cooperativa Vieja' });
    const state = await scopedDb(t.id).ticketState.findFirstOrThrow({ where: { isDefault: true } });
    const count = 5_000;
    await scopedDb(t.id).$executeRaw`
      INSERT INTO "Ticket" (id, "tenantId", number, title, description, "customerId", "stateId", stage, channel, "searchText", "updatedAt")
      SELECT gen_random_uuid(), ${t.id}::uuid, g, 'Reclamo ' || g, 'Sin servicio en la sede ' || g, ${c.id}::uuid, ${state.id}::uuid, 'PENDING', 'BACKOFFICE',
             g || ' reclamo ' || g || ' sin servicio en la sede ' || g || ' cooperativa vieja ' || ${c.code.toLowerCase()}, now()
      FROM generate_series(1, ${count}) AS g`;
    const started = performance.now();
    await admin.customers.update({ id: c.id, code: c.code, name: 'Cooperativa Nueva' });
    const ms = performance.now() - started;
    const [row] = await scopedDb(t.id).$queryRaw<{ renamed: number; stale: number }[]>`
      SELECT count(*) FILTER (WHERE "searchText" LIKE '%cooperativa nueva%')::int AS renamed,
             count(*) FILTER (WHERE "searchText" LIKE '%vieja%')::int AS stale
      FROM "Ticket" WHERE "tenantId" = ${t.id}::uuid`;
    expect(row).toEqual({ renamed: count, stale: 0 });
    expect((await admin.tickets.list({ tab: 'PENDING', query: 'cooperativa nueva sede 4321' })).items.map((x) => x.number)).toEqual([4321]);
    console.info(`renamed a customer with ${count} tickets in ${Math.round(ms)} ms`);
  });

  it('refuses technicians and other tenants', async () => {
    const c = await createCustomer(a);
    await rejects(A.TECHNICIAN.customers.update({ id: c.id, code: c.code, name: 'X Y' }), 'FORBIDDEN');
    await rejects(B.ADMIN.customers.update({ id: c.id, code: c.code, name: 'X Y' }), 'NOT_FOUND');
    expect((await scopedDb(a.id).customer.findUnique({ where: { id: c.id } }))?.name).toBe(c.name);
  });

  it('refuses a code taken by another customer', async () => {
    const [one, two] = await Promise.all([createCustomer(a), createCustomer(a)]);
    await rejects(A.ADMIN.customers.update({ id: two.id, code: one.code }), 'CONFLICT');
  });
});

describe('customers.delete / restore', () => {
  it('soft-deletes and restores for supervisors; operators may not', async () => {
    const c = await createCustomer(a);
    await rejects(A.OPERATOR.customers.delete({ id: c.id }), 'FORBIDDEN');
    await A.SUPERVISOR.customers.delete({ id: c.id });
    expect(await scopedDb(a.id).customer.findUnique({ where: { id: c.id } })).toMatchObject({ status: 'DELETED', deletedAt: expect.any(Date) });
    await rejects(A.OPERATOR.customers.restore({ id: c.id }), 'FORBIDDEN');
    await A.SUPERVISOR.customers.restore({ id: c.id });
    expect(await scopedDb(a.id).customer.findUnique({ where: { id: c.id } })).toMatchObject({ status: 'ACTIVE', deletedAt: null });
  });

  it('is NOT_FOUND across tenants', async () => {
    const c = await createCustomer(a);
    await rejects(B.ADMIN.customers.delete({ id: c.id }), 'NOT_FOUND');
    await rejects(B.ADMIN.customers.restore({ id: c.id }), 'NOT_FOUND');
    expect((await scopedDb(a.id).customer.findUnique({ where: { id: c.id } }))?.status).toBe('ACTIVE');
  });
});

describe('customers.regeneratePortalPassword', () => {
  it('gives the operator a new password the customer can sign in with', async () => {
    const c = await createCustomer(a, { taxId: '33444555' });
    const { password } = await A.OPERATOR.customers.regeneratePortalPassword({ id: c.id });
    expect(password).toMatch(/^[A-Za-z0-9]{12}$/);
    const result = await signInCustomer(a, '33.444.555', password, null);
    expect(result).toMatchObject({ ok: true, user: { id: c.id, kind: 'customer' } });
  });

  it('refuses technicians and other tenants', async () => {
    const c = await createCustomer(a);
    await rejects(A.TECHNICIAN.customers.regeneratePortalPassword({ id: c.id }), 'FORBIDDEN');
    await rejects(B.ADMIN.customers.regeneratePortalPassword({ id: c.id }), 'NOT_FOUND');
    expect((await scopedDb(a.id).customer.findUnique({ where: { id: c.id } }))?.portalPasswordHash).toBeNull();
  });
});

describe('customers.nextCode', () => {
  it('is for those who create customers', async () => {
    await expect(A.OPERATOR.customers.nextCode()).resolves.toMatch(/^\d+$/);
    await rejects(A.TECHNICIAN.customers.nextCode(), 'FORBIDDEN');
  });
  it('counts only the caller’s tenant', async () => {
    const t = await createTenant();
    await createCustomer(a, { code: '999999' });
    expect(await (await asStaff(t, t.adminId)).customers.nextCode()).toBe('1');
  });
});

describe('connections', () => {
  it('create, update and delete for operators', async () => {
    const c = await createCustomer(a);
    const k = await A.OPERATOR.connections.create({ customerId: c.id, address: 'Moreno 50', nodeId: catalogA.node.id, status: 'BLOCKED', latitude: -34.1, longitude: -58.2 });
    await A.OPERATOR.connections.update({ id: k.id, status: 'ENABLED', localityId: catalogA.locality.id });
    expect(await scopedDb(a.id).connection.findUnique({ where: { id: k.id } })).toMatchObject({ status: 'ENABLED', localityId: catalogA.locality.id, nodeId: catalogA.node.id });
    await A.OPERATOR.connections.delete({ id: k.id });
    expect(await scopedDb(a.id).connection.findUnique({ where: { id: k.id } })).toBeNull();
  });

  it('an edit changes only what it sends: a blocked wireless connection stays blocked and wireless', async () => {
    const c = await createCustomer(a);
    const k = await A.OPERATOR.connections.create({ customerId: c.id, address: 'Moreno 60', type: 'WIRELESS', status: 'BLOCKED' });
    await A.OPERATOR.connections.update({ id: k.id, address: 'Moreno 62' });
    expect(await scopedDb(a.id).connection.findUnique({ where: { id: k.id } })).toMatchObject({ address: 'Moreno 62', type: 'WIRELESS', status: 'BLOCKED' });
  });

  it('a connection a ticket was opened for is a translated CONFLICT, never a 500; it stays', async () => {
    const c = await createCustomer(a);
    const k = await createConnection(a, c.id);
    await A.OPERATOR.tickets.create({ customerId: c.id, connectionId: k.id, description: 'Sin señal en esta conexión' });
    const res = await httpCall({ host: a.host, session: { kind: 'staff', userId: a.adminId, tenantId: a.id }, path: 'connections.delete', input: { id: k.id }, locale: 'en' });
    expect(res.status).toBe(409);
    expect(res.json.error?.json.message).toBe("It can't be deleted because it is in use.");
    expect(await scopedDb(a.id).connection.findUnique({ where: { id: k.id } })).not.toBeNull();
  });

  it('refuses technicians', async () => {
    const c = await createCustomer(a);
    const k = await createConnection(a, c.id);
    await rejects(A.TECHNICIAN.connections.create({ customerId: c.id, address: 'Moreno 51' }), 'FORBIDDEN');
    await rejects(A.TECHNICIAN.connections.update({ id: k.id, status: 'BLOCKED' }), 'FORBIDDEN');
    await rejects(A.TECHNICIAN.connections.delete({ id: k.id }), 'FORBIDDEN');
  });

  it('is NOT_FOUND across tenants, and refuses another tenant’s node', async () => {
    const c = await createCustomer(a);
    const k = await createConnection(a, c.id);
    await rejects(B.ADMIN.connections.create({ customerId: c.id, address: 'Intruso 1' }), 'NOT_FOUND');
    await rejects(B.ADMIN.connections.update({ id: k.id, status: 'BLOCKED' }), 'NOT_FOUND');
    await rejects(B.ADMIN.connections.delete({ id: k.id }), 'NOT_FOUND');
    await rejects(A.ADMIN.connections.update({ id: k.id, nodeId: catalogB.node.id }), 'BAD_REQUEST');
    expect(await scopedDb(a.id).connection.findUnique({ where: { id: k.id } })).toMatchObject({ status: 'ENABLED', nodeId: null });
  });

  it('requires latitude and longitude together', async () => {
    const c = await createCustomer(a);
    await rejects(A.ADMIN.connections.create({ customerId: c.id, address: 'Calle 3', latitude: -34 }), 'BAD_REQUEST');
  });
});
