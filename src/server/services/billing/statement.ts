// A5/C6: one customer's account statement as the office sees it (billing.read). Two indexed reads
// ("Invoice" and "Payment" by tenant, customer and day) and the arithmetic of statement-math.ts.
import { dayIn } from '@/lib/format';
import { toUnits, unitsToNumber } from '@/lib/money';
import { Prisma } from '@/generated/prisma/client';
import { notFound } from '@/server/errors';
import type { Caller } from '@/server/services/caller';
import type { CustomerBilling } from './schemas';
import { isOverdue, statementEntries, statementTotals, type StatementInvoice, type StatementPayment } from './statement-math';

type InvoiceRow = { id: string; number: string; type: string; issuedOn: string; dueOn: string; period: string | null; total: string; balance: string; status: StatementInvoice['status']; hasPdf: boolean };
type PaymentRow = { id: string; paidOn: string; amount: string; method: string; reference: string | null; settles: { number: string; amount: string }[] };

export async function customerBilling(caller: Caller, customerId: string, now = new Date()): Promise<CustomerBilling> {
  // Three statements through the pool at once, without Prisma's relation queries (a payment's
  // allocations and their invoices' numbers come aggregated in its row): the statement is read on
  // every customer page and ticket tab, and a customer may have ten years of months.
  const [customer, invoiceRows, paymentRows] = await Promise.all([
    caller.sql.rows<{ id: string }>((s) => Prisma.sql`SELECT c.id::text AS id FROM "Customer" c WHERE c."tenantId" = ${s.tenant} AND c.id = ${customerId}::uuid`),
    caller.sql.rows<InvoiceRow>((s) => Prisma.sql`
      SELECT i.id::text AS id, i.number, i.type, i."issuedOn"::text AS "issuedOn", i."dueOn"::text AS "dueOn", i.period,
        i.total::text AS total, i.balance::text AS balance, i.status::text AS status, (i."pdfKey" IS NOT NULL) AS "hasPdf"
      FROM "Invoice" i WHERE i."tenantId" = ${s.tenant} AND i."customerId" = ${customerId}::uuid
      ORDER BY i."issuedOn", i.id`),
    caller.sql.rows<PaymentRow>((s) => Prisma.sql`
      SELECT p.id::text AS id, p."paidOn"::text AS "paidOn", p.amount::text AS amount, p.method, p.reference,
        COALESCE((
          SELECT json_agg(json_build_object('number', i.number, 'amount', a.amount::text) ORDER BY i.number)
          FROM "PaymentAllocation" a JOIN "Invoice" i ON i."tenantId" = a."tenantId" AND i.id = a."invoiceId"
          WHERE a."tenantId" = ${s.tenant} AND a."paymentId" = p.id
        ), '[]'::json) AS settles
      FROM "Payment" p WHERE p."tenantId" = ${s.tenant} AND p."customerId" = ${customerId}::uuid
      ORDER BY p."paidOn", p.id`),
  ]);
  if (!customer.length) throw notFound();
  const today = dayIn(now, caller.tenant.timeZone);
  const invoices = invoiceRows.map((i) => ({ ...i, total: toUnits(i.total), balance: toUnits(i.balance) }));
  const payments: StatementPayment[] = paymentRows.map((p) => ({ id: p.id, paidOn: p.paidOn, amount: toUnits(p.amount) }));
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
        paidOn: p.paidOn,
        amount: unitsToNumber(toUnits(p.amount)),
        method: p.method,
        reference: p.reference,
        settles: p.settles.map((a) => ({ number: a.number, amount: unitsToNumber(toUnits(a.amount)) })),
      }))
      .reverse(),
  };
}
