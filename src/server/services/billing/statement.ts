// A5/C6: one customer's account statement as the office sees it (billing.read). Two indexed reads
// ("Invoice" and "Payment" by tenant, customer and day) and the arithmetic of statement-math.ts.
// (No `server-only` marker: the production server's bundle reaches this through the router.)
import { dayIn } from '@/lib/format';
import { toUnits, unitsToNumber } from '@/lib/money';
import { notFound } from '@/server/errors';
import type { Caller } from '@/server/services/caller';
import type { CustomerBilling } from './schemas';
import { isOverdue, statementEntries, statementTotals, type StatementInvoice, type StatementPayment } from './statement-math';

/** A @db.Date as the calendar day it stores. */
export function dayOf(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export async function customerBilling(caller: Caller, customerId: string, now = new Date()): Promise<CustomerBilling> {
  const { db } = caller;
  const customer = await db.customer.findUnique({ where: { id: customerId }, select: { id: true } });
  if (!customer) throw notFound();
  const [invoiceRows, paymentRows] = await Promise.all([
    db.invoice.findMany({
      where: { customerId },
      orderBy: [{ issuedOn: 'asc' }, { id: 'asc' }],
      select: { id: true, number: true, type: true, issuedOn: true, dueOn: true, period: true, total: true, balance: true, status: true, pdfKey: true },
    }),
    db.payment.findMany({
      where: { customerId },
      orderBy: [{ paidOn: 'asc' }, { id: 'asc' }],
      select: { id: true, paidOn: true, amount: true, method: true, reference: true, allocations: { select: { amount: true, invoice: { select: { number: true } } } } },
    }),
  ]);
  const today = dayIn(now, caller.tenant.timeZone);
  const invoices: (StatementInvoice & { type: string; period: string | null; hasPdf: boolean })[] = invoiceRows.map((i) => ({
    id: i.id,
    number: i.number,
    type: i.type,
    issuedOn: dayOf(i.issuedOn),
    dueOn: dayOf(i.dueOn),
    period: i.period,
    total: toUnits(i.total),
    balance: toUnits(i.balance),
    status: i.status,
    hasPdf: i.pdfKey !== null,
  }));
  const payments: StatementPayment[] = paymentRows.map((p) => ({ id: p.id, paidOn: dayOf(p.paidOn), amount: toUnits(p.amount) }));
  const totals = statementTotals(invoices, payments, today);
  return {
    customerId,
    currency: caller.tenant.currency,
    today,
    balance: unitsToNumber(totals.balance),
    debt: unitsToNumber(totals.debt),
    overdueDebt: unitsToNumber(totals.overdueDebt),
    overdueInvoices: totals.overdueInvoices,
    nextDueOn: totals.nextDueOn,
    entries: statementEntries(invoices, payments).map((e) => ({ ...e, debit: unitsToNumber(e.debit), credit: unitsToNumber(e.credit), balance: unitsToNumber(e.balance) })),
    invoices: invoices
      .map((i) => ({
        id: i.id,
        number: i.number,
        type: i.type,
        issuedOn: i.issuedOn,
        dueOn: i.dueOn,
        period: i.period,
        total: unitsToNumber(i.total),
        balance: unitsToNumber(i.balance),
        status: i.status,
        overdue: isOverdue(i, today),
        hasPdf: i.hasPdf,
      }))
      .reverse(),
    payments: paymentRows
      .map((p) => ({
        id: p.id,
        paidOn: dayOf(p.paidOn),
        amount: unitsToNumber(toUnits(p.amount)),
        method: p.method,
        reference: p.reference,
        settles: p.allocations.map((a) => ({ number: a.invoice.number, amount: unitsToNumber(toUnits(a.amount)) })).sort((a, b) => a.number.localeCompare(b.number)),
      }))
      .reverse(),
  };
}
