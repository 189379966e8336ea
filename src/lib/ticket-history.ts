// C12/C11: one entry of a ticket's history as a person reads it — the same sentence in the ticket
// view and in its PDF. Translations come from the caller (next-intl's hook in the browser, the
// catalog's translator on the server): namespaces ticketView, tickets, common and enums.
import { formatDate } from '@/lib/format';

type Translate = (key: string, params?: Record<string, string | number>) => string;
export type HistoryWords = { tv: Translate & { has: (key: string) => boolean }; t: Translate; common: Translate; enums: Translate; intl: string; timeZone: string };
export type HistoryLine = { kind: string; field: string | null; oldValue: string | null; newValue: string | null };

/** A history value as the user reads it: translated enums, local dates, yes / no. */
export function historyValue(field: string | null, raw: string | null, { t, common, enums, intl, timeZone }: HistoryWords): string {
  if (raw === null) return '—';
  // G3: the work status's codes (TO_ASSIGN, ASSIGNED, COMPLETED, EXPIRED).
  if (field === 'workStatus') return enums(`workStatus.${raw}`);
  if (field === 'complexity') return t(`complexity.${raw}`);
  if (field === 'pqrs') return t(`pqrs.${raw}`);
  if (field === 'dueAt') return formatDate(raw, intl, timeZone);
  if (field === 'billable') return raw === 'true' ? common('yes') : common('no');
  if (field === 'visit') return raw.replace(/^(\d{4})-(\d{2})-(\d{2})/, (_, y, m, d) => formatDate(`${y}-${m}-${d}T12:00:00Z`, intl, 'UTC'));
  return raw;
}

/** What an entry says: "Creó el ticket.", "Estado: «Nuevo» → «En curso»", "Adjuntó «foto.jpg»." */
export function historyText(h: HistoryLine, words: HistoryWords): string {
  const { tv } = words;
  if (h.kind === 'created') return tv('historyCreated');
  if (h.kind === 'comment' || h.kind === 'note') return tv(h.kind === 'comment' ? 'historyComment' : 'historyNote');
  // G2: a partner company renounced the ticket (its name, then its reason), or took it over.
  if (h.kind === 'renounced') return tv('historyRenounced', { company: h.oldValue ?? '—', reason: h.newValue ?? '' });
  if (h.field === 'companyAcceptedAt') return tv('historyTakenOver', { company: h.newValue ?? '—' });
  if (h.kind === 'file') return tv(h.field === 'fileRemoved' ? 'historyFileRemoved' : 'historyFile', { name: (h.field === 'fileRemoved' ? h.oldValue : h.newValue) ?? '' });
  return tv('historyField', { field: tv.has(`field.${h.field}`) ? tv(`field.${h.field}`) : (h.field ?? ''), from: historyValue(h.field, h.oldValue, words), to: historyValue(h.field, h.newValue, words) });
}
