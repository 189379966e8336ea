// F4/F10: the customer's invoices in the portal and app — the list (search is the page's), one
// invoice with the payments that settled it, the account statement when the tenant allows it
// ("Permitir ver cuenta corriente"), and the PDF when it allows downloads ("Permitir descargar FX").
// Every function reads the signed-in customer's own rows only: another customer's invoice is
// NOT_FOUND, and a switch that is off is refused here, not only hidden by the page.
import { z } from 'zod';
import { toUnits, unitsToNumber } from '@/lib/money';
import { AppError, notFound } from '@/server/errors';
import type { Caller, CustomerActor } from '@/server/services/caller';
import { ZInvoiceItem, ZStatementEntry } from '@/server/services/billing/schemas';
import { customerBilling } from '@/server/services/billing/statement';
import { isOverdue } from '@/server/services/billing/statement-math';
import { dayIn } from '@/lib/format';

type CustomerCaller = Caller<CustomerActor>;

const ZDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** An invoice as the office lists it, but for the ISP's-own-PDF flag: here, whether the customer may open its PDF. */
const ZPortalInvoiceItem = ZInvoiceItem.omit({ hasPdf: true }).extend({
  /** Its PDF can be opened (the tenant allows downloads; Antena draws one when the ISP sent none). */
  pdf: z.boolean(),
});

/** What the customer receives: their invoices, and the statement only when the tenant shows it. */
export const ZPortalInvoices = z.object({
  currency: z.string(),
  today: ZDay,
  allowDownload: z.boolean(),
  /** Null when the tenant does not show the account statement. */
  statement: z
    .object({
      balance: z.number(),
      debt: z.number(),
      overdueDebt: z.number(),
      overdueInvoices: z.number().int(),
      nextDueOn: ZDay.nullable(),
      /** Oldest first, with the running balance. */
      entries: z.array(ZStatementEntry),
    })
    .nullable(),
  /** Newest first. */
  invoices: z.array(ZPortalInvoiceItem),
});

export const ZPortalInvoice = ZPortalInvoiceItem.extend({
  currency: z.string(),
  /** The payments that settled (part of) it, oldest first, with the part each took. */
  payments: z.array(z.object({ paidOn: ZDay, method: z.string(), amount: z.number() })),
});

export const ZPortalInvoiceId = z.object({ id: z.uuid() }).strict();

/** F10: my invoices, and my statement when the tenant shows it. */
export async function myInvoices(caller: CustomerCaller, now = new Date()): Promise<z.output<typeof ZPortalInvoices>> {
  const { showStatement, allowDownload } = caller.tenant.settings.portalInvoices;
  const billing = await customerBilling(caller, caller.actor.id, now);
  return {
    currency: billing.currency,
    today: billing.today,
    allowDownload,
    statement: showStatement
      ? { balance: billing.balance, debt: billing.debt, overdueDebt: billing.overdueDebt, overdueInvoices: billing.overdueInvoices, nextDueOn: billing.nextDueOn, entries: billing.entries }
      : null,
    invoices: billing.invoices.map(({ hasPdf: _ispPdf, ...invoice }) => ({ ...invoice, pdf: allowDownload })),
  };
}

/** F10 "Ver": one of my invoices with the payments that settled it. */
export async function myInvoice(caller: CustomerCaller, id: string, now = new Date()): Promise<z.output<typeof ZPortalInvoice>> {
  const { db, actor, tenant } = caller;
  const invoice = await db.invoice.findFirst({
    where: { id, customerId: actor.id },
    select: {
      id: true,
      number: true,
      type: true,
      issuedOn: true,
      dueOn: true,
      period: true,
      total: true,
      balance: true,
      status: true,
      allocations: { select: { amount: true, payment: { select: { paidOn: true, method: true } } } },
    },
  });
  if (!invoice) throw notFound();
  const day = (d: Date) => d.toISOString().slice(0, 10);
  const shaped = { status: invoice.status, balance: toUnits(invoice.balance), dueOn: day(invoice.dueOn) };
  return {
    id: invoice.id,
    number: invoice.number,
    type: invoice.type,
    issuedOn: day(invoice.issuedOn),
    dueOn: shaped.dueOn,
    period: invoice.period,
    total: unitsToNumber(toUnits(invoice.total)),
    balance: unitsToNumber(shaped.balance),
    status: invoice.status,
    overdue: isOverdue(shaped, dayIn(now, tenant.timeZone)),
    pdf: tenant.settings.portalInvoices.allowDownload,
    currency: tenant.currency,
    payments: invoice.allocations
      .map((a) => ({ paidOn: day(a.payment.paidOn), method: a.payment.method, amount: unitsToNumber(toUnits(a.amount)) }))
      .sort((a, b) => a.paidOn.localeCompare(b.paidOn)),
  };
}

/** The PDF route's check: the tenant allows downloads (else FORBIDDEN, translated); the invoice is the caller's (openInvoicePdf). */
export function assertDownloadsAllowed(caller: CustomerCaller): void {
  if (!caller.tenant.settings.portalInvoices.allowDownload) throw new AppError('FORBIDDEN', 'portalDownloadOff');
}
