// A5: the demo seed's billing — monthly invoices, most paid, and customer 1006 (blocked connection)
// with three months of overdue debt, as the statement reads them.
import { describe, expect, it } from 'vitest';
import { dayIn } from '@/lib/format';
import { scopedDb } from '@/server/data/scoped';
import { seedDemoBilling } from '@/server/seed/demo-billing';
import { createConnection, createCustomer, createTenant, staffOfEveryRole } from '../factories';

describe('demo billing', () => {
  it('gives every demo customer twelve monthly invoices, and 1006 three overdue ones', async () => {
    const tenant = await createTenant();
    const staff = await staffOfEveryRole(tenant);
    const [maria, blocked, paid] = await Promise.all(['1001', '1006', '1010'].map((code) => createCustomer(tenant, { code })));
    for (const c of [maria!, blocked!, paid!]) await createConnection(tenant, c.id);
    const now = new Date();
    // This month's invoice (due the 10th) is overdue too once the 10th has passed.
    const thisMonthLate = Number(dayIn(now, tenant.timeZone).slice(8)) > 10;
    expect(await seedDemoBilling(tenant.id, tenant.timeZone, now)).toBe(36);
    expect(await seedDemoBilling(tenant.id, tenant.timeZone, now)).toBe(0);
    const db = scopedDb(tenant.id);
    expect(await db.invoice.count()).toBe(36);
    const owing = await staff.OPERATOR.billing.customer({ customerId: blocked!.id });
    expect(owing.invoices).toHaveLength(12);
    expect(owing.overdueInvoices).toBe(thisMonthLate ? 4 : 3);
    // Four unpaid months of the same price; the current one is not late before its due day.
    expect(owing.overdueDebt).toBe(thisMonthLate ? owing.debt : (owing.debt * 3) / 4);
    expect(owing.debt).toBeGreaterThan(0);
    expect(owing.entries.at(-1)!.balance).toBe(owing.debt);
    const upToDate = await staff.OPERATOR.billing.customer({ customerId: paid!.id });
    // Paid a few days after issue: this month's payment may still be ahead.
    expect(upToDate.overdueDebt).toBe(0);
    expect(upToDate.debt).toBe(upToDate.balance);
    expect(upToDate.payments.length).toBeGreaterThanOrEqual(11);
    expect(upToDate.payments[0]!.settles).toHaveLength(1);
  });
});
