// A5: the invoice's PDF when the ISP sent none — drawn by Antena from the invoice as imported: the
// ISP, the customer, the dates, the amounts, the payments that settled it, and a line saying it was
// made from the billing data (Antena is not the tax document's issuer). Every value is written as
// text (pdfkit's text runs: nothing in a name is read as markup or as PDF syntax), in the tenant's
// language, money and calendar. pdfkit's standard fonts cover Latin-1 (Spanish, Italian); a character
// beyond it is written as "?".
import 'server-only';
import { drawable, startPdf } from '@/server/files/pdf';
import { formatDay, formatMoney } from '@/lib/format';
import type { Locale } from '@/lib/format';
import { formatTaxId } from '@/lib/tax-id';
import type { TaxIdType } from '@/generated/prisma/client';
import { translator } from '@/i18n/catalog';

export type InvoiceDocument = {
  tenant: { name: string; locale: Locale; intl: string; currency: string };
  customer: { name: string; code: string; taxIdType: TaxIdType | null; taxId: string | null; address: string | null };
  invoice: { number: string; type: string; issuedOn: string; dueOn: string; period: string | null; total: number; balance: number; status: string };
  payments: { paidOn: string; method: string; amount: number }[];
};

export function renderInvoicePdf(doc: InvoiceDocument): Promise<Uint8Array<ArrayBuffer>> {
  const t = translator(doc.tenant.locale, 'invoicePdf');
  const status = translator(doc.tenant.locale, 'billing.status');
  const money = (n: number) => formatMoney(n, doc.tenant.currency, doc.tenant.intl);
  const day = (d: string) => formatDay(d, doc.tenant.intl);
  const { invoice: i, customer: c } = doc;
  const title = t('title', { type: i.type, number: i.number });

  const { pdf, done } = startPdf({ title, author: doc.tenant.name });

  const line = (label: string, value: string) => {
    pdf.font('Helvetica-Bold').fontSize(10).text(drawable(`${label}: `), { continued: true }).font('Helvetica').text(drawable(value));
  };

  pdf.font('Helvetica-Bold').fontSize(18).text(drawable(doc.tenant.name));
  pdf.moveDown(0.3).font('Helvetica').fontSize(14).text(drawable(title));
  pdf.moveDown();

  pdf.font('Helvetica-Bold').fontSize(11).text(drawable(t('customer')));
  line(t('name'), c.name);
  line(t('code'), c.code);
  if (c.taxId) line(t('taxId'), formatTaxId(c.taxIdType, c.taxId));
  if (c.address) line(t('address'), c.address);
  pdf.moveDown();

  line(t('issuedOn'), day(i.issuedOn));
  line(t('dueOn'), day(i.dueOn));
  if (i.period) line(t('period'), i.period);
  line(t('status'), status(i.status));
  pdf.moveDown();
  pdf.font('Helvetica-Bold').fontSize(13).text(drawable(`${t('total')}: ${money(i.total)}`));
  pdf.font('Helvetica').fontSize(11).text(drawable(`${t('balance')}: ${money(i.balance)}`));
  pdf.moveDown();

  pdf.font('Helvetica-Bold').fontSize(11).text(drawable(t('payments')));
  pdf.font('Helvetica').fontSize(10);
  if (doc.payments.length) for (const p of doc.payments) pdf.text(drawable(`${day(p.paidOn)} · ${p.method} · ${money(p.amount)}`));
  else pdf.text(drawable(t('noPayments')));
  pdf.moveDown(2);
  pdf.fontSize(8).fillColor('#555555').text(drawable(t('note', { tenant: doc.tenant.name })));
  pdf.end();
  return done;
}
