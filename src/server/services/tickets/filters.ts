// C3 advanced search on the server: the grid's filters as SQL conditions on a ticket row `t` of
// the caller's tenant, the tabs a filter can match at all, and the tabs' counts under a filter.
//
// What answers each filter at 10⁶ tickets (EXPLAIN, README "Benchmarks"): a common value is found
// by walking the tab newest first (the grid's own index) and stops at the page; a rare one by its
// index — connection fields through Ticket(tenantId, connectionId, stage, number), ticket fields
// through one GIN index over them, an opened-date range through Ticket(tenantId, stage, openedAt).
// The planner picks by the statistics; no filter reads a whole tab to find a few tickets.
import { Prisma } from '@/generated/prisma/client';
import { LIFECYCLE_STAGES, type TicketFilters } from '@/lib/ticket-filters';
import type { ScopedDb } from '@/server/data/scoped';
import type { StaffCaller } from '@/server/services/caller';

type Stage = (typeof LIFECYCLE_STAGES)[number];

/**
 * With filters, a tab counts its matches up to this many and then says "500+": an exact count of
 * a common value would read every match (a node's tens of thousands of tickets), and past a few
 * hundred the number tells the operator nothing more.
 */
export const FILTERED_COUNT_CAP = 100;

/** A filter as SQL: conditions on the ticket row `t`, and on its connection `k` (if any). */
export type FilterSql = { ticket: Prisma.Sql[]; connection: Prisma.Sql[]; all: Prisma.Sql[] };

/**
 * The conditions, ANDed with the tab's. Every id is compared within the caller's tenant (the
 * ticket's own tenantId, and the connection's), so another tenant's id simply matches nothing.
 */
export function filterConditions(tenantId: string, timeZone: string, f: TicketFilters | undefined, now = new Date()): FilterSql {
  const ticket: Prisma.Sql[] = [];
  const connection: Prisma.Sql[] = [];
  if (f?.areaId) ticket.push(Prisma.sql`t."areaId" = ${f.areaId}::uuid`);
  if (f?.categoryId) ticket.push(Prisma.sql`t."categoryId" = ${f.categoryId}::uuid`);
  if (f?.priorityId) ticket.push(Prisma.sql`t."priorityId" = ${f.priorityId}::uuid`);
  if (f?.stateId) ticket.push(Prisma.sql`t."stateId" = ${f.stateId}::uuid`);
  if (f?.assigneeId === 'unassigned') ticket.push(Prisma.sql`t."assigneeId" IS NULL`);
  else if (f?.assigneeId) ticket.push(Prisma.sql`t."assigneeId" = ${f.assigneeId}::uuid`);
  if (f?.complexity) ticket.push(Prisma.sql`t.complexity = ${f.complexity}::"Complexity"`);
  if (f?.billable !== undefined) ticket.push(Prisma.sql`t.billable = ${f.billable}`);
  if (f?.overdue) ticket.push(Prisma.sql`t.stage = 'PENDING'::"LifecycleStage" AND t."dueAt" < ${now}::timestamp`);
  if (f?.pqrs) ticket.push(Prisma.sql`t.pqrs = ${f.pqrs}::"PqrsType"`);
  if (f?.channel) ticket.push(Prisma.sql`t.channel = ${f.channel}::"TicketChannel"`);
  // G3: no index of its own — within its tab a status is common enough to be found walking it newest first.
  if (f?.workStatus) ticket.push(Prisma.sql`t."workStatus" = ${f.workStatus}::"WorkStatus"`);
  // G2: a company's tickets through Ticket(tenantId, companyId, stage, number); the ISP's own ones walking the tab.
  if (f?.companyId === 'own') ticket.push(Prisma.sql`t."companyId" IS NULL`);
  else if (f?.companyId) ticket.push(Prisma.sql`t."companyId" = ${f.companyId}::uuid`);
  // The tenant's days: from its midnight starting openedFrom to its midnight ending openedTo
  // (instants are stored in UTC).
  if (f?.openedFrom) ticket.push(Prisma.sql`t."openedAt" >= ((${f.openedFrom}::date)::timestamp AT TIME ZONE ${timeZone}) AT TIME ZONE 'UTC'`);
  if (f?.openedTo) ticket.push(Prisma.sql`t."openedAt" < ((${f.openedTo}::date + 1)::timestamp AT TIME ZONE ${timeZone}) AT TIME ZONE 'UTC'`);
  if (f?.nodeId) connection.push(Prisma.sql`k."nodeId" = ${f.nodeId}::uuid`);
  if (f?.planId) connection.push(Prisma.sql`k."planId" = ${f.planId}::uuid`);
  if (f?.localityId) connection.push(Prisma.sql`k."localityId" = ${f.localityId}::uuid`);
  if (f?.connectionStatus) connection.push(Prisma.sql`k.status = ${f.connectionStatus}::"ConnectionStatus"`);
  // The connection's fields: one semi-join on the tenant's connections (by the ticket's
  // connectionId), so the planner may read a node's connections and then their tickets, or walk
  // the tab when the node has most of them.
  const all = connection.length
    ? [...ticket, Prisma.sql`t."connectionId" IN (SELECT k.id FROM "Connection" k WHERE k."tenantId" = ${tenantId}::uuid AND ${Prisma.join(connection, ' AND ')})`]
    : ticket;
  return { ticket, connection, all };
}

/**
 * The tabs a filter can match at all: a state belongs to one stage, overdue tickets are pending.
 * Asked once, so a state of another tab never makes the grid read this tab to find nothing (the
 * planner cannot know that a state and a stage exclude each other). An unknown state — or another
 * tenant's — matches no tab.
 */
export async function filterStages(db: ScopedDb, f: TicketFilters | undefined): Promise<Stage[]> {
  let stages: Stage[] = [...LIFECYCLE_STAGES];
  if (f?.overdue) stages = ['PENDING'];
  // G3: a finished or closed ticket is COMPLETED, a pending one never is (src/lib/work-status.ts).
  if (f?.workStatus) stages = stages.filter((s) => (f.workStatus === 'COMPLETED' ? s !== 'PENDING' : s === 'PENDING'));
  if (f?.stateId) {
    const state = await db.ticketState.findUnique({ where: { id: f.stateId }, select: { stage: true } });
    stages = state ? stages.filter((s) => s === state.stage) : [];
  }
  return stages;
}

/**
 * The tabs' counts under a filter, each read up to FILTERED_COUNT_CAP + 1 tickets.
 *
 * With a connection field, the count starts from the matching connections and reads each one's
 * tickets of the tab in Ticket(tenantId, connectionId, stage, …): a few hundred index probes,
 * where walking the tab would look up the connection of every ticket it passes (120 ms for a
 * node with 2.5 % of the tickets). Otherwise the tab is read in the page's own order — without
 * an order the planner may scan the table from its oldest rows to find the newest tab's tickets.
 */
export async function filteredCounts({ db, sql }: Pick<StaffCaller, 'db' | 'sql'>, stages: Stage[], f: FilterSql, order: Prisma.Sql): Promise<Record<Stage, number>> {
  const counts: Record<Stage, number> = { PENDING: 0, FINISHED: 0, CLOSED: 0 };
  if (!stages.length) return counts;
  const limit = FILTERED_COUNT_CAP + 1;
  const rows = await sql.query<{ stage: Stage; n: number }[]>(db, (s) => {
    const tab = (stage: Stage) => {
      // The tab of the tickets the caller may see.
      const ticketWhere = Prisma.join([Prisma.sql`t."tenantId" = ${s.tenant}`, Prisma.sql`t.stage = ${stage}::"LifecycleStage"`, s.visible('t'), ...f.ticket], ' AND ');
      const matches = f.connection.length
        ? Prisma.sql`SELECT 1 FROM "Connection" k
                     CROSS JOIN LATERAL (SELECT 1 FROM "Ticket" t WHERE ${ticketWhere} AND t."connectionId" = k.id LIMIT ${limit}) m
                     WHERE k."tenantId" = ${s.tenant} AND ${Prisma.join(f.connection, ' AND ')}`
        : Prisma.sql`SELECT 1 FROM "Ticket" t WHERE ${ticketWhere} ORDER BY ${order}`;
      return Prisma.sql`(SELECT count(*)::int FROM (${matches} LIMIT ${limit}) x)`;
    };
    return Prisma.join(
      stages.map((stage) => Prisma.sql`SELECT ${stage}::text AS stage, ${tab(stage)} AS n`),
      ' UNION ALL ',
    );
  });
  for (const row of rows) counts[row.stage] = row.n;
  return counts;
}
