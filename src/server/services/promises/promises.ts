// F3: the payment promise ("compromiso de pago"). A customer with a blocked connection asks, from the
// portal, for a promise of up to the tenant's maximum days: in one transaction the connection is
// enabled again, the promise is written (who, when, until), the connection's history says why, and an
// outbox event tells the ISP's network system (the API issue publishes it as a webhook). When the
// promise runs out the promise job (./expire.ts) keeps the connection enabled if the payments since
// cover the overdue debt it was asked with, or blocks it again.
//
// Refused by the server, whatever the portal shows: promises switched off; a connection that is not
// the customer's (NOT_FOUND, as another tenant's); more days than allowed; a connection that is not
// blocked; a second promise within the tenant's cool-down (per customer, as the seed says: "el botón
// permanecerá bloqueado en el portal del cliente que haya hecho uso del mismo").
import { z } from 'zod';
import { Prisma } from '@/generated/prisma/client';
import { dayIn } from '@/lib/format';
import { AppError, fieldError, notFound } from '@/server/errors';
import type { Caller, CustomerActor, StaffCaller } from '@/server/services/caller';
import type { ScopedDb } from '@/server/data/scoped';
import { PROMISE_MAX_DAYS } from '@/server/services/tenants/settings';

export const PROMISE_OUTCOMES = ['PENDING', 'KEPT', 'BROKEN'] as const;
const CONNECTION_STATUSES = ['ENABLED', 'BLOCKED', 'NO_SERVICE'] as const;
const DAY_MS = 86_400_000;

/** The outbox event types the ISP's network system consumes (each payload says the status to apply). */
export const PROMISE_EVENTS = {
  granted: 'connection.promise_granted',
  kept: 'connection.promise_kept',
  broken: 'connection.promise_broken',
} as const;

export const ZPromiseRequest = z
  .object({
    connectionId: z.uuid(),
    days: z.number().int().min(1).max(PROMISE_MAX_DAYS),
  })
  .strict();

export const ZPromiseGranted = z.object({ id: z.uuid(), connectionId: z.uuid(), until: z.date(), status: z.literal('ENABLED') });

/** What the portal's home shows: whether the customer may ask, for which connections, until when. */
export const ZPortalPromiseStatus = z.object({
  enabled: z.boolean(),
  maxDays: z.number().int(),
  /** While the cool-down lasts: when the customer may ask again. */
  availableAt: z.date().nullable(),
  connections: z.array(
    z.object({
      id: z.uuid(),
      address: z.string(),
      status: z.enum(CONNECTION_STATUSES),
      /** A running promise's end. */
      promiseUntil: z.date().nullable(),
    }),
  ),
});
export type PortalPromiseStatus = z.output<typeof ZPortalPromiseStatus>;

/** Operators (billing.read): each promise of a customer. */
export const ZCustomerPromise = z.object({
  id: z.uuid(),
  connectionId: z.uuid(),
  connectionAddress: z.string(),
  days: z.number().int(),
  grantedAt: z.date(),
  until: z.date(),
  outcome: z.enum(PROMISE_OUTCOMES),
  resolvedAt: z.date().nullable(),
  overdueDebt: z.number(),
  paidSince: z.number().nullable(),
});

/** Operators: the history of a customer's connections (status changes and why). */
export const ZConnectionHistoryEntry = z.object({
  id: z.uuid(),
  connectionId: z.uuid(),
  connectionAddress: z.string(),
  kind: z.string(),
  fromStatus: z.enum(CONNECTION_STATUSES).nullable(),
  toStatus: z.enum(CONNECTION_STATUSES).nullable(),
  actorName: z.string().nullable(),
  byCustomer: z.boolean(),
  promiseUntil: z.date().nullable(),
  createdAt: z.date(),
});

export const ZCustomerRef = z.object({ customerId: z.uuid() }).strict();


/** A day "YYYY-MM-DD" as the instant a @db.Date column holds. */
const dateOf = (day: string) => new Date(`${day}T00:00:00.000Z`);

/** The customer's overdue debt on `now` (the tenant's calendar): unpaid balances of invoices due before today. */
export async function overdueDebt(db: Pick<ScopedDb, 'invoice'>, tenantId: string, customerId: string, timeZone: string, now: Date): Promise<Prisma.Decimal> {
  const today = dateOf(dayIn(now, timeZone));
  const sum = await db.invoice.aggregate({
    where: { tenantId, customerId, status: { not: 'VOID' }, balance: { gt: 0 }, dueOn: { lt: today } },
    _sum: { balance: true },
  });
  return sum._sum.balance ?? new Prisma.Decimal(0);
}

/** What the customer paid from the day of `since` (the tenant's calendar) on. */
export async function paidSince(db: Pick<ScopedDb, 'payment'>, tenantId: string, customerId: string, timeZone: string, since: Date): Promise<Prisma.Decimal> {
  const sum = await db.payment.aggregate({ where: { tenantId, customerId, paidOn: { gte: dateOf(dayIn(since, timeZone)) } }, _sum: { amount: true } });
  return sum._sum.amount ?? new Prisma.Decimal(0);
}

/** When a customer whose last promise was granted at `last` may ask again (null: now). */
function availableAt(last: Date | null, coolDownDays: number, now: Date): Date | null {
  if (!last) return null;
  const at = new Date(last.getTime() + coolDownDays * DAY_MS);
  return at > now ? at : null;
}

/** The self-describing event the network system consumes. */
export function promiseEventPayload(args: {
  type: string;
  tenantId: string;
  customer: { id: string; code: string; name: string };
  connection: { id: string; code: string | null; address: string };
  from: string;
  to: string;
  promise: { id: string; days: number; grantedAt: Date; until: Date; outcome: string };
  at: Date;
}): Prisma.InputJsonValue {
  const { type, tenantId, customer, connection, from, to, promise, at } = args;
  return {
    event: type,
    occurredAt: at.toISOString(),
    tenantId,
    customer: { id: customer.id, code: customer.code, name: customer.name },
    connection: { id: connection.id, code: connection.code, address: connection.address, previousStatus: from, status: to },
    /** What the network must do: enable or block the connection, or nothing. */
    action: from === to ? 'none' : to === 'ENABLED' ? 'enable' : 'block',
    promise: { id: promise.id, days: promise.days, grantedAt: promise.grantedAt.toISOString(), until: promise.until.toISOString(), outcome: promise.outcome },
  };
}

/** portal.promise.status */
export async function myPromiseStatus(caller: Caller<CustomerActor>, now = new Date()): Promise<PortalPromiseStatus> {
  const { db, tenant, actor } = caller;
  const rules = tenant.settings.promise;
  if (!rules.enabled) return { enabled: false, maxDays: rules.maxDays, availableAt: null, connections: [] };
  const [connections, last] = await Promise.all([
    db.connection.findMany({
      where: { customerId: actor.id },
      orderBy: { createdAt: 'asc' },
      select: { id: true, address: true, status: true, promises: { where: { outcome: 'PENDING' }, orderBy: { until: 'desc' }, take: 1, select: { until: true } } },
    }),
    db.paymentPromise.findFirst({ where: { customerId: actor.id }, orderBy: { grantedAt: 'desc' }, select: { grantedAt: true } }),
  ]);
  return {
    enabled: true,
    maxDays: rules.maxDays,
    availableAt: availableAt(last?.grantedAt ?? null, rules.coolDownDays, now),
    connections: connections.map((c) => ({ id: c.id, address: c.address, status: c.status, promiseUntil: c.promises[0]?.until ?? null })),
  };
}

/** portal.promise.request: the connection is enabled at once, with the promise, its history entry and the network's event. */
export async function requestPromise(caller: Caller<CustomerActor>, input: z.output<typeof ZPromiseRequest>, now = new Date()): Promise<z.output<typeof ZPromiseGranted>> {
  const { db, tenant, tenantId, actor } = caller;
  const rules = tenant.settings.promise;
  if (!rules.enabled) throw new AppError('FORBIDDEN', 'promiseDisabled');
  // Only the customer's own connection; another's is not found.
  const connection = await db.connection.findFirst({
    where: { id: input.connectionId, customerId: actor.id },
    select: { id: true, code: true, address: true, status: true, customer: { select: { id: true, code: true, name: true } } },
  });
  if (!connection) throw notFound();
  if (input.days > rules.maxDays) throw fieldError('days', 'validation.promiseTooLong', { max: rules.maxDays });
  if (connection.status !== 'BLOCKED') throw fieldError('connectionId', 'validation.promiseNotBlocked', undefined, 'CONFLICT');
  const until = new Date(now.getTime() + input.days * DAY_MS);
  return db.$transaction(async (tx) => {
    // The cool-down, read inside the transaction that writes the promise.
    const last = await tx.paymentPromise.findFirst({ where: { tenantId, customerId: actor.id }, orderBy: { grantedAt: 'desc' }, select: { grantedAt: true } });
    const again = availableAt(last?.grantedAt ?? null, rules.coolDownDays, now);
    if (again) throw new AppError('CONFLICT', 'promiseCoolDown', { date: dayIn(again, tenant.timeZone) });
    // One conditional update: of two requests at once, one enables the connection and the other is refused.
    const enabled = await tx.connection.updateMany({ where: { tenantId, id: connection.id, customerId: actor.id, status: 'BLOCKED' }, data: { status: 'ENABLED' } });
    if (enabled.count !== 1) throw fieldError('connectionId', 'validation.promiseNotBlocked', undefined, 'CONFLICT');
    const debt = await overdueDebt(tx, tenantId, actor.id, tenant.timeZone, now);
    const promise = await tx.paymentPromise.create({
      data: { tenantId, customerId: actor.id, connectionId: connection.id, days: input.days, overdueDebt: debt, grantedAt: now, until },
      select: { id: true, days: true, grantedAt: true, until: true, outcome: true },
    });
    await tx.connectionEvent.create({
      data: { tenantId, customerId: actor.id, connectionId: connection.id, kind: 'promise.granted', fromStatus: 'BLOCKED', toStatus: 'ENABLED', byCustomer: true, promiseId: promise.id, createdAt: now },
    });
    await tx.outboxEvent.create({
      data: {
        tenantId,
        type: PROMISE_EVENTS.granted,
        payload: promiseEventPayload({ type: PROMISE_EVENTS.granted, tenantId, customer: connection.customer, connection, from: 'BLOCKED', to: 'ENABLED', promise, at: now }),
      },
    });
    return { id: promise.id, connectionId: connection.id, until, status: 'ENABLED' as const };
  });
}

/** promises.forCustomer: each promise of the customer, newest first. */
export async function customerPromises({ db }: StaffCaller, customerId: string): Promise<z.output<typeof ZCustomerPromise>[]> {
  const customer = await db.customer.findUnique({ where: { id: customerId }, select: { id: true } });
  if (!customer) throw notFound();
  const rows = await db.paymentPromise.findMany({
    where: { customerId },
    orderBy: { grantedAt: 'desc' },
    take: 50,
    select: { id: true, connectionId: true, days: true, grantedAt: true, until: true, outcome: true, resolvedAt: true, overdueDebt: true, paidSince: true, connection: { select: { address: true } } },
  });
  return rows.map(({ connection, overdueDebt, paidSince, ...r }) => ({
    ...r,
    connectionAddress: connection.address,
    overdueDebt: Number(overdueDebt),
    paidSince: paidSince === null ? null : Number(paidSince),
  }));
}

/** promises.connectionHistory: the history of the customer's connections, newest first. */
export async function connectionHistory({ db }: StaffCaller, customerId: string): Promise<z.output<typeof ZConnectionHistoryEntry>[]> {
  const customer = await db.customer.findUnique({ where: { id: customerId }, select: { id: true } });
  if (!customer) throw notFound();
  const rows = await db.connectionEvent.findMany({
    where: { customerId },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: 100,
    select: {
      id: true, connectionId: true, kind: true, fromStatus: true, toStatus: true, byCustomer: true, promiseId: true, createdAt: true,
      actor: { select: { name: true } },
      connection: { select: { address: true } },
    },
  });
  const promiseIds = [...new Set(rows.map((r) => r.promiseId).filter((id): id is string => Boolean(id)))];
  const promises = promiseIds.length ? await db.paymentPromise.findMany({ where: { id: { in: promiseIds } }, select: { id: true, until: true } }) : [];
  const until = new Map(promises.map((p) => [p.id, p.until]));
  return rows.map((r) => ({
    id: r.id,
    connectionId: r.connectionId,
    connectionAddress: r.connection.address,
    kind: r.kind,
    fromStatus: r.fromStatus,
    toStatus: r.toStatus,
    actorName: r.actor?.name ?? null,
    byCustomer: r.byCustomer,
    promiseUntil: r.promiseId ? (until.get(r.promiseId) ?? null) : null,
    createdAt: r.createdAt,
  }));
}
