// A5/C6: what the billing procedures answer — exactly what a role holding billing.read receives.
import { z } from 'zod';

const ZDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
export const INVOICE_STATUSES = ['UNPAID', 'PARTIAL', 'PAID', 'VOID'] as const;

export const ZStatementEntry = z.object({
  kind: z.enum(['invoice', 'payment']),
  id: z.uuid(),
  date: ZDay,
  /** The invoice's number; null for a payment. */
  number: z.string().nullable(),
  dueOn: ZDay.nullable(),
  debit: z.number(),
  credit: z.number(),
  /** The running balance after this entry: positive, the customer owes. */
  balance: z.number(),
});

export const ZInvoiceItem = z.object({
  id: z.uuid(),
  number: z.string(),
  type: z.string(),
  issuedOn: ZDay,
  dueOn: ZDay,
  period: z.string().nullable(),
  total: z.number(),
  balance: z.number(),
  status: z.enum(INVOICE_STATUSES),
  /** Still owed and past its due day, in the tenant's calendar. */
  overdue: z.boolean(),
  /** The ISP sent its own PDF; without one, /api/invoices/[id]/pdf serves one Antena draws from the invoice. */
  hasPdf: z.boolean(),
});

export const ZPaymentItem = z.object({
  id: z.uuid(),
  paidOn: ZDay,
  amount: z.number(),
  method: z.string(),
  reference: z.string().nullable(),
  /** The invoices it settled, by number, with the part of the payment each took. */
  settles: z.array(z.object({ number: z.string(), amount: z.number() })),
});

/** A customer's account statement (cuenta corriente), invoices and payments. */
export const ZCustomerBilling = z.object({
  customerId: z.uuid(),
  currency: z.string(),
  /** The tenant's today, the day overdue is measured against. */
  today: ZDay,
  balance: z.number(),
  debt: z.number(),
  overdueDebt: z.number(),
  overdueInvoices: z.number().int(),
  nextDueOn: ZDay.nullable(),
  /** Oldest first, with the running balance. */
  entries: z.array(ZStatementEntry),
  /** Newest first. */
  invoices: z.array(ZInvoiceItem),
  /** Newest first. */
  payments: z.array(ZPaymentItem),
});
export type CustomerBilling = z.infer<typeof ZCustomerBilling>;

export const ZCustomerBillingInput = z.object({ customerId: z.uuid() });
