// A5: an invoice's PDF, read for a caller holding billing.read (the route /api/invoices/[id]/pdf
// checks it through the procedure ladder). Another tenant's invoice, or one without a PDF, is not found.
import 'server-only';
import { notFound } from '@/server/errors';
import { fileStore } from '@/server/files/storage';
import type { StaffCaller } from '@/server/services/caller';

export async function openInvoicePdf({ db }: StaffCaller, id: string) {
  const invoice = await db.invoice.findUnique({ where: { id }, select: { number: true, pdfName: true, pdfStorage: true, pdfKey: true, pdfSize: true } });
  if (!invoice?.pdfKey || !invoice.pdfStorage) throw notFound();
  const body = await fileStore(invoice.pdfStorage).read(invoice.pdfKey);
  if (!body) throw notFound();
  return { body, name: invoice.pdfName ?? `${invoice.number}.pdf`, mime: 'application/pdf', size: invoice.pdfSize };
}
