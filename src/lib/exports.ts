// C15: what an export is, shared by the grids (the browser) and the server. Pure: no database.
import { z } from 'zod';
import { dayIn } from './format';

export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
export const EXPORT_KINDS = ['tickets', 'customers', 'messages'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

/** The ticket grid's columns an export may hold (the grid's column ids; `price` follows `billable` for billing.read). */
export const TICKET_EXPORT_COLUMNS = ['number', 'title', 'customer', 'assignee', 'priority', 'complexity', 'billable', 'due', 'visit', 'category', 'state', 'company', 'comments', 'files', 'callNumber', 'opened', 'closed', 'intervention', 'kilometres', 'productsTotal', 'collected', 'lastStatus', 'rating', 'equipment', 'workStatus'] as const;
export type TicketExportColumn = (typeof TICKET_EXPORT_COLUMNS)[number];

/** `columns=number,title,…` in a query string: known ids only, in the grid's order, none twice. */
export const ZColumnList = <T extends string>(known: readonly T[]) =>
  z
    .string()
    .max(1000)
    .transform((s) => s.split(',').filter(Boolean))
    .pipe(z.array(z.enum(known as unknown as [T, ...T[]])).min(1).max(known.length))
    .transform((ids) => known.filter((id) => ids.includes(id)));

/**
 * A spreadsheet would run a cell that starts with = + - @ (or a tab or carriage return before one)
 * as a formula — "CSV injection". Text from users is data: such a cell gets a leading apostrophe,
 * which Excel and LibreOffice show as text and do not run (OWASP's advice).
 */
export function neutraliseCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/**
 * The CSV separator for a locale: where the decimal separator is a comma (es-AR, it-IT, es-ES…),
 * Excel splits on ";" — a comma would cut every amount in two. Asked to Intl, not kept by hand.
 */
export function csvDelimiter(intl: string): ';' | ',' {
  return decimalSign(intl) === ',' ? ';' : ',';
}

/** The locale's decimal sign, asked to Intl: "," for es-AR and it-IT, "." for en-US. */
export function decimalSign(intl: string): string {
  return new Intl.NumberFormat(intl).formatToParts(1.5).find((p) => p.type === 'decimal')?.value ?? '.';
}

/** The locale's order of day, month and year as an Excel number format: dd/mm/yyyy, mm/dd/yyyy, yyyy-mm-dd… */
export function excelDateFormat(intl: string): string {
  const parts = new Intl.DateTimeFormat(intl, { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: 'UTC' }).formatToParts(new Date(Date.UTC(2026, 10, 23)));
  return parts.map((p) => (p.type === 'day' ? 'dd' : p.type === 'month' ? 'mm' : p.type === 'year' ? 'yyyy' : p.value)).join('');
}

/** A file's name for the day, e.g. tickets-2026-12-06.csv (the tenant's day). */
export function exportFileName(kind: ExportKind, format: ExportFormat, timeZone: string, now = new Date()): string {
  return `${kind}-${dayIn(now, timeZone)}.${format}`;
}
