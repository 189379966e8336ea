// C15: a message log (e-mail, SMS or push) as a file — all of the channel, or the log's filters and
// search — read newest first in pages by (createdAt, id) through the tenant's scoped SQL.
import { z } from 'zod';
import { Prisma } from '@/generated/prisma/client';
import { translator } from '@/i18n/catalog';
import { MESSAGE_CHANNELS, ZMessageFilters } from '@/lib/message-filters';
import type { StaffCaller } from '@/server/services/caller';
import { messageConditions } from '@/server/services/messages/messages';
import { pagedFill, type SheetColumn } from './sheet';
import { PAGE_ROWS } from './tickets';

export const ZMessageExport = ZMessageFilters.extend({
  channel: z.enum(MESSAGE_CHANNELS),
  scope: z.enum(['all', 'filtered']).default('filtered'),
  query: z.string().trim().max(100).optional(),
}).refine((i) => !i.from || !i.to || i.from <= i.to, { path: ['to'], message: 'validation.dateRange' });
export type MessageExport = z.output<typeof ZMessageExport>;

type Row = { id: string; at: Date; createdAt: Date; channel: string; kind: 'AUTOMATIC' | 'MANUAL'; status: 'SENT' | 'NOT_SENT' | 'FAILED' | 'PENDING'; recipient: string; subject: string | null; text: string; customer: string | null; ticket: number | null; attempts: number; sentAt: Date | null };

const conditionsOf = (caller: StaffCaller, input: MessageExport) => messageConditions(caller, input.scope === 'all' ? { channel: input.channel } : input);

export async function countMessageExport(caller: StaffCaller, input: MessageExport, cap: number): Promise<number> {
  const where = await conditionsOf(caller, input);
  const [row] = await caller.sql.rows<{ n: number }>((s) => Prisma.sql`SELECT count(*)::int AS n FROM (SELECT 1 FROM "Message" m WHERE ${Prisma.join([Prisma.sql`m."tenantId" = ${s.tenant}`, ...where], ' AND ')} LIMIT ${cap + 1}) x`);
  return row?.n ?? 0;
}

export async function messageExport(caller: StaffCaller, input: MessageExport, onPage?: (rows: number) => Promise<void>) {
  const t = translator(caller.locale, 'messageLog');
  const columns: (SheetColumn & { value: (r: Row) => string | number | Date | null })[] = [
    { header: t('columns.date'), type: 'datetime', value: (r) => r.createdAt },
    { header: t('columns.kind'), type: 'text', value: (r) => t(`kind.${r.kind}`) },
    { header: t('columns.status'), type: 'text', value: (r) => t(`status.${r.status}`) },
    { header: t('columns.recipient'), type: 'text', width: 30, value: (r) => r.recipient },
    { header: t('columns.customer'), type: 'text', width: 30, value: (r) => r.customer },
    ...(input.channel === 'EMAIL' ? [{ header: t('columns.subject'), type: 'text' as const, width: 40, value: (r: Row) => r.subject }] : [{ header: t('columns.text'), type: 'text' as const, width: 60, value: (r: Row) => r.text }]),
    { header: t('columns.ticket'), type: 'int', value: (r) => r.ticket },
    { header: translator(caller.locale, 'exports')('columns.attempts'), type: 'int', value: (r) => r.attempts },
    { header: t('sentAt'), type: 'datetime', value: (r) => r.sentAt },
  ];
  const where = await conditionsOf(caller, input);
  const tz = caller.tenant.timeZone;
  const page = (after: { at: Date; id: string } | null) =>
    caller.sql.rows<Row>((s) => Prisma.sql`
      SELECT m.id, m."createdAt" AS at, (m."createdAt" AT TIME ZONE 'UTC') AT TIME ZONE ${tz} AS "createdAt", m.channel, m.kind, m.status, m.recipient, m.subject,
             ${input.channel === 'EMAIL' ? Prisma.sql`''` : Prisma.sql`m.text`} AS text, c.name AS customer, tk.number AS ticket, m.attempts,
             (m."sentAt" AT TIME ZONE 'UTC') AT TIME ZONE ${tz} AS "sentAt"
      FROM (SELECT * FROM "Message" m WHERE ${Prisma.join([Prisma.sql`m."tenantId" = ${s.tenant}`, ...where, ...(after ? [Prisma.sql`(m."createdAt", m.id) < (${after.at}::timestamp, ${after.id}::uuid)`] : [])], ' AND ')}
            ORDER BY m."createdAt" DESC, m.id DESC LIMIT ${PAGE_ROWS}) m
      LEFT JOIN "Customer" c ON c."tenantId" = m."tenantId" AND c.id = m."customerId"
      LEFT JOIN "Ticket" tk ON tk."tenantId" = m."tenantId" AND tk.id = m."ticketId" AND ${s.visible('tk')}
      ORDER BY m."createdAt" DESC, m.id DESC`);
  const fill = pagedFill(page, (r) => ({ at: r.at, id: r.id }), (r) => columns.map((c) => c.value(r)), PAGE_ROWS, onPage);
  return { columns: columns.map(({ header, type, width }) => ({ header, type, width })), fill };
}
