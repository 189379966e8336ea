// F3: the payment promise. A blocked customer asks for one from the portal: the connection is enabled
// at once, with the promise, the connection's history entry and the network's outbox event in one
// transaction; every refusal is the server's; when the promise runs out the job (time passed as an
// argument) keeps it enabled if payments since cover the overdue debt, or blocks it again.
import { beforeAll, describe, expect, it } from 'vitest';
import { scopedDb } from '@/server/data/scoped';
import { expirePromises } from '@/server/services/promises/expire';
import { seedDemoPromises } from '@/server/seed/demo-promises';
import { asCustomer, asStaff, createConnection, createCustomer, createTenant, rejects, twoTenantsWithStaff, type StaffOfEveryRole, type TestTenant } from '../factories';

let a: TestTenant, b: TestTenant, A: StaffOfEveryRole, B: StaffOfEveryRole;
const DAY = 86_400_000;

beforeAll(async () => {
  ({ a, b, A, B } = await twoTenantsWithStaff());
  await A.ADMIN.promises.updateSettings({ enabled: true, maxDays: 5, coolDownDays: 30 });
});

/** A customer with a blocked connection and `overdue` owed on an invoice due 20 days ago. */
async function blockedCustomer(tenant: TestTenant, overdue = 12000) {
  const customer = await createCustomer(tenant, { name: 'Cliente Suspendido', portalPassword: true });
  const connection = await createConnection(tenant, customer.id, { address: 'Calle Corte 10' });
  const db = scopedDb(tenant.id);
  await db.connection.update({ where: { id: connection.id }, data: { status: 'BLOCKED' } });
  const due = new Date(Date.now() - 20 * DAY);
  const day = new Date(`${due.toISOString().slice(0, 10)}T00:00:00.000Z`);
  await db.invoice.create({
    data: { tenantId: tenant.id, customerId: customer.id, number: `F-${connection.id}`, type: 'B', issuedOn: day, dueOn: day, total: overdue, balance: overdue, status: 'UNPAID' },
  });
  return { customer, connection };
}

async function pay(tenant: TestTenant, customerId: string, amount: number, paidOn = new Date()) {
  await scopedDb(tenant.id).payment.create({
    data: { tenantId: tenant.id, customerId, amount, method: 'Transferencia', reference: `ref-${Math.random()}`, paidOn: new Date(`${paidOn.toISOString().slice(0, 10)}T00:00:00.000Z`) },
  });
}

const statusOf = async (tenant: TestTenant, id: string) => (await scopedDb(tenant.id).connection.findUniqueOrThrow({ where: { id } })).status;

describe('asking for a payment promise', () => {
  it('enables the blocked connection at once, with the promise, the history entry and the network’s event', async () => {
    const { customer, connection } = await blockedCustomer(a);
    const portal = await asCustomer(a, customer.id);
    const status = await portal.portal.promise.status();
    expect(status).toMatchObject({ enabled: true, maxDays: 5, availableAt: null, connections: [{ id: connection.id, status: 'BLOCKED', promiseUntil: null }] });

    const before = Date.now();
    const granted = await portal.portal.promise.request({ connectionId: connection.id, days: 3 });
    expect(granted.status).toBe('ENABLED');
    expect(granted.until.getTime()).toBeGreaterThanOrEqual(before + 3 * DAY);
    expect(await statusOf(a, connection.id)).toBe('ENABLED');

    const db = scopedDb(a.id);
    const promise = await db.paymentPromise.findFirstOrThrow({ where: { customerId: customer.id } });
    expect(promise).toMatchObject({ connectionId: connection.id, days: 3, outcome: 'PENDING', resolvedAt: null });
    expect(Number(promise.overdueDebt)).toBe(12000);
    const history = await db.connectionEvent.findMany({ where: { connectionId: connection.id } });
    expect(history).toEqual([expect.objectContaining({ kind: 'promise.granted', fromStatus: 'BLOCKED', toStatus: 'ENABLED', byCustomer: true, promiseId: promise.id })]);
    const events = await db.outboxEvent.findMany({ where: { type: 'connection.promise_granted' } });
    const event = events.find((e) => (e.payload as { promise: { id: string } }).promise.id === promise.id);
    expect(event?.payload).toMatchObject({
      event: 'connection.promise_granted',
      tenantId: a.id,
      action: 'enable',
      customer: { id: customer.id, code: customer.code, name: 'Cliente Suspendido' },
      connection: { id: connection.id, address: 'Calle Corte 10', previousStatus: 'BLOCKED', status: 'ENABLED' },
      promise: { id: promise.id, days: 3, until: promise.until.toISOString(), outcome: 'PENDING' },
    });

    // The portal now shows the running promise and when another may be asked.
    const after = await portal.portal.promise.status();
    expect(after.connections[0]).toMatchObject({ status: 'ENABLED', promiseUntil: promise.until });
    expect(after.availableAt!.getTime()).toBe(promise.grantedAt.getTime() + 30 * DAY);

    // Operators see it on the customer's page and in the connection's history.
    const list = await A.OPERATOR.promises.forCustomer({ customerId: customer.id });
    expect(list).toEqual([expect.objectContaining({ id: promise.id, connectionAddress: 'Calle Corte 10', days: 3, outcome: 'PENDING', overdueDebt: 12000, paidSince: null })]);
    const shown = await A.OPERATOR.promises.connectionHistory({ customerId: customer.id });
    expect(shown).toEqual([expect.objectContaining({ kind: 'promise.granted', byCustomer: true, toStatus: 'ENABLED', promiseUntil: promise.until })]);
  });

  it('refuses, translated, when promises are off, twice within the cool-down, too long, or for a connection that is not blocked', async () => {
    const { customer, connection } = await blockedCustomer(a);
    const other = await createConnection(a, customer.id, { address: 'Calle Habilitada 1' });
    const portal = await asCustomer(a, customer.id);

    const tooLong = await rejects(portal.portal.promise.request({ connectionId: connection.id, days: 6 }), 'BAD_REQUEST');
    expect(JSON.stringify((tooLong as { cause?: unknown }).cause)).toContain('validation.promiseTooLong');
    expect(tooLong.message).toBe('invalidInput');
    const notBlocked = await rejects(portal.portal.promise.request({ connectionId: other.id, days: 2 }), 'CONFLICT');
    expect(JSON.stringify((notBlocked as { cause?: unknown }).cause)).toContain('validation.promiseNotBlocked');
    expect(await statusOf(a, connection.id)).toBe('BLOCKED');

    await portal.portal.promise.request({ connectionId: connection.id, days: 2 });
    // Blocked again by an operator, the customer still may not ask again within the cool-down.
    await scopedDb(a.id).connection.update({ where: { id: connection.id }, data: { status: 'BLOCKED' } });
    const coolDown = await rejects(portal.portal.promise.request({ connectionId: connection.id, days: 2 }), 'CONFLICT');
    expect(coolDown.message).toBe('promiseCoolDown');
    expect(await statusOf(a, connection.id)).toBe('BLOCKED');
    expect(await scopedDb(a.id).paymentPromise.count({ where: { customerId: customer.id } })).toBe(1);

    // Off: the server refuses, whatever the portal shows.
    const fresh = await blockedCustomer(a);
    await A.ADMIN.promises.updateSettings({ enabled: false, maxDays: 5, coolDownDays: 30 });
    try {
      const off = await asCustomer(a, fresh.customer.id);
      expect((await off.portal.promise.status()).enabled).toBe(false);
      const refused = await rejects(off.portal.promise.request({ connectionId: fresh.connection.id, days: 1 }), 'FORBIDDEN');
      expect(refused.message).toBe('promiseDisabled');
      expect(await statusOf(a, fresh.connection.id)).toBe('BLOCKED');
    } finally {
      await A.ADMIN.promises.updateSettings({ enabled: true, maxDays: 5, coolDownDays: 30 });
    }
  });

  it('translates the refusals for the customer', async () => {
    const { customer, connection } = await blockedCustomer(a);
    const portal = await asCustomer(a, customer.id);
    const { translateError } = await import('@/i18n/catalog');
    expect(translateError('es', 'validation.promiseTooLong', { max: 5 })).toBe('Podés pedir como máximo 5 días.');
    expect(translateError('en', 'promiseCoolDown', { date: '2026-12-05' })).toContain('2026-12-05');
    expect(translateError('it', 'validation.promiseNotBlocked')).toContain('non è sospesa');
    await portal.portal.promise.request({ connectionId: connection.id, days: 1 });
  });

  it('never reaches another customer’s connection, another tenant’s, or staff', async () => {
    const { connection } = await blockedCustomer(a);
    const neighbour = await createCustomer(a, { portalPassword: true });
    await rejects((await asCustomer(a, neighbour.id)).portal.promise.request({ connectionId: connection.id, days: 1 }), 'NOT_FOUND');
    const stranger = await createCustomer(b, { portalPassword: true });
    await rejects((await asCustomer(b, stranger.id)).portal.promise.request({ connectionId: connection.id, days: 1 }), 'FORBIDDEN');
    await rejects(A.OPERATOR.portal.promise.request({ connectionId: connection.id, days: 1 }), 'FORBIDDEN');
    await rejects(A.OPERATOR.portal.promise.status(), 'FORBIDDEN');
    expect(await statusOf(a, connection.id)).toBe('BLOCKED');

    const { customer } = await blockedCustomer(a);
    // Operators: billing.read for the promises, another tenant's customer is not found.
    await rejects(A.TECHNICIAN.promises.forCustomer({ customerId: customer.id }), 'FORBIDDEN');
    await rejects(B.ADMIN.promises.forCustomer({ customerId: customer.id }), 'NOT_FOUND');
    await rejects(B.ADMIN.promises.connectionHistory({ customerId: customer.id }), 'NOT_FOUND');
    expect(await A.TECHNICIAN.promises.connectionHistory({ customerId: customer.id })).toEqual([]);
    // The settings card: settings.read to see, settings.manage to change.
    await rejects(A.OPERATOR.promises.settings(), 'FORBIDDEN');
    // A fresh caller: a request resolves the tenant (and its settings) anew.
    expect(await (await asStaff(a, A.ids.SUPERVISOR)).promises.settings()).toMatchObject({ enabled: true, maxDays: 5 });
    await rejects(A.SUPERVISOR.promises.updateSettings({ enabled: false, maxDays: 5, coolDownDays: 30 }), 'FORBIDDEN');
    await rejects(A.ADMIN.promises.updateSettings({ enabled: true, maxDays: 0, coolDownDays: 30 }), 'BAD_REQUEST');
    // Another tenant's settings are its own.
    expect(await B.ADMIN.promises.settings()).toMatchObject({ enabled: false });
  });
});

describe('the promise job at expiry', () => {
  it('blocks the connection again when payments since do not cover the overdue debt', async () => {
    const { customer, connection } = await blockedCustomer(a, 12000);
    const portal = await asCustomer(a, customer.id);
    const granted = await portal.portal.promise.request({ connectionId: connection.id, days: 2 });
    await pay(a, customer.id, 5000);

    // Not yet due: nothing happens.
    await expirePromises(new Date(granted.until.getTime() - 60_000));
    expect(await statusOf(a, connection.id)).toBe('ENABLED');

    await expirePromises(new Date(granted.until.getTime() + 60_000));
    expect(await statusOf(a, connection.id)).toBe('BLOCKED');
    const db = scopedDb(a.id);
    const promise = await db.paymentPromise.findFirstOrThrow({ where: { id: granted.id } });
    expect(promise.outcome).toBe('BROKEN');
    expect(Number(promise.paidSince)).toBe(5000);
    const history = await db.connectionEvent.findMany({ where: { connectionId: connection.id }, orderBy: { createdAt: 'asc' } });
    expect(history.map((h) => [h.kind, h.fromStatus, h.toStatus])).toEqual([
      ['promise.granted', 'BLOCKED', 'ENABLED'],
      ['promise.broken', 'ENABLED', 'BLOCKED'],
    ]);
    const events = (await db.outboxEvent.findMany({ where: { type: 'connection.promise_broken' } })).filter((e) => (e.payload as { promise: { id: string } }).promise.id === granted.id);
    expect(events).toHaveLength(1);
    expect(events[0]!.payload).toMatchObject({ action: 'block', connection: { id: connection.id, previousStatus: 'ENABLED', status: 'BLOCKED' }, promise: { outcome: 'BROKEN' } });

    // Settled once: running the job again changes nothing.
    await expirePromises(new Date(granted.until.getTime() + 3 * DAY));
    expect(await db.connectionEvent.count({ where: { connectionId: connection.id } })).toBe(2);
    expect((await A.OPERATOR.promises.forCustomer({ customerId: customer.id }))[0]).toMatchObject({ outcome: 'BROKEN', paidSince: 5000 });
  });

  it('keeps it enabled when payments since cover the overdue debt', async () => {
    const { customer, connection } = await blockedCustomer(a, 12000);
    const portal = await asCustomer(a, customer.id);
    const granted = await portal.portal.promise.request({ connectionId: connection.id, days: 4 });
    // A payment before the promise's day does not count; the ones since do.
    await pay(a, customer.id, 9000, new Date(Date.now() - 10 * DAY));
    await pay(a, customer.id, 7000);
    await pay(a, customer.id, 5000);

    const result = await expirePromises(new Date(granted.until.getTime() + 1));
    expect(result.kept).toBeGreaterThanOrEqual(1);
    expect(await statusOf(a, connection.id)).toBe('ENABLED');
    const db = scopedDb(a.id);
    const promise = await db.paymentPromise.findFirstOrThrow({ where: { id: granted.id } });
    expect(promise.outcome).toBe('KEPT');
    expect(Number(promise.paidSince)).toBe(12000);
    const kept = (await db.outboxEvent.findMany({ where: { type: 'connection.promise_kept' } })).find((e) => (e.payload as { promise: { id: string } }).promise.id === granted.id);
    expect(kept?.payload).toMatchObject({ action: 'none', connection: { status: 'ENABLED' }, promise: { outcome: 'KEPT' } });
    expect((await db.connectionEvent.findMany({ where: { connectionId: connection.id, kind: 'promise.kept' } }))).toHaveLength(1);
  });

  it('leaves an operator’s later change alone', async () => {
    const { customer, connection } = await blockedCustomer(a, 12000);
    const granted = await (await asCustomer(a, customer.id)).portal.promise.request({ connectionId: connection.id, days: 1 });
    await scopedDb(a.id).connection.update({ where: { id: connection.id }, data: { status: 'NO_SERVICE' } });
    await expirePromises(new Date(granted.until.getTime() + 1));
    expect(await statusOf(a, connection.id)).toBe('NO_SERVICE');
    expect((await scopedDb(a.id).paymentPromise.findFirstOrThrow({ where: { id: granted.id } })).outcome).toBe('BROKEN');
  });
});

describe('the connection’s history', () => {
  it('records an operator’s status change with who made it', async () => {
    const customer = await createCustomer(a);
    const connection = await createConnection(a, customer.id, { address: 'Calle Operador 5' });
    await A.OPERATOR.connections.update({ id: connection.id, status: 'BLOCKED' });
    // A save that keeps the status adds nothing (ZConnectionUpdate defaults an absent status to ENABLED, so it is sent).
    await A.OPERATOR.connections.update({ id: connection.id, address: 'Calle Operador 5 bis', status: 'BLOCKED' });
    const history = await A.SUPERVISOR.promises.connectionHistory({ customerId: customer.id });
    expect(history).toEqual([expect.objectContaining({ kind: 'status', fromStatus: 'ENABLED', toStatus: 'BLOCKED', actorName: expect.any(String), byCustomer: false })]);
  });
});

describe('demo promises', () => {
  it('switches promises on and leaves a few believable past ones, once; 1006 may still ask', async () => {
    const tenant = await createTenant();
    const customers = await Promise.all(['1003', '1006', '1019'].map((code) => createCustomer(tenant, { code, portalPassword: true })));
    for (const c of customers) await createConnection(tenant, c.id);
    expect(await seedDemoPromises(tenant.id)).toBe(3);
    expect(await seedDemoPromises(tenant.id)).toBe(0);
    const rows = await scopedDb(tenant.id).paymentPromise.findMany({ orderBy: { grantedAt: 'asc' } });
    expect(rows.map((r) => r.outcome)).toEqual(['KEPT', 'BROKEN', 'KEPT']);
    const blocked = customers[1]!;
    const connection = await scopedDb(tenant.id).connection.findFirstOrThrow({ where: { customerId: blocked.id } });
    await scopedDb(tenant.id).connection.update({ where: { id: connection.id }, data: { status: 'BLOCKED' } });
    const status = await (await asCustomer(tenant, blocked.id)).portal.promise.status();
    expect(status).toMatchObject({ enabled: true, maxDays: 4, availableAt: null });
  });
});
