// C15: the ticket grid as a file — the tab, or the tab with the grid's search and advanced filters —
// with the columns the user sees (billing's price only for billing.read), through the caller's
// scoped SQL, so a technician exports only the tickets they may see. CSV is one COPY whose cells
// PostgreSQL lays out (sheet.ts csvCopy); XLSX reads pages of PAGE_ROWS by number (keyset: each page
// one index range, whatever the size of the export) and writes typed cells.
import { WORK_STATUSES, type WorkStatus } from '@/lib/work-status';
import { z } from 'zod';
import { Prisma } from '@/generated/prisma/client';
import { translator } from '@/i18n/catalog';
import { csvDelimiter, neutraliseCell, TICKET_EXPORT_COLUMNS, type TicketExportColumn, ZColumnList } from '@/lib/exports';
import { SCHEDULE_STATUSES } from '@/lib/scheduling';
import { can } from '@/lib/permissions';
import { searchTokens } from '@/lib/text';
import { LIFECYCLE_STAGES, ZTicketFilters } from '@/lib/ticket-filters';
import type { TenantFragments } from '@/server/data/sql';
import type { StaffCaller } from '@/server/services/caller';
import { visibleTo } from '@/server/services/tickets/files';
import { filterConditions, filterStages } from '@/server/services/tickets/filters';
import { equipmentLabel } from '@/lib/equipment';
import { tenantIntl } from '@/lib/format';
import { csvCopy, localText, pagedFill, type Cell, type SheetColumn, type SheetSink } from './sheet';

/** Rows per database read: big enough that a read costs little per row, small enough to hold. */
export const PAGE_ROWS = 2000;

export const ZTicketExport = z.object({
  tab: z.enum(LIFECYCLE_STAGES).default('PENDING'),
  /** `all`: every ticket of the tab; `filtered`: the grid's search and advanced filters too. */
  scope: z.enum(['all', 'filtered']).default('filtered'),
  query: z.string().trim().max(100).optional(),
  filters: ZTicketFilters.optional(),
  columns: ZColumnList(TICKET_EXPORT_COLUMNS),
});
export type TicketExport = z.output<typeof ZTicketExport>;

type Row = {
  number: number;
  title: string;
  customerName: string | null;
  customerCode: string | null;
  assigneeId: string | null;
  priorityId: string | null;
  categoryId: string | null;
  companyId: string | null;
  stateId: string;
  complexity: 'HIGH' | 'MEDIUM' | 'LOW' | null;
  billable: boolean;
  price: string | null;
  cost: string | null;
  callNumber: string | null;
  productsTotal: string;
  collectedAmount: string | null;
  closedAt: string | null;
  dueAt: string | null;
  visitStart: string | null;
  visitEnd: string | null;
  scheduleStatus: (typeof SCHEDULE_STATUSES)[number];
  kilometres: string | null;
  workStatus: WorkStatus;
  commentCount: number | null;
  fileCount: number | null;
  openedAt: string;
  statusChangedAt: string;
  rating: number | null;
  equipmentBrand: string | null;
  equipmentModel: string | null;
  equipmentSerial: string | null;
};

/**
 * A column of the file: its heading, kind and value — from a page's row (`value`, for XLSX) and as SQL
 * over the ticket `t` and the relations of COPY_JOINS (`sql`, for CSV made by COPY; instants as the
 * UTC timestamps the table holds). A `label` column's SQL is already the cell: Antena's own words,
 * neutralised when the statement is built rather than per row. One grid column may give two
 * (customer and code, visit's start and end).
 */
type Out = SheetColumn & { value: (r: Row) => Cell; sql: Prisma.Sql; label?: true };

/** The names rows point to by id — the tenant's states, priorities, categories, staff and companies: a few hundred rows, read once per export. */
type Names = Record<'state' | 'priority' | 'category' | 'user' | 'company', Map<string, string>>;

async function namesOf({ db }: StaffCaller): Promise<Names> {
  const select = { id: true, name: true } as const;
  const [state, priority, category, user, company] = await Promise.all([
    db.ticketState.findMany({ select }),
    db.ticketPriority.findMany({ select }),
    db.ticketCategory.findMany({ select }),
    db.user.findMany({ select }),
    db.company.findMany({ select }),
  ]);
  const map = (rows: { id: string; name: string }[]) => new Map(rows.map((r) => [r.id, r.name]));
  return { state: map(state), priority: map(priority), category: map(category), user: map(user), company: map(company) };
}

/** An enum column's labels as a CSV cell: CASE over its values, each label neutralised (and inlined by COPY). */
function labelSql(column: Prisma.Sql, labels: Record<string, string>): Prisma.Sql {
  return Prisma.sql`(CASE ${column}::text ${Prisma.join(Object.entries(labels).map(([k, v]) => Prisma.sql`WHEN ${k} THEN ${neutraliseCell(v)}`), ' ')} END)`;
}

/** equipmentLabel in SQL: "brand model · S/N serial", null without equipment. */
const EQUIPMENT_SQL = Prisma.sql`(CASE WHEN eq.brand <> '' THEN concat_ws(' · ', nullif(btrim(eq.brand || ' ' || coalesce(eq.model, '')), ''), CASE WHEN eq.serial <> '' THEN 'S/N ' || eq.serial END) END)`;

/** Relations COPY joins for some columns, by the alias the columns' `sql` uses. */
const COPY_JOINS = {
  c: Prisma.sql`LEFT JOIN "Customer" c ON c."tenantId" = t."tenantId" AND c.id = t."customerId"`,
  eq: Prisma.sql`LEFT JOIN "CustomerEquipment" eq ON eq."tenantId" = t."tenantId" AND eq.id = t."equipmentId"`,
  tr: Prisma.sql`LEFT JOIN "TicketRating" tr ON tr."tenantId" = t."tenantId" AND tr."ticketId" = t.id`,
  u: Prisma.sql`LEFT JOIN "User" u ON u."tenantId" = t."tenantId" AND u.id = t."assigneeId"`,
  p: Prisma.sql`LEFT JOIN "TicketPriority" p ON p."tenantId" = t."tenantId" AND p.id = t."priorityId"`,
  cat: Prisma.sql`LEFT JOIN "TicketCategory" cat ON cat."tenantId" = t."tenantId" AND cat.id = t."categoryId"`,
  co: Prisma.sql`LEFT JOIN "Company" co ON co."tenantId" = t."tenantId" AND co.id = t."companyId"`,
  s: Prisma.sql`LEFT JOIN "TicketState" s ON s."tenantId" = t."tenantId" AND s.id = t."stateId"`,
};
type CopyJoin = keyof typeof COPY_JOINS;
/** The joins each grid column's `sql` needs. */
const COLUMN_JOINS: Partial<Record<TicketExportColumn, CopyJoin[]>> = {
  customer: ['c'],
  assignee: ['u'],
  priority: ['p'],
  category: ['cat'],
  company: ['co'],
  state: ['s'],
  rating: ['tr'],
  equipment: ['eq'],
};

/** The ticket's file count the caller may see: every file for the office, the shared ones for the others (visibleTo). */
function fileCountSql(caller: StaffCaller): Prisma.Sql {
  return visibleTo(caller.actor.role).includes('STAFF') ? Prisma.sql`t."fileCount"` : Prisma.sql`t."sharedFileCount"`;
}

function fileColumns(caller: StaffCaller, ids: TicketExportColumn[], names: Names): Out[] {
  const name = (kind: keyof Names, id: string | null) => (id === null ? null : (names[kind].get(id) ?? null));
  const utc = (column: string) => Prisma.raw(column);
  const t = translator(caller.locale, 'tickets');
  const x = translator(caller.locale, 'exports');
  const tw = translator(caller.locale, 'workStatus');
  const enums = translator(caller.locale, 'enums');
  const showPrices = can(caller.actor.role, 'billing.read');
  const yes = x('yes');
  const no = x('no');
  const internal = t('internal');
  const complexity = { HIGH: t('complexity.HIGH'), MEDIUM: t('complexity.MEDIUM'), LOW: t('complexity.LOW') };
  const schedule = Object.fromEntries(SCHEDULE_STATUSES.map((k) => [k, enums(`scheduleStatus.${k}`)])) as Record<(typeof SCHEDULE_STATUSES)[number], string>;
  const byId: Record<TicketExportColumn, Out[]> = {
    number: [{ header: t('columns.number'), type: 'int', width: 9, value: (r) => r.number, sql: Prisma.sql`t.number` }],
    title: [{ header: t('columns.title'), type: 'text', width: 40, value: (r) => r.title, sql: Prisma.sql`t.title` }],
    customer: [
      { header: t('columns.customer'), type: 'text', width: 30, value: (r) => r.customerName ?? internal, sql: Prisma.sql`coalesce(c.name, ${internal})` },
      { header: x('columns.customerCode'), type: 'text', width: 12, value: (r) => r.customerCode, sql: Prisma.sql`c.code` },
    ],
    assignee: [{ header: t('columns.assignee'), type: 'text', value: (r) => name('user', r.assigneeId), sql: Prisma.sql`u.name` }],
    priority: [{ header: t('columns.priority'), type: 'text', value: (r) => name('priority', r.priorityId), sql: Prisma.sql`p.name` }],
    complexity: [{ header: t('columns.complexity'), type: 'text', value: (r) => (r.complexity ? complexity[r.complexity] : null), sql: labelSql(Prisma.sql`t.complexity`, complexity), label: true }],
    billable: [
      { header: t('columns.billable'), type: 'text', width: 10, value: (r) => (r.billable ? yes : no), sql: labelSql(Prisma.sql`t.billable`, { true: yes, false: no }), label: true },
      // A2: price and cost only for a role holding billing.read — absent, not empty, for the others.
      ...(showPrices
        ? [
            { header: x('columns.price'), type: 'money' as const, value: (r: Row) => r.price, sql: Prisma.sql`t.price` },
            { header: x('columns.cost'), type: 'money' as const, value: (r: Row) => r.cost, sql: Prisma.sql`t.cost` },
          ]
        : []),
    ],
    due: [{ header: t('columns.due'), type: 'datetime', value: (r) => r.dueAt, sql: utc('t."dueAt"') }],
    visit: [
      { header: x('columns.visitStart'), type: 'datetime', value: (r) => r.visitStart, sql: utc('t."visitStart"') },
      { header: x('columns.visitEnd'), type: 'datetime', value: (r) => r.visitEnd, sql: utc('t."visitEnd"') },
    ],
    category: [{ header: t('columns.category'), type: 'text', value: (r) => name('category', r.categoryId), sql: Prisma.sql`cat.name` }],
    // G2: the partner company handling it (none: the ISP's own).
    company: [{ header: t('columns.company'), type: 'text', value: (r) => name('company', r.companyId), sql: Prisma.sql`co.name` }],
    state: [{ header: t('columns.state'), type: 'text', value: (r) => name('state', r.stateId), sql: Prisma.sql`s.name` }],
    comments: [{ header: t('columns.comments'), type: 'int', value: (r) => r.commentCount, sql: Prisma.sql`t."commentCount"` }],
    files: [{ header: t('columns.files'), type: 'int', value: (r) => r.fileCount, sql: fileCountSql(caller) }],
    callNumber: [{ header: t('columns.callNumber'), type: 'text', width: 14, value: (r) => r.callNumber, sql: Prisma.sql`t."callNumber"` }],
    opened: [{ header: t('columns.opened'), type: 'datetime', value: (r) => r.openedAt, sql: utc('t."openedAt"') }],
    closed: [{ header: t('columns.closed'), type: 'datetime', value: (r) => r.closedAt, sql: utc('t."closedAt"') }],
    intervention: [{ header: t('columns.intervention'), type: 'text', value: (r) => schedule[r.scheduleStatus], sql: labelSql(Prisma.sql`t."scheduleStatus"`, schedule), label: true }],
    // A decimal number (the money format: two places, no currency sign).
    kilometres: [{ header: t('columns.kilometres'), type: 'money', value: (r) => r.kilometres, sql: Prisma.sql`t.kilometres` }],
    // G8/G9: billing columns, like the price.
    productsTotal: showPrices ? [{ header: t('columns.productsTotal'), type: 'money', value: (r) => r.productsTotal, sql: Prisma.sql`t."productsTotal"` }] : [],
    collected: showPrices ? [{ header: t('columns.collected'), type: 'money', value: (r) => r.collectedAmount, sql: Prisma.sql`t."collectedAmount"` }] : [],
    lastStatus: [{ header: t('columns.lastStatus'), type: 'datetime', value: (r) => r.statusChangedAt, sql: utc('t."statusChangedAt"') }],
    rating: [{ header: x('columns.rating'), type: 'int', value: (r) => r.rating, sql: Prisma.sql`tr.rating::int` }],
    // G7: "Info productos", the equipment the ticket is about.
    equipment: [{ header: translator(caller.locale, 'equipment')('infoProducts'), type: 'text', width: 30, value: (r) => (r.equipmentBrand ? equipmentLabel({ brand: r.equipmentBrand, model: r.equipmentModel ?? '', serial: r.equipmentSerial }) : null), sql: EQUIPMENT_SQL }],
    // G3: the work status, in the caller's words.
    workStatus: [{ header: tw('column'), type: 'text', value: (r) => enums(`workStatus.${r.workStatus}`), sql: labelSql(Prisma.sql`t."workStatus"`, Object.fromEntries(WORK_STATUSES.map((k) => [k, enums(`workStatus.${k}`)]))), label: true }],
  };
  return ids.flatMap((id) => byId[id]);
}

/** The conditions on a ticket row `t` the export reads: the tab, what the caller may see, and (filtered) the grid's search and filters. */
async function conditions(caller: StaffCaller, input: TicketExport) {
  const filtered = input.scope === 'filtered';
  const tokens = filtered && input.query ? searchTokens(input.query) : [];
  const filters = filtered ? filterConditions(caller.tenantId, caller.tenant.timeZone, input.filters).all : [];
  // A state of another tab (or of another tenant) matches nothing: not read at all.
  const stages = filters.length ? await filterStages(caller.db, input.filters) : [...LIFECYCLE_STAGES];
  const none = !stages.includes(input.tab);
  return {
    none,
    where: (s: TenantFragments) => [
      Prisma.sql`t."tenantId" = ${s.tenant}`,
      Prisma.sql`t.stage = ${input.tab}::"LifecycleStage"`,
      s.visible('t'),
      ...tokens.map((token) => Prisma.sql`t."searchText" LIKE ${`%${token}%`}`),
      ...filters,
    ],
  };
}

/** How many tickets the export would hold, counted up to `cap` + 1 (enough to decide between now and the background). */
export async function countTicketExport(caller: StaffCaller, input: TicketExport, cap: number): Promise<number> {
  const { none, where } = await conditions(caller, input);
  if (none) return 0;
  const [row] = await caller.sql.rows<{ n: number }>((s) => Prisma.sql`SELECT count(*)::int AS n FROM (SELECT 1 FROM "Ticket" t WHERE ${Prisma.join(where(s), ' AND ')} LIMIT ${cap + 1}) x`);
  return row?.n ?? 0;
}

/** The export's file columns (for the sheet) and a filler that writes its rows, newest first. */
export async function ticketExport(caller: StaffCaller, input: TicketExport, onPage?: (rows: number) => Promise<void>) {
  const [{ none, where }, names] = await Promise.all([conditions(caller, input), namesOf(caller)]);
  const columns = fileColumns(caller, input.columns, names);
  const want = new Set(input.columns);
  const tz = caller.tenant.timeZone;
  // Instants as the tenant's wall clock (UTC timestamps → its time zone), as text (localText): CSV lays
  // it out by slicing, XLSX makes it a typed date.
  const local = (column: string) => localText(column, tz);
  // Only the customer, the equipment and the rating (one row per ticket) are joined; the names of the
  // rest come from `names`: with eight joined relations each 2,000-row page paid for an exhaustive
  // search of their join order.
  const page = (after: number | null) =>
    caller.sql.rows<Row>((s) => Prisma.sql`
      SELECT t.number, t.title, c.name AS "customerName", c.code AS "customerCode", t."assigneeId", t."priorityId", t."categoryId", t."companyId", t."stateId",
             t.complexity, t.billable, t.price, t.cost, t."callNumber", t."productsTotal", t."collectedAmount", ${local('t."closedAt"')} AS "closedAt", ${local('t."dueAt"')} AS "dueAt", ${local('t."visitStart"')} AS "visitStart", ${local('t."visitEnd"')} AS "visitEnd", t."scheduleStatus", t.kilometres,
             t."workStatus", ${local('t."openedAt"')} AS "openedAt", ${local('t."statusChangedAt"')} AS "statusChangedAt",
             t."commentCount", ${fileCountSql(caller)} AS "fileCount",
             eq.brand AS "equipmentBrand", eq.model AS "equipmentModel", eq.serial AS "equipmentSerial",
             ${want.has('rating') ? Prisma.sql`tr.rating::int` : Prisma.sql`NULL::int`} AS rating
      FROM (SELECT * FROM "Ticket" t WHERE ${Prisma.join([...where(s), ...(after === null ? [] : [Prisma.sql`t.number < ${after}`])], ' AND ')} ORDER BY t.number DESC LIMIT ${PAGE_ROWS}) t
      LEFT JOIN "Customer" c ON c."tenantId" = t."tenantId" AND c.id = t."customerId"
      LEFT JOIN "CustomerEquipment" eq ON eq."tenantId" = t."tenantId" AND eq.id = t."equipmentId"
      ${want.has('rating') ? Prisma.sql`LEFT JOIN "TicketRating" tr ON tr."tenantId" = t."tenantId" AND tr."ticketId" = t.id` : Prisma.empty}
      ORDER BY t.number DESC`);
  const rows = pagedFill(page, (r) => r.number, (r) => columns.map((c) => c.value(r)), PAGE_ROWS, onPage);
  // CSV: one COPY, every cell laid out by PostgreSQL (sheet.ts csvCopy), only the relations the columns need joined.
  const intl = tenantIntl(caller.tenant);
  const csv = csvCopy(intl, tz);
  const joins = [...new Set(input.columns.flatMap((id) => COLUMN_JOINS[id] ?? []))].map((alias) => COPY_JOINS[alias]);
  const copy = (sink: SheetSink & Required<Pick<SheetSink, 'writeCsv'>>) =>
    caller.sql.copyCsv(
      (s) => Prisma.sql`
        SELECT ${Prisma.join(columns.map((c) => (c.label ? c.sql : csv.cell(c.type, c.sql))))}
        FROM "Ticket" t ${joins.length ? Prisma.join(joins, ' ') : Prisma.empty}
        WHERE ${Prisma.join(where(s), ' AND ')}
        ORDER BY t.number DESC`,
      { delimiter: csvDelimiter(intl), settings: csv.settings },
      async (bytes) => {
        let written = 0;
        let told = 0;
        for await (const chunk of bytes) {
          if (sink.gone) return;
          written += await sink.writeCsv(chunk as Buffer);
          // The background job's progress, about every page.
          if (onPage && written - told >= PAGE_ROWS) {
            await onPage(written - told);
            told = written;
          }
        }
        if (onPage && written > told) await onPage(written - told);
      },
    );
  const fill = async (sink: SheetSink) => {
    if (none) return;
    if (sink.writeCsv) await copy(sink as SheetSink & Required<Pick<SheetSink, 'writeCsv'>>);
    else await rows(sink);
  };
  return { columns: columns.map(({ header, type, width }) => ({ header, type, width })), fill };
}
