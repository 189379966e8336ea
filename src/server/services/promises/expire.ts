// F3: the promise job. A promise whose time is up is settled once: kept when the customer's payments
// since the promise's day cover the overdue debt it was asked with (the connection stays enabled), or
// broken — the connection is blocked again (if it is still enabled: an operator's later change wins).
// Each outcome is written in one transaction with its history entry and the network's outbox event.
// Installation-wide (like the sign-up cleanup); several workers may run it: a promise is claimed by one
// conditional update, so it is settled once. `now` is an argument so tests move time instead of sleeping.
import { db } from '@/server/db';
import { scopedDb } from '@/server/data/scoped';
import { PROMISE_EVENTS, paidSince, promiseEventPayload } from './promises';

export type ExpiryResult = { kept: number; broken: number };

/** Settles every running promise whose `until` is at or before `now` (up to `limit` per call). */
export async function expirePromises(now = new Date(), limit = 500): Promise<ExpiryResult> {
  const due = await db().paymentPromise.findMany({
    where: { outcome: 'PENDING', until: { lte: now } },
    orderBy: { until: 'asc' },
    take: limit,
    select: { id: true, tenantId: true, tenant: { select: { timeZone: true } } },
  });
  const result: ExpiryResult = { kept: 0, broken: 0 };
  for (const { id, tenantId, tenant } of due) {
    const outcome = await settle(tenantId, id, tenant.timeZone, now);
    if (outcome) result[outcome === 'KEPT' ? 'kept' : 'broken'] += 1;
  }
  return result;
}

async function settle(tenantId: string, id: string, timeZone: string, now: Date): Promise<'KEPT' | 'BROKEN' | null> {
  return scopedDb(tenantId).$transaction(async (tx) => {
    const promise = await tx.paymentPromise.findFirst({
      where: { tenantId, id, outcome: 'PENDING' },
      select: {
        id: true, customerId: true, connectionId: true, days: true, grantedAt: true, until: true, overdueDebt: true,
        customer: { select: { id: true, code: true, name: true } },
        connection: { select: { id: true, code: true, address: true, status: true } },
      },
    });
    if (!promise) return null;
    const paid = await paidSince(tx, tenantId, promise.customerId, timeZone, promise.grantedAt);
    const outcome = paid.greaterThanOrEqualTo(promise.overdueDebt) ? 'KEPT' : 'BROKEN';
    // Claimed here: another worker settling it at the same time updates nothing and gives up.
    const claimed = await tx.paymentPromise.updateMany({ where: { tenantId, id, outcome: 'PENDING' }, data: { outcome, resolvedAt: now, paidSince: paid } });
    if (claimed.count !== 1) return null;
    const from = promise.connection.status;
    let to = from;
    if (outcome === 'BROKEN') {
      const blocked = await tx.connection.updateMany({ where: { tenantId, id: promise.connectionId, status: 'ENABLED' }, data: { status: 'BLOCKED' } });
      if (blocked.count === 1) to = 'BLOCKED';
    }
    await tx.connectionEvent.create({
      data: {
        tenantId, customerId: promise.customerId, connectionId: promise.connectionId,
        kind: outcome === 'KEPT' ? 'promise.kept' : 'promise.broken',
        fromStatus: from, toStatus: to, promiseId: promise.id, createdAt: now,
      },
    });
    const type = outcome === 'KEPT' ? PROMISE_EVENTS.kept : PROMISE_EVENTS.broken;
    await tx.outboxEvent.create({
      data: {
        tenantId,
        type,
        payload: promiseEventPayload({ type, tenantId, customer: promise.customer, connection: promise.connection, from, to, promise: { ...promise, outcome }, at: now }),
      },
    });
    return outcome;
  });
}
