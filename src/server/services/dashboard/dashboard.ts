// C14: the help desk's dashboard. Without a search it reads the figures kept ahead by the database
// (TicketStat, TicketRatingStat: a few thousand rows for a year of a busy tenant, whatever its
// number of tickets); with the grid's search or advanced filters ("Actualizar dashboard al buscar")
// it counts the matching tickets themselves, grouped the same way. Both go through one arithmetic
// (src/lib/dashboard.ts `figuresOf`). Only the office sees it (dashboard.read): the tenant's totals
// are not a technician's to know.
import { z } from 'zod';
import { Prisma } from '@/generated/prisma/client';
import { dayIn } from '@/lib/format';
import { searchTokens } from '@/lib/text';
import { figuresOf, MAX_PERIOD_DAYS, monthOf, ZDashboardFigures, type StatRow } from '@/lib/dashboard';
import { activeFilterKeys, ZTicketFilters, type TicketFilters } from '@/lib/ticket-filters';
import type { TenantFragments } from '@/server/data/sql';
import type { StaffCaller } from '@/server/services/caller';
import { filterConditions } from '@/server/services/tickets/filters';

const ZDay = z.iso.date();

/** The period: the current month (the default), all time ("Histórico"), or a range of days, either end open. */
export const ZDashboardPeriod = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('month') }),
  z.object({ kind: z.literal('all') }),
  z
    .object({ kind: z.literal('range'), from: ZDay.optional(), to: ZDay.optional() })
    .refine((p) => !p.from || !p.to || p.from <= p.to, { path: ['to'], message: 'validation.dateRange' })
    .refine((p) => !p.from || !p.to || daysBetween(p.from, p.to) <= MAX_PERIOD_DAYS, { path: ['to'], message: 'validation.periodTooLong' }),
]);

export const ZDashboardInput = z.object({
  period: ZDashboardPeriod.default({ kind: 'month' }),
  /** "Actualizar dashboard al buscar": the grid's search and advanced filters (its opened dates are the period). */
  query: z.string().trim().max(100).optional(),
  filters: ZTicketFilters.optional(),
});
export type DashboardInput = z.output<typeof ZDashboardInput>;

const ZName = z.object({ id: z.uuid(), name: z.string() });
export const ZDashboard = z.object({
  /** The period read: its first and last days in the tenant's calendar (null: open). */
  period: z.object({ kind: z.enum(['month', 'all', 'range']), from: ZDay.nullable(), to: ZDay.nullable() }),
  /** Whether the figures follow a search (counted over the matching tickets) or are the tenant's. */
  searched: z.boolean(),
  figures: ZDashboardFigures,
  states: z.array(ZName),
  categories: z.array(ZName.extend({ color: z.string() })),
  assignees: z.array(ZName),
});

function daysBetween(from: string, to: string) {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export async function dashboard(caller: StaffCaller, input: DashboardInput) {
  const { sql, db, tenant } = caller;
  const now = new Date();
  const today = dayIn(now, tenant.timeZone);
  const period =
    input.period.kind === 'month' ? { kind: 'month' as const, ...monthOf(today) }
    : input.period.kind === 'all' ? { kind: 'all' as const, from: null, to: null }
    : { kind: 'range' as const, from: input.period.from ?? null, to: input.period.to ?? null };
  const tokens = input.query ? searchTokens(input.query) : [];
  const { openedFrom: _from, openedTo: _to, ...rest } = input.filters ?? ({} as TicketFilters);
  const searched = tokens.length > 0 || activeFilterKeys(rest).length > 0;

  // The tickets of the period that match the search, as conditions on `t` (the grid's own).
  const filter = filterConditions(caller.tenantId, tenant.timeZone, { ...rest, openedFrom: period.from ?? undefined, openedTo: period.to ?? undefined }, now).all;
  const matches = tokens.map((token) => Prisma.sql`t."searchText" LIKE ${`%${token}%`}`);
  const ticketConditions = (s: TenantFragments) => [Prisma.sql`t."tenantId" = ${s.tenant}`, s.visible('t'), ...filter, ...matches];
  const dayRange = (column: string) =>
    Prisma.sql`${period.from ? Prisma.sql`AND ${Prisma.raw(column)} >= ${period.from}::date` : Prisma.empty} ${period.to ? Prisma.sql`AND ${Prisma.raw(column)} <= ${period.to}::date` : Prisma.empty}`;

  const rowsOf = searched
    ? sql.rows<StatRow>((s) => Prisma.sql`
        SELECT t.stage, t."stateId", t."categoryId", t."assigneeId", t.complexity, antena_resolution_hours(t.stage, t."openedAt", t."finishedAt") AS "resolutionHours", count(*)::int AS n
        FROM "Ticket" t WHERE ${Prisma.join(ticketConditions(s), ' AND ')}
        GROUP BY 1, 2, 3, 4, 5, 6`)
    : sql.rows<StatRow>((s) => Prisma.sql`
        SELECT stage, "stateId", NULLIF("categoryId", antena_none()) AS "categoryId", NULLIF("assigneeId", antena_none()) AS "assigneeId",
               NULLIF(complexity, '') AS complexity, "resolutionHours", sum(n)::int AS n
        FROM "TicketStat" WHERE "tenantId" = ${s.tenant} ${dayRange('day')}
        GROUP BY 1, 2, 3, 4, 5, 6 HAVING sum(n) <> 0`);
  // Overdue is a question of the moment (a due date passes without any write), so it is counted:
  // the pending tickets due before now, one range of Ticket(tenantId, stage, dueAt).
  const overdueOf = sql.rows<{ n: number }>((s) => Prisma.sql`
    SELECT count(*)::int AS n FROM "Ticket" t
    WHERE ${Prisma.join(ticketConditions(s), ' AND ')} AND t.stage = 'PENDING'::"LifecycleStage" AND t."dueAt" < ${now}::timestamp`);
  const ratingsOf = searched
    ? sql.rows<{ rating: number; n: number }>((s) => Prisma.sql`
        SELECT r.rating, count(*)::int AS n FROM "TicketRating" r JOIN "Ticket" t ON t."tenantId" = r."tenantId" AND t.id = r."ticketId"
        WHERE r."tenantId" = ${s.tenant} AND ${Prisma.join(ticketConditions(s), ' AND ')}
        GROUP BY 1`)
    : sql.rows<{ rating: number; n: number }>((s) => Prisma.sql`
        SELECT rating, sum(n)::int AS n FROM "TicketRatingStat" WHERE "tenantId" = ${s.tenant} ${dayRange('day')} GROUP BY 1`);
  const [raw, [overdue], ratings] = await Promise.all([rowsOf, overdueOf, ratingsOf]);
  const figures = figuresOf(raw, overdue?.n ?? 0, ratings);

  // The names of what the figures mention (archived ones too: old tickets keep them).
  const [states, categories, assignees] = await Promise.all([
    db.ticketState.findMany({ where: { id: { in: figures.byState.map((s) => s.stateId) } }, select: { id: true, name: true } }),
    db.ticketCategory.findMany({ where: { id: { in: figures.byCategory.flatMap((c) => (c.categoryId ? [c.categoryId] : [])) } }, select: { id: true, name: true, color: true } }),
    db.user.findMany({ where: { id: { in: figures.byAssignee.map((a) => a.assigneeId) } }, select: { id: true, name: true } }),
  ]);
  return { period: { kind: period.kind, from: period.from, to: period.to }, searched, figures, states, categories, assignees };
}
