// F3: the demo ISP allows payment promises (4 days, as the seed's example; again after 30 days) and
// has a few from the past: customer 1006 (blocked today, with three overdue months) kept one five
// months ago — so it may ask again now; 1019 broke one last month and was blocked again; 1003 kept
// one three weeks ago. Each with its connection's history. Unless the tenant has promises already.
import { Prisma } from '@/generated/prisma/client';
import { scopedDb } from '@/server/data/scoped';
import { forgetTenantCache } from '@/server/services/tenants/resolve';

const DAY = 86_400_000;

const PAST = [
  { code: '1006', daysAgo: 150, days: 4, outcome: 'KEPT' as const, debt: 1, paid: 1 },
  { code: '1019', daysAgo: 40, days: 4, outcome: 'BROKEN' as const, debt: 1, paid: 0 },
  { code: '1003', daysAgo: 21, days: 3, outcome: 'KEPT' as const, debt: 1, paid: 1 },
];

export async function seedDemoPromises(tenantId: string, now = new Date()): Promise<number> {
  const db = scopedDb(tenantId);
  if (await db.paymentPromise.count()) return 0;
  const tenant = await db.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { settings: true } });
  const settings = { ...((tenant.settings ?? {}) as Record<string, unknown>), promise: { enabled: true, maxDays: 4, coolDownDays: 30 } };
  let written = 0;
  await db.$transaction(async (tx) => {
    await tx.tenant.update({ where: { id: tenantId }, data: { settings } });
    for (const p of PAST) {
      const customer = await tx.customer.findFirst({
        where: { tenantId, code: p.code },
        select: { id: true, connections: { take: 1, orderBy: { createdAt: 'asc' }, select: { id: true, plan: { select: { price: true } } } } },
      });
      const connection = customer?.connections[0];
      if (!customer || !connection) continue;
      const price = new Prisma.Decimal(connection.plan?.price ?? 15000);
      const grantedAt = new Date(now.getTime() - p.daysAgo * DAY);
      const until = new Date(grantedAt.getTime() + p.days * DAY);
      const promise = await tx.paymentPromise.create({
        data: {
          tenantId, customerId: customer.id, connectionId: connection.id, days: p.days, grantedAt, until,
          overdueDebt: price.mul(p.debt), outcome: p.outcome, resolvedAt: until, paidSince: price.mul(p.paid),
        },
        select: { id: true },
      });
      const base = { tenantId, customerId: customer.id, connectionId: connection.id, promiseId: promise.id };
      await tx.connectionEvent.createMany({
        data: [
          { ...base, kind: 'promise.granted', fromStatus: 'BLOCKED', toStatus: 'ENABLED', byCustomer: true, createdAt: grantedAt },
          p.outcome === 'KEPT'
            ? { ...base, kind: 'promise.kept', fromStatus: 'ENABLED', toStatus: 'ENABLED', createdAt: until }
            : { ...base, kind: 'promise.broken', fromStatus: 'ENABLED', toStatus: 'BLOCKED', createdAt: until },
        ],
      });
      written += 1;
    }
  });
  forgetTenantCache();
  return written;
}
