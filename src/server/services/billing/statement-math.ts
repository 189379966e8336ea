// A5: the account statement's arithmetic (cuenta corriente), with no database: every invoice and
// payment in date order with the running balance, the debt, the overdue debt and the next due day.
// Days are "YYYY-MM-DD" strings (the tenant's calendar), amounts exact integers (src/lib/money.ts).
// Unit-tested, with a property test, in tests/unit/billing-statement.test.ts.
import type { Units } from '@/lib/money';

export type InvoiceStatus = 'UNPAID' | 'PARTIAL' | 'PAID' | 'VOID';

export type StatementInvoice = { id: string; number: string; issuedOn: string; dueOn: string; total: Units; balance: Units; status: InvoiceStatus };
export type StatementPayment = { id: string; paidOn: string; amount: Units };

export type StatementEntry =
  | { kind: 'invoice'; id: string; date: string; number: string; dueOn: string; debit: Units; credit: 0n; balance: Units }
  | { kind: 'payment'; id: string; date: string; number: null; dueOn: null; debit: 0n; credit: Units; balance: Units };

export type StatementTotals = {
  /** What every invoice and payment add up to: positive, the customer owes; negative, a credit in favour. */
  balance: Units;
  /** The balances still owed on invoices (annulled ones do not count). */
  debt: Units;
  /** Of the debt, the invoices whose due day is before `today`. */
  overdueDebt: Units;
  /** The earliest due day, today or later, of an invoice still owed; null if none. */
  nextDueOn: string | null;
  /** The invoices counted in `overdueDebt`. */
  overdueInvoices: number;
};

/** An invoice still owes something. */
export function owes(invoice: Pick<StatementInvoice, 'status' | 'balance'>): boolean {
  return invoice.status !== 'VOID' && invoice.balance > 0n;
}

/** An invoice is overdue on `today` when it still owes and its due day has passed (the due day itself is not late). */
export function isOverdue(invoice: Pick<StatementInvoice, 'status' | 'balance' | 'dueOn'>, today: string): boolean {
  return owes(invoice) && invoice.dueOn < today;
}

/**
 * The entries in date order (on one day, invoices before payments; then by id, which is the order
 * they were recorded in), each with the balance after it. Annulled invoices are not entries.
 */
export function statementEntries(invoices: readonly StatementInvoice[], payments: readonly StatementPayment[]): StatementEntry[] {
  type Draft = { kind: 'invoice' | 'payment'; id: string; date: string; sort: number; invoice?: StatementInvoice; payment?: StatementPayment };
  const drafts: Draft[] = [
    ...invoices.filter((i) => i.status !== 'VOID').map((invoice): Draft => ({ kind: 'invoice', id: invoice.id, date: invoice.issuedOn, sort: 0, invoice })),
    ...payments.map((payment): Draft => ({ kind: 'payment', id: payment.id, date: payment.paidOn, sort: 1, payment })),
  ];
  drafts.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.sort - b.sort || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)));
  let balance = 0n;
  return drafts.map((d): StatementEntry => {
    if (d.invoice) {
      balance += d.invoice.total;
      return { kind: 'invoice', id: d.id, date: d.date, number: d.invoice.number, dueOn: d.invoice.dueOn, debit: d.invoice.total, credit: 0n, balance };
    }
    balance -= d.payment!.amount;
    return { kind: 'payment', id: d.id, date: d.date, number: null, dueOn: null, debit: 0n, credit: d.payment!.amount, balance };
  });
}

export function statementTotals(invoices: readonly StatementInvoice[], payments: readonly StatementPayment[], today: string): StatementTotals {
  let balance = 0n;
  let debt = 0n;
  let overdueDebt = 0n;
  let overdueInvoices = 0;
  let nextDueOn: string | null = null;
  for (const invoice of invoices) {
    if (invoice.status === 'VOID') continue;
    balance += invoice.total;
    if (!owes(invoice)) continue;
    debt += invoice.balance;
    if (isOverdue(invoice, today)) {
      overdueDebt += invoice.balance;
      overdueInvoices += 1;
    } else if (nextDueOn === null || invoice.dueOn < nextDueOn) nextDueOn = invoice.dueOn;
  }
  for (const payment of payments) balance -= payment.amount;
  return { balance, debt, overdueDebt, nextDueOn, overdueInvoices };
}

/** What an invoice's status is once its balance is `balance` (an annulled one stays annulled). */
export function statusFor(total: Units, balance: Units, current?: InvoiceStatus): InvoiceStatus {
  if (current === 'VOID') return 'VOID';
  if (balance <= 0n) return 'PAID';
  return balance < total ? 'PARTIAL' : 'UNPAID';
}

export type OpenInvoice = { id: string; number: string; customerId: string; dueOn: string; issuedOn: string; total: Units; balance: Units; status: InvoiceStatus };
export type Allocation = { invoice: OpenInvoice; amount: Units };

/**
 * How a payment of `amount` settles invoices: first the invoices it names, in the order named, each
 * up to what it still owes; what is left goes to the customer's other invoices that still owe,
 * oldest due first (then oldest issued). What is still left is a credit in the customer's favour.
 * Mutates the invoices' balances and statuses (the caller keeps them across rows).
 */
export function allocatePayment(amount: Units, named: readonly OpenInvoice[], others: readonly OpenInvoice[]): { allocations: Allocation[]; left: Units } {
  const allocations: Allocation[] = [];
  let left = amount;
  const take = (invoice: OpenInvoice) => {
    if (left <= 0n || !owes(invoice)) return;
    const part = invoice.balance < left ? invoice.balance : left;
    invoice.balance -= part;
    invoice.status = statusFor(invoice.total, invoice.balance, invoice.status);
    left -= part;
    const existing = allocations.find((a) => a.invoice === invoice);
    if (existing) existing.amount += part;
    else allocations.push({ invoice, amount: part });
  };
  for (const invoice of named) take(invoice);
  const rest = others.filter((i) => !named.includes(i)).sort((a, b) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : a.issuedOn < b.issuedOn ? -1 : a.issuedOn > b.issuedOn ? 1 : a.id < b.id ? -1 : 1));
  for (const invoice of rest) take(invoice);
  return { allocations, left };
}
