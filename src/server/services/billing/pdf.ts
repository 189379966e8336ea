// A5: invoices' PDFs — attached from a zip by file name, or drawn by Antena when the ISP sent none —
// read for a caller holding billing.read (the route /api/invoices/[id]/pdf checks it through the
// procedure ladder) or for the invoice's own customer (/api/portal/invoices/[id]/pdf). Another
// tenant's or customer's invoice is not found.
import 'server-only';
import { notFound } from '@/server/errors';
import { uuidv7 } from '@/lib/ids';
import { fileStore, type StorageKind } from '@/server/files/storage';
import { ZipError, zipEntries, type ZipEntry } from '@/server/files/zip';
import { logger } from '@/server/logger';
import type { Caller, StaffCaller } from '@/server/services/caller';
import { intlLocale, isLocale, type Locale } from '@/lib/format';
import { toUnits, unitsToNumber } from '@/lib/money';
import { renderInvoicePdf } from './invoice-document';

/**
 * An invoice's PDF: the ISP's own when it sent one, else one Antena draws from the invoice's data
 * (invoice-document.ts). `customerId` limits it to that customer's own (the portal's download).
 */
export async function openInvoicePdf({ db, tenant }: Caller, id: string, customerId?: string): Promise<{ body: ReadableStream<Uint8Array> | Uint8Array<ArrayBuffer>; name: string; mime: string; size: number | null }> {
  const invoice = await db.invoice.findFirst({
    where: { id, ...(customerId ? { customerId } : {}) },
    select: {
      number: true, type: true, issuedOn: true, dueOn: true, period: true, total: true, balance: true, status: true,
      pdfName: true, pdfStorage: true, pdfKey: true, pdfSize: true,
      customer: { select: { name: true, code: true, taxIdType: true, taxId: true, address: true } },
      allocations: { select: { amount: true, payment: { select: { paidOn: true, method: true } } } },
    },
  });
  if (!invoice) throw notFound();
  if (invoice.pdfKey && invoice.pdfStorage) {
    const body = await fileStore(invoice.pdfStorage).read(invoice.pdfKey);
    if (body) return { body, name: invoice.pdfName ?? `${invoice.number}.pdf`, mime: 'application/pdf', size: invoice.pdfSize };
    logger.error({ invoiceId: id }, 'an invoice PDF is missing from storage: drawing one instead');
  }
  const day = (d: Date) => d.toISOString().slice(0, 10);
  const locale: Locale = isLocale(tenant.locale) ? tenant.locale : 'es';
  const bytes = await renderInvoicePdf({
    tenant: { name: tenant.name, locale, intl: intlLocale(locale, tenant.country), currency: tenant.currency },
    customer: invoice.customer,
    invoice: {
      number: invoice.number, type: invoice.type, issuedOn: day(invoice.issuedOn), dueOn: day(invoice.dueOn), period: invoice.period,
      total: unitsToNumber(toUnits(invoice.total)), balance: unitsToNumber(toUnits(invoice.balance)), status: invoice.status,
    },
    payments: invoice.allocations
      .map((a) => ({ paidOn: day(a.payment.paidOn), method: a.payment.method, amount: unitsToNumber(toUnits(a.amount)) }))
      .sort((x, y) => x.paidOn.localeCompare(y.paidOn)),
  });
  return { body: bytes, name: `${invoice.number}.pdf`, mime: 'application/pdf', size: bytes.byteLength };
}

export type PdfAttachReport = {
  ok: boolean;
  /** Invoices that got their PDF (none when there was any problem). */
  attached: { file: string; number: string }[];
  problems: { file: string | null; message: string }[];
};

export const PDF_LIMITS = { entries: 20_000, entryBytes: 20 * 1024 * 1024 } as const;

/** "facturas/0001-00000042.PDF" → "0001-00000042"; null for what is not a PDF by name (or macOS's litter). */
export function invoiceNumberOf(entryName: string): string | null {
  const base = entryName.split(/[\\/]/).pop() ?? '';
  if (!base || base.startsWith('.') || entryName.startsWith('__MACOSX/')) return null;
  const match = /^(.+)\.pdf$/i.exec(base);
  return match ? match[1]!.trim() : null;
}

const isPdf = (bytes: Uint8Array) => bytes.length >= 5 && String.fromCharCode(...bytes.subarray(0, 5)) === '%PDF-';

/**
 * A5: attaches the PDFs in a zip to the tenant's invoices, each by its file name (the invoice's
 * number, `.pdf`). All or nothing: an entry that names no invoice, is not a PDF, is too large, or a
 * number twice, and nothing is attached. A PDF replaces the invoice's previous one.
 */
export async function attachInvoicePdfs(caller: StaffCaller, zip: Uint8Array, t: (key: string, params?: Record<string, string | number>) => string): Promise<PdfAttachReport> {
  const problems: PdfAttachReport['problems'] = [];
  let entries: ZipEntry[];
  try {
    entries = zipEntries(zip, PDF_LIMITS.entryBytes);
  } catch (error) {
    if (!(error instanceof ZipError)) throw error;
    return { ok: false, attached: [], problems: [{ file: null, message: t(`zip.${error.key}`) }] };
  }
  if (entries.length > PDF_LIMITS.entries) return { ok: false, attached: [], problems: [{ file: null, message: t('zip.tooMany', { max: PDF_LIMITS.entries }) }] };
  const wanted: { entry: ZipEntry; number: string }[] = [];
  const seen = new Map<string, string>();
  for (const entry of entries) {
    const number = invoiceNumberOf(entry.name);
    if (number === null) {
      if (!entry.name.startsWith('__MACOSX/') && !(entry.name.split('/').pop() ?? '').startsWith('.')) problems.push({ file: entry.name, message: t('zip.notPdfName') });
      continue;
    }
    const first = seen.get(number);
    if (first) problems.push({ file: entry.name, message: t('zip.twice', { number, file: first }) });
    else seen.set(number, entry.name);
    wanted.push({ entry, number });
  }
  const invoices = new Map<string, { id: string; pdfStorage: string | null; pdfKey: string | null }>();
  const numbers = [...seen.keys()];
  for (let i = 0; i < numbers.length; i += 5_000) {
    for (const row of await caller.db.invoice.findMany({ where: { number: { in: numbers.slice(i, i + 5_000) } }, select: { id: true, number: true, pdfStorage: true, pdfKey: true } })) invoices.set(row.number, row);
  }
  for (const { entry, number } of wanted) {
    if (!invoices.has(number)) {
      problems.push({ file: entry.name, message: t('zip.unknownInvoice', { number }) });
      continue;
    }
    try {
      if (!isPdf(entry.read())) problems.push({ file: entry.name, message: t('zip.notPdf') });
    } catch (error) {
      if (!(error instanceof ZipError)) throw error;
      problems.push({ file: entry.name, message: t(error.key === 'tooLarge' ? 'zip.entryTooLarge' : `zip.${error.key}`, { max: PDF_LIMITS.entryBytes / 1024 / 1024 }) });
    }
  }
  if (!wanted.length && !problems.length) problems.push({ file: null, message: t('zip.empty') });
  if (problems.length) return { ok: false, attached: [], problems };

  // Bytes first, rows after in one transaction: a failure leaves unreachable bytes, never an invoice without its PDF.
  const store = fileStore();
  const updates: { id: string; name: string; key: string; size: number; old: { storage: string; key: string } | null }[] = [];
  for (const { entry, number } of wanted) {
    const invoice = invoices.get(number)!;
    const name = entry.name.split(/[\\/]/).pop()!;
    const bytes = entry.read();
    const key = await store.put(`${caller.tenantId}/${uuidv7()}`, bytes, { name, mime: 'application/pdf' });
    updates.push({ id: invoice.id, name, key, size: bytes.byteLength, old: invoice.pdfKey && invoice.pdfStorage ? { storage: invoice.pdfStorage, key: invoice.pdfKey } : null });
  }
  await caller.db.$transaction(updates.map((u) => caller.db.invoice.update({ where: { id: u.id }, data: { pdfName: u.name, pdfStorage: store.kind, pdfKey: u.key, pdfSize: u.size } })));
  for (const u of updates) {
    if (u.old) await fileStore(u.old.storage as StorageKind).remove([u.old.key]).catch((err) => logger.error({ err, invoiceId: u.id }, 'could not remove a replaced invoice PDF'));
  }
  return { ok: true, attached: wanted.map(({ entry, number }) => ({ file: entry.name, number })), problems: [] };
}
