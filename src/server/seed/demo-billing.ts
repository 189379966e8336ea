// A5: the demo ISP's billing, as its billing system would have sent it: twelve monthly invoices per
// demo customer (their plan's price, issued on the 1st, due on the 10th), most paid a few days after
// issue, some not. Customer 1006 — whose connection is blocked — owes the three months before this
// one, overdue (the portal's payment promise will use it); every 7th customer owes this month's; the
// demo portal customer (1001) owes this month's too. Relative to `now`, in the tenant's calendar.
import { dayIn } from '@/lib/format';
import { scopedDb } from '@/server/data/scoped';

export const DEMO_BILLING = { months: 12, overdueCustomer: '1006' };

const METHODS = ['Transferencia', 'Efectivo', 'Mercado Pago', 'Débito automático'];

function monthStart(year: number, month: number, day = 1): string {
  const d = new Date(Date.UTC(year, month, day));
  return d.toISOString().slice(0, 10);
}

/** Adds the demo invoices and payments unless the tenant has invoices already. Returns how many invoices it wrote. */
export async function seedDemoBilling(tenantId: string, timeZone: string, now = new Date()): Promise<number> {
  const db = scopedDb(tenantId);
  if (await db.invoice.count()) return 0;
  const customers = await db.customer.findMany({
    where: { code: { gte: '1001', lte: '1040' } },
    orderBy: { code: 'asc' },
    select: { id: true, code: true, connections: { select: { plan: { select: { price: true } } }, take: 1 } },
  });
  const [year, month] = dayIn(now, timeZone).split('-').map(Number) as [number, number];
  const invoices: { id: string; tenantId: string; customerId: string; number: string; type: string; issuedOn: Date; dueOn: Date; period: string; total: number; balance: number; status: 'UNPAID' | 'PAID' }[] = [];
  const payments: { id: string; tenantId: string; customerId: string; paidOn: Date; amount: number; method: string; reference: string }[] = [];
  const allocations: { tenantId: string; customerId: string; paymentId: string; invoiceId: string; amount: number }[] = [];
  let seq = 1;
  for (const [i, customer] of customers.entries()) {
    const price = Number(customer.connections[0]?.plan?.price ?? 15000);
    for (let k = DEMO_BILLING.months - 1; k >= 0; k -= 1) {
      const issuedOn = monthStart(year, month - 1 - k);
      const dueOn = monthStart(year, month - 1 - k, 10);
      const current = k === 0;
      const unpaid = customer.code === DEMO_BILLING.overdueCustomer ? k <= 3 : current && (customer.code === '1001' || i % 7 === 3);
      const id = crypto.randomUUID();
      invoices.push({
        id, tenantId, customerId: customer.id, number: `0001-${String(seq++).padStart(8, '0')}`, type: 'B',
        issuedOn: new Date(issuedOn), dueOn: new Date(dueOn), period: issuedOn.slice(0, 7), total: price, balance: unpaid ? price : 0, status: unpaid ? 'UNPAID' : 'PAID',
      });
      if (unpaid) continue;
      const paymentId = crypto.randomUUID();
      payments.push({
        id: paymentId, tenantId, customerId: customer.id, paidOn: new Date(monthStart(year, month - 1 - k, 3 + ((i + k) % 6))), amount: price,
        method: METHODS[(i + k) % METHODS.length]!, reference: `PAGO-${customer.code}-${issuedOn.slice(0, 7)}`,
      });
      allocations.push({ tenantId, customerId: customer.id, paymentId, invoiceId: id, amount: price });
    }
  }
  // A payment of this month's invoice that has not happened yet is not recorded: drop payments dated after today.
  const today = new Date(dayIn(now, timeZone));
  const future = new Set(payments.filter((p) => p.paidOn > today).map((p) => p.id));
  for (const a of allocations) {
    if (!future.has(a.paymentId)) continue;
    const invoice = invoices.find((x) => x.id === a.invoiceId)!;
    invoice.balance = invoice.total;
    invoice.status = 'UNPAID';
  }
  await db.$transaction([
    db.invoice.createMany({ data: invoices }),
    db.payment.createMany({ data: payments.filter((p) => !future.has(p.id)) }),
    db.paymentAllocation.createMany({ data: allocations.filter((a) => !future.has(a.paymentId)) }),
  ]);
  return invoices.length;
}
