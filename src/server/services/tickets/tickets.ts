// C5 and the grid's first needs: creating tickets (with every field, or quickly with a customer and
// a description, the category's defaults filling the rest) and listing them by lifecycle tab.
//
// Creating a ticket reads what it refers to in one statement, then writes in one more, atomic on its
// own: the tenant's next number (stripe 0 of TicketCounter, unique and increasing under concurrent
// creation), the ticket, its tab count (on a random stripe), its first history entry and its domain
// events in the outbox.
import { z } from 'zod';
import { Prisma } from '@/generated/prisma/client';
import { can } from '@/lib/permissions';
import { dayIn } from '@/lib/format';
import { normalizeText, searchTokens } from '@/lib/text';
import { toUnits, unitsToNumber } from '@/lib/money';
import { optionalText } from '@/lib/zod-fields';
import { requires } from '@/lib/answers';
import { ZMoney, ZWhen } from '@/lib/answer-fields';
import { uuidv7 } from '@/lib/ids';
import { AppError, fieldError, notFound } from '@/server/errors';
import type { ExecuteClient, TenantFragments, TenantSql } from '@/server/data/sql';
import type { Caller, StaffCaller } from '@/server/services/caller';
import { COMPLEXITIES, LIFECYCLE_STAGES, PQRS_TYPES, TICKET_CHANNELS, ZTicketFilters } from '@/lib/ticket-filters';
import { visibleTo } from './files';
import { FILTERED_COUNT_CAP, filterConditions, filteredCounts, filterStages } from './filters';
import { assertTicketFields, givenFields } from './field-rules';
import { visitInstants } from '@/lib/visits';
import { SCHEDULE_STATUSES } from '@/lib/scheduling';
import { ZVisit } from '@/lib/visit-input';
import { ZCompanyInfo } from '@/server/services/companies/info';
import { EQUIPMENT_TYPES, type EquipmentType } from '@/lib/equipment';
import { WORK_STATUSES, workStatusOf } from '@/lib/work-status';

export { TICKET_CHANNELS } from '@/lib/ticket-filters';
type Stage = (typeof LIFECYCLE_STAGES)[number];

export const ZTicketCreate = z.object({
  title: z.string().trim().max(200).optional(),
  description: z.string().trim().min(1).max(10_000),
  callNumber: optionalText(40),
  customerId: z.uuid().nullish(),
  connectionId: z.uuid().nullish(),
  /** G7: the customer's other site the work is at, and the equipment the ticket is about (both the customer's). */
  siteId: z.uuid().nullish(),
  equipmentId: z.uuid().nullish(),
  areaId: z.uuid().nullish(),
  categoryId: z.uuid().nullish(),
  pqrs: z.enum(PQRS_TYPES).nullish(),
  stateId: z.uuid().nullish(),
  priorityId: z.uuid().nullish(),
  complexity: z.enum(COMPLEXITIES).nullish(),
  assigneeId: z.uuid().nullish(),
  dueAt: z.coerce.date().nullish(),
  /** E2: the scheduled visit, a day and a slot in the tenant's time zone. */
  visit: ZVisit.nullish(),
  /** Billing fields: only for roles with tickets.billing (TICKET_FIELDS). */
  billable: z.boolean().optional(),
  cost: z.number().min(0).max(1e9).nullish(),
  /** Made by the form once per submission: the same key again answers the ticket it created. */
  clientKey: z.uuid().optional(),
});
export type TicketCreate = z.output<typeof ZTicketCreate>;

export const ZTicketCreated = z.object({ id: z.uuid(), number: z.number().int() });

const ZStageCounts = z.object({ PENDING: z.number().int(), FINISHED: z.number().int(), CLOSED: z.number().int() });

/** C1–C3: one page of the grid. The price column only for billing.read (A2). */
export const ZTicketPage = z.object({
  items: z.array(
    z.object({
      id: z.uuid(),
      number: z.number().int(),
      callNumber: z.string().nullable(),
      title: z.string(),
      stage: z.enum(LIFECYCLE_STAGES),
      /** G3: where the work is (TO_ASSIGN, ASSIGNED, COMPLETED, EXPIRED). */
      workStatus: z.enum(WORK_STATUSES),
      complexity: z.enum(COMPLEXITIES).nullable(),
      billable: z.boolean(),
      price: requires('billing.read', ZMoney),
      /** G8/G9: the products sold, the intervention's cost and what was collected — billing data. */
      productsTotal: requires('billing.read', z.number()),
      cost: requires('billing.read', ZMoney),
      collectedAmount: requires('billing.read', ZMoney),
      dueAt: ZWhen.nullable(),
      visitStart: ZWhen.nullable(),
      visitEnd: ZWhen.nullable(),
      /** G4: where the visit's date stands between the two sides. */
      scheduleStatus: z.enum(SCHEDULE_STATUSES),
      /** G6: the kilometres the technician declared. */
      kilometres: z.number().nullable(),
      openedAt: ZWhen,
      closedAt: ZWhen.nullable(),
      statusChangedAt: ZWhen,
      pqrs: z.enum(PQRS_TYPES).nullable(),
      customerId: z.uuid().nullable(),
      customerName: z.string().nullable(),
      customerCode: z.string().nullable(),
      assigneeName: z.string().nullable(),
      /** G2: the partner company it was handed to ("Empresa", "Info empresa"), and whether it took it over. */
      company: ZCompanyInfo.nullable(),
      companyAccepted: z.boolean(),
      stateName: z.string(),
      priorityName: z.string().nullable(),
      priorityColor: z.string().nullable(),
      categoryName: z.string().nullable(),
      categoryColor: z.string().nullable(),
      unseenChanges: z.number().int(),
      commentCount: z.number().int(),
      fileCount: z.number().int(),
      imageCount: z.number().int(),
      overdue: z.boolean(),
      /** H5: the customer's satisfaction rating (1–5), once given. */
      rating: z.number().int().nullable(),
      /** G7: the equipment the ticket is about ("Info productos"). */
      equipment: z.object({ type: z.enum(EQUIPMENT_TYPES), brand: z.string(), model: z.string(), serial: z.string().nullable() }).nullable(),
    }),
  ),
  hasMore: z.boolean(),
  page: z.number().int(),
  counts: ZStageCounts,
  countCap: z.number().int().nullable(),
});

/** C6: the customer's latest tickets. */
export const ZCustomerTicket = z.object({
  id: z.uuid(),
  number: z.number().int(),
  title: z.string(),
  stage: z.enum(LIFECYCLE_STAGES),
  openedAt: ZWhen,
  state: z.object({ name: z.string() }),
});

/** Grid orders, each one index range within a tab: newest, due soonest, last status change. */
export const TICKET_SORTS = ['number', 'due', 'lastStatus'] as const;

export const ZTicketList = z.object({
  tab: z.enum(LIFECYCLE_STAGES).default('PENDING'),
  sort: z.enum(TICKET_SORTS).default('number'),
  query: z.string().trim().max(100).optional(),
  filters: ZTicketFilters.optional(),
  page: z.number().int().min(1).max(100_000).default(1),
  pageSize: z.number().int().min(1).max(100).default(25),
});

export const COUNT_COLUMN: Record<Stage, Prisma.Sql> = { PENDING: Prisma.raw('pending'), FINISHED: Prisma.raw('finished'), CLOSED: Prisma.raw('closed') };
const COUNT_STRIPES = 8;
/** How many of a tab's newest tickets a search reads before it asks the trigram index. */
const SEARCH_WINDOW = 2_000;

/** Adds `delta` to a stage's count on a random stripe, inside the caller's transaction. */
export function bumpStageCount(tx: ExecuteClient, sql: TenantSql, stage: Stage, delta: number) {
  const stripe = 1 + Math.floor(Math.random() * COUNT_STRIPES);
  return sql.execute(tx, (s) => Prisma.sql`
    INSERT INTO "TicketCounter" ("tenantId", stripe, ${COUNT_COLUMN[stage]}) VALUES (${s.tenant}, ${stripe}, ${delta})
    ON CONFLICT ("tenantId", stripe) DO UPDATE SET ${COUNT_COLUMN[stage]} = "TicketCounter".${COUNT_COLUMN[stage]} + ${delta}`);
}

/**
 * The tabs' counts. For the office, the sum of a handful of stripe rows — never a count over the
 * tenant's tickets. For a caller who sees only some tickets (a technician), a count of those
 * (index on tenantId, assigneeId, stage): the tenant's totals are not theirs to know.
 */
export async function stageCounts({ sql, visibility }: Pick<StaffCaller, 'sql' | 'visibility'>): Promise<Record<Stage, number>> {
  const [row] = visibility
    ? await sql.rows<{ pending: number; finished: number; closed: number }>((s) => Prisma.sql`
        SELECT count(*) FILTER (WHERE t.stage = 'PENDING')::int AS pending, count(*) FILTER (WHERE t.stage = 'FINISHED')::int AS finished,
               count(*) FILTER (WHERE t.stage = 'CLOSED')::int AS closed
        FROM "Ticket" t WHERE t."tenantId" = ${s.tenant} AND ${s.visible('t')}`)
    : await sql.rows<{ pending: number; finished: number; closed: number }>((s) => Prisma.sql`
        SELECT coalesce(sum(pending), 0)::int AS pending, coalesce(sum(finished), 0)::int AS finished, coalesce(sum(closed), 0)::int AS closed
        FROM "TicketCounter" WHERE "tenantId" = ${s.tenant}`);
  return { PENDING: row?.pending ?? 0, FINISHED: row?.finished ?? 0, CLOSED: row?.closed ?? 0 };
}

/** What the search bar matches: number, title, description and the customer's name, code and tax id. */
export function ticketSearchText(t: { number: number; callNumber?: string | null; title: string; description: string; customer?: { name: string; code: string; taxId: string | null } | null }) {
  // G1: the ISP's own call number is searchable too.
  return normalizeText([String(t.number), t.callNumber ?? '', t.title, t.description.slice(0, 2000), t.customer?.name ?? '', t.customer?.code ?? '', t.customer?.taxId ?? ''].join(' '));
}

type References = {
  customer: { id: string; name: string; code: string; taxId: string | null; status: string } | null;
  connection: { id: string; customerId: string } | null;
  site: { id: string; customerId: string } | null;
  equipment: { id: string; customerId: string } | null;
  category: { id: string; name: string; archivedAt: string | null; inUse: boolean; areaId: string | null; defaultTechnicianId: string | null; price: string | null } | null;
  state: { id: string; stage: Stage; archivedAt: string | null } | null;
  priority: { id: string; archivedAt: string | null } | null;
  area: { id: string; archivedAt: string | null } | null;
  defaultArea: { id: string } | null;
  assignee: { id: string; active: boolean; companyId: string | null } | null;
  /** The ticket this caller already created with the same client key (a repeated submission). */
  existing: { id: string; number: number } | null;
};

/**
 * The rows a ticket refers to must be this tenant's, still offered, and agree with each other.
 * Read in one statement (each row, or the tenant's default where the form left it out): creating is
 * the hottest write, and separate lookups were up to seven round trips to PostgreSQL per ticket.
 */
async function resolveReferences({ sql, tenant, actor }: Caller, input: TicketCreate) {
  const [refs] = await sql.rows<References>((s) => {
    const mine = Prisma.sql`"tenantId" = ${s.tenant}`;
    /** The row with this id, or (for the defaulted ones) the tenant's default still offered. */
    const pick = (id: string | null | undefined, fallback: Prisma.Sql | null) =>
      id ? Prisma.sql`${mine} AND id = ${id}::uuid` : fallback ? Prisma.sql`${mine} AND ${fallback} LIMIT 1` : Prisma.sql`false`;
    return Prisma.sql`
    SELECT
      (SELECT json_build_object('id', id, 'name', name, 'code', code, 'taxId', "taxId", 'status', status) FROM "Customer" WHERE ${pick(input.customerId, null)}) AS customer,
      (SELECT json_build_object('id', id, 'customerId', "customerId") FROM "Connection" WHERE ${pick(input.connectionId, null)}) AS connection,
      (SELECT json_build_object('id', id, 'customerId', "customerId") FROM "CustomerSite" WHERE ${pick(input.siteId, null)}) AS site,
      (SELECT json_build_object('id', id, 'customerId', "customerId") FROM "CustomerEquipment" WHERE ${pick(input.equipmentId, null)}) AS equipment,
      (SELECT json_build_object('id', id, 'name', name, 'archivedAt', "archivedAt", 'inUse', "inUse", 'areaId', "areaId", 'defaultTechnicianId', "defaultTechnicianId", 'price', price::text)
         FROM "TicketCategory" WHERE ${pick(input.categoryId, Prisma.sql`"isDefault" AND "archivedAt" IS NULL AND "inUse"`)}) AS category,
      (SELECT json_build_object('id', id, 'stage', stage, 'archivedAt', "archivedAt") FROM "TicketState" WHERE ${pick(input.stateId, Prisma.sql`"isDefault" AND "archivedAt" IS NULL`)}) AS state,
      (SELECT json_build_object('id', id, 'archivedAt', "archivedAt") FROM "TicketPriority" WHERE ${pick(input.priorityId, Prisma.sql`"isDefault" AND "archivedAt" IS NULL`)}) AS priority,
      (SELECT json_build_object('id', id, 'archivedAt', "archivedAt") FROM "TicketArea" WHERE ${pick(input.areaId, null)}) AS area,
      (SELECT json_build_object('id', id) FROM "TicketArea" WHERE ${pick(null, Prisma.sql`"isDefault" AND "archivedAt" IS NULL`)}) AS "defaultArea",
      (SELECT json_build_object('id', id, 'active', active, 'companyId', "companyId") FROM "User" WHERE ${pick(input.assigneeId, null)}) AS assignee,
      (SELECT json_build_object('id', id, 'number', number) FROM "Ticket"
        WHERE ${input.clientKey ? Prisma.sql`"tenantId" = ${s.tenant} AND "clientKey" = ${input.clientKey}::uuid AND ${actor.kind === 'staff' ? Prisma.sql`"createdById" = ${actor.id}::uuid` : Prisma.sql`"createdById" IS NULL AND "customerId" = ${actor.id}::uuid`}` : Prisma.sql`false`}
        ${s.unrestricted('creates the caller’s ticket')}) AS existing`;
  }, { prepared: true });
  const { customer, connection, site, equipment, category, state, priority, area, defaultArea, assignee, existing } = refs!;
  if (existing) return { existing } as const;
  const unknown = (field: string) => fieldError(field, 'validation.unknownOption');
  if (input.customerId && (!customer || customer.status !== 'ACTIVE')) throw unknown('customerId');
  if (input.connectionId && (!connection || connection.customerId !== input.customerId)) throw unknown('connectionId');
  if (input.siteId && (!site || site.customerId !== input.customerId)) throw unknown('siteId');
  if (input.equipmentId && (!equipment || equipment.customerId !== input.customerId)) throw unknown('equipmentId');
  if (input.categoryId && (!category || category.archivedAt || !category.inUse)) throw unknown('categoryId');
  if (input.stateId && (!state || state.archivedAt)) throw unknown('stateId');
  if (!state) throw fieldError('stateId', 'validation.required');
  if (input.priorityId && (!priority || priority.archivedAt)) throw unknown('priorityId');
  if (input.areaId && (!area || area.archivedAt)) throw unknown('areaId');
  if (input.assigneeId && (!assignee || !assignee.active)) throw unknown('assigneeId');
  // G2: a new ticket is the ISP's own; a partner company's technician works only tickets handed to their company.
  if (input.assigneeId && assignee?.companyId) throw fieldError('assigneeId', 'companies.companyTechnicianOnly');
  if (input.pqrs && tenant.country !== 'CO') throw unknown('pqrs');
  // C13: a new ticket opens today; its due date cannot be an earlier day of the tenant's calendar.
  if (input.dueAt && dayIn(input.dueAt, tenant.timeZone) < dayIn(new Date(), tenant.timeZone)) throw fieldError('dueAt', 'validation.dueBeforeOpening');
  return { existing: null, customer, category, state, priority, defaultArea };
}

/**
 * Creates a ticket. Staff create it from the office or the technician app; a customer (F11, F6, F7)
 * creates it from the portal or app through the portal's services, which decide its fields (the
 * tenant's defaults for customers' tickets) — then it is the customer's own, with no staff creator.
 */
export async function createTicket(caller: Caller, input: TicketCreate, channel: (typeof TICKET_CHANNELS)[number] = 'BACKOFFICE') {
  const { actor } = caller;
  const staff = actor.kind === 'staff' ? actor : null;
  // A2: which fields this role may set at creation (TICKET_FIELDS). Assigning the ticket to oneself
  // is what happens anyway for a role that may not assign (below), so it is not refused.
  if (staff) assertTicketFields(staff, 'create', givenFields(input).filter((f) => !(f === 'assigneeId' && input.assigneeId === staff.id)));
  if (!staff && input.customerId !== actor.id) throw notFound();
  const refs = await resolveReferences(caller, input);
  // The same form submission again (a double click, a retry after a lost answer): the ticket it made.
  if (refs.existing) return { id: refs.existing.id, number: refs.existing.number };
  const { customer, category, state, priority, defaultArea } = refs;
  // C5 quick create: the category brings its area and technician, else the tenant's default area (B5);
  // the title defaults to the category. A creator who may not assign (a technician in the street)
  // keeps the ticket: it is assigned to them, so they go on seeing it.
  const areaId = input.areaId ?? category?.areaId ?? defaultArea?.id ?? null;
  const assigneeId = !staff || can(staff.role, 'tickets.assign') ? (input.assigneeId ?? category?.defaultTechnicianId ?? null) : staff.id;
  const creatorId = staff?.id ?? null;
  const title = input.title || category?.name || input.description.split('\n')[0]!.slice(0, 120);
  const billable = input.billable ?? false;
  const { visitStart, visitEnd } = visitInstants(input.visit ?? null, caller.tenant.timeZone);
  const now = new Date();

  // One statement — one round trip, atomic on its own: the tenant's next number (stripe 0 of
  // TicketCounter, its row locked only for this statement), the ticket, its tab count on a random
  // stripe, its first history entry and its outbox events. A client key another submission took
  // a moment ago (a race of the same form) inserts nothing but the spent number; that ticket answers.
  const id = uuidv7();
  const stripe = 1 + Math.floor(Math.random() * COUNT_STRIPES);
  const events = [
    { type: 'ticket.created', payload: { ticketId: id, channel, actorId: actor.id, assigneeId, ...(staff ? {} : { byCustomer: true }) } },
    ...(assigneeId ? [{ type: 'ticket.assigned', payload: { ticketId: id, assigneeId, actorId: actor.id, atCreation: true } }] : []),
  ].map((e) => ({ id: uuidv7(), ...e }));
  const price = billable ? (category?.price ?? null) : null;
  const searchRest = ticketSearchText({ number: 0, callNumber: input.callNumber ?? null, title, description: input.description, customer }).replace(/^0 ?/, '');
  const [created] = await caller.sql.rows<{ number: number }>((s) => Prisma.sql`
    WITH num AS (
      INSERT INTO "TicketCounter" ("tenantId", stripe, "lastNumber") VALUES (${s.tenant}, 0, 1)
      ON CONFLICT ("tenantId", stripe) DO UPDATE SET "lastNumber" = "TicketCounter"."lastNumber" + 1
      RETURNING "lastNumber" AS n
    ), ticket AS (
      INSERT INTO "Ticket" (id, "tenantId", number, title, description, "callNumber", "customerId", "connectionId", "siteId", "equipmentId", "areaId", "categoryId", pqrs,
                            "stateId", stage, "priorityId", complexity, "assigneeId", "workStatus", "dueAt", "visitStart", "visitEnd", "scheduleStatus", billable, price, cost, channel, "createdById",
                            "openedAt", "statusChangedAt", "finishedAt", "closedAt", "searchText", "clientKey", "createdAt", "updatedAt")
      SELECT ${id}::uuid, ${s.tenant}, num.n, ${title}, ${input.description}, ${input.callNumber ?? null}, ${input.customerId ?? null}::uuid,
             ${input.connectionId ?? null}::uuid, ${input.siteId ?? null}::uuid, ${input.equipmentId ?? null}::uuid, ${areaId}::uuid, ${category?.id ?? null}::uuid, ${input.pqrs ?? null}::"PqrsType",
             ${state.id}::uuid, ${state.stage}::"LifecycleStage", ${priority?.id ?? null}::uuid, ${input.complexity ?? null}::"Complexity",
             ${assigneeId}::uuid, ${workStatusOf({ previous: null, assigneeId, stage: state.stage, visitEnd })}::"WorkStatus", ${input.dueAt ?? null}::timestamp, ${visitStart}::timestamp, ${visitEnd}::timestamp, ${visitStart ? 'AGREED' : 'TO_SCHEDULE'}::"ScheduleStatus", ${billable}, ${price === null ? null : String(price)}::numeric,
             ${input.cost ?? null}::numeric, ${channel}::"TicketChannel", ${creatorId}::uuid,
             ${now}::timestamp, ${now}::timestamp, ${state.stage === 'PENDING' ? null : now}::timestamp, ${state.stage === 'CLOSED' ? now : null}::timestamp,
             trim(num.n || ' ' || ${searchRest}), ${input.clientKey ?? null}::uuid, ${now}::timestamp, ${now}::timestamp
      FROM num
      ON CONFLICT ("tenantId", "clientKey") DO NOTHING
      RETURNING id, number
    ), counted AS (
      INSERT INTO "TicketCounter" ("tenantId", stripe, ${COUNT_COLUMN[state.stage]}) SELECT ${s.tenant}, ${stripe}, 1 FROM ticket
      ON CONFLICT ("tenantId", stripe) DO UPDATE SET ${COUNT_COLUMN[state.stage]} = "TicketCounter".${COUNT_COLUMN[state.stage]} + 1
    ), history AS (
      INSERT INTO "TicketEvent" (id, "tenantId", "ticketId", "actorId", kind, version, "createdAt")
      SELECT ${uuidv7()}::uuid, ${s.tenant}, ticket.id, ${creatorId}::uuid, 'created', 1, ${now}::timestamp FROM ticket
    ), outbox AS (
      INSERT INTO "OutboxEvent" (id, "tenantId", type, payload, "createdAt")
      SELECT e.id, ${s.tenant}, e.type, e.payload || jsonb_build_object('number', ticket.number), ${now}::timestamp
      FROM ticket, jsonb_to_recordset(${JSON.stringify(events)}::jsonb) AS e(id uuid, type text, payload jsonb)
    )
    SELECT number FROM ticket ${s.unrestricted('creates the caller’s ticket')}`, { prepared: true });
  if (!created) {
    // Lost the race to the same submission: answer the ticket it created.
    const again = await resolveReferences(caller, input);
    if (again.existing) return { id: again.existing.id, number: again.existing.number };
    throw new AppError('CONFLICT', 'conflict');
  }
  return { id, number: created.number };
}

/** One page of a tab, newest first, with the tab counts; C3's advanced search narrows both. */
export async function listTickets(caller: StaffCaller, input: z.output<typeof ZTicketList>) {
  const { db, tenantId } = caller;
  const tokens = input.query ? searchTokens(input.query) : [];
  // The tab of the tickets the caller may see (src/server/data/visibility.ts).
  const tabOf = (s: TenantFragments) => [Prisma.sql`t."tenantId" = ${s.tenant}`, Prisma.sql`t.stage = ${input.tab}::"LifecycleStage"`, s.visible('t')];
  const matches = tokens.map((token) => Prisma.sql`t."searchText" LIKE ${`%${token}%`}`);
  const filter = filterConditions(tenantId, caller.tenant.timeZone, input.filters);
  const filters = filter.all;
  const stages = filters.length ? await filterStages(db, input.filters) : [...LIFECYCLE_STAGES];
  const offset = (input.page - 1) * input.pageSize;
  // Newest first is by number — or, with an opened-date range, by the opening instant (the same
  // order: a ticket's number is taken as it opens), so the range is one index range read newest
  // first rather than a walk through every newer ticket to reach it.
  const byOpened = Boolean(input.filters?.openedFrom || input.filters?.openedTo);
  const order = {
    number: byOpened
      ? { inner: Prisma.sql`t."openedAt" DESC, t.number DESC`, outer: Prisma.sql`p."openedAt" DESC, p.number DESC` }
      : { inner: Prisma.sql`t.number DESC`, outer: Prisma.sql`p.number DESC` },
    due: { inner: Prisma.sql`t."dueAt" ASC NULLS LAST, t.number DESC`, outer: Prisma.sql`p."dueAt" ASC NULLS LAST, p.number DESC` },
    lastStatus: { inner: Prisma.sql`t."statusChangedAt" DESC, t.number DESC`, outer: Prisma.sql`p."statusChangedAt" DESC, p.number DESC` },
  }[input.sort];
  // A search first looks among the tab's newest tickets (one index range, read newest first): for
  // a common word the page is there. Only when that window does not fill the page does the
  // trigram index search the whole tab — then the matches are few. Both give the same page: the
  // window's matches are the newest matches. (A planner that misjudges a phrase like "módem luz
  // roja" otherwise reads every matching ticket of every tab: 320 ms at 10⁶ tickets.)
  const candidates = (tab: Prisma.Sql[], window: number | null) =>
    window === null
      ? Prisma.sql`SELECT * FROM "Ticket" t WHERE ${Prisma.join([...tab, ...matches, ...filters], ' AND ')}`
      : Prisma.sql`SELECT * FROM (SELECT * FROM "Ticket" t WHERE ${Prisma.join(tab, ' AND ')} ORDER BY t.number DESC LIMIT ${window}) t
                   WHERE ${Prisma.join([...matches, ...filters], ' AND ')}`;
  const showPrices = can(caller.actor.role, 'billing.read');
  // The page through the pool (sql.rows), not $queryRaw: Prisma's handling of its 26 rows cost 1.4 ms (db.ts).
  const page = (window: number | null) =>
    caller.sql.rows<
      {
        id: string;
        number: number;
        callNumber: string | null;
        title: string;
        stage: Stage;
        workStatus: (typeof WORK_STATUSES)[number];
        complexity: (typeof COMPLEXITIES)[number] | null;
        billable: boolean;
        price: string | null;
        productsTotal: string;
        cost: string | null;
        collectedAmount: string | null;
        dueAt: Date | null;
        visitStart: Date | null;
        visitEnd: Date | null;
        scheduleStatus: (typeof SCHEDULE_STATUSES)[number];
        kilometres: string | null;
        openedAt: Date;
        closedAt: Date | null;
        statusChangedAt: Date;
        pqrs: (typeof PQRS_TYPES)[number] | null;
        customerId: string | null;
        customerName: string | null;
        customerCode: string | null;
        assigneeName: string | null;
        companyId: string | null;
        companyAcceptedAt: Date | null;
        company: { name: string; taxId: string | null; contactName: string | null; email: string | null; phone: string | null; zone: string | null } | null;
        stateName: string;
        priorityName: string | null;
        priorityColor: string | null;
        categoryName: string | null;
        categoryColor: string | null;
        unseenChanges: number;
        commentCount: number;
        fileCount: number;
        imageCount: number;
        rating: number | null;
        equipment: { type: EquipmentType; brand: string | null; model: string | null; serial: string | null } | null;
      }
    >((s) => Prisma.sql`
      SELECT p.id, p.number, p."callNumber", p.title, p.stage, p."workStatus", p.complexity, p.billable, p.price, p."productsTotal", p.cost, p."collectedAmount", p."dueAt", p."visitStart", p."visitEnd", p."scheduleStatus", p.kilometres, p."openedAt", p."closedAt", p."statusChangedAt", p.pqrs,
             p."customerId", c.name AS "customerName", c.code AS "customerCode",
             (SELECT u.name FROM "User" u WHERE u."tenantId" = p."tenantId" AND u.id = p."assigneeId") AS "assigneeName",
             (SELECT s.name FROM "TicketState" s WHERE s."tenantId" = p."tenantId" AND s.id = p."stateId") AS "stateName",
             pr.name AS "priorityName", pr.color AS "priorityColor", cat.name AS "categoryName", cat.color AS "categoryColor",
             p."companyId", p."companyAcceptedAt",
             (SELECT json_build_object('name', co.name, 'taxId', co."taxId", 'contactName', co."contactName", 'email', co.email, 'phone', co.phone, 'zone', co.zone)
                FROM "Company" co WHERE co."tenantId" = p."tenantId" AND co.id = p."companyId") AS company,
             (SELECT json_build_object('type', eq.type, 'brand', eq.brand, 'model', eq.model, 'serial', eq.serial)
                FROM "CustomerEquipment" eq WHERE eq."tenantId" = p."tenantId" AND eq.id = p."equipmentId") AS equipment,
             -- C12: what others did since the caller last opened the ticket (index on tenantId, ticketId, createdAt).
             (SELECT count(*)::int FROM "TicketEvent" e
               WHERE e."tenantId" = p."tenantId" AND e."ticketId" = p.id
                 AND e."createdAt" > COALESCE((SELECT r."seenAt" FROM "TicketRead" r WHERE r."tenantId" = p."tenantId" AND r."ticketId" = p.id AND r."userId" = ${caller.actor.id}::uuid), '-infinity'::timestamp)
                 AND e."actorId" IS DISTINCT FROM ${caller.actor.id}::uuid) AS "unseenChanges",
             -- C3: kept by the comments' statement triggers (migration 20261206191808_ticket_counts).
             p."commentCount",
             -- C8: the files the caller may see, and how many of them are images.
             f."fileCount", f."imageCount",
             -- H5: the customer's rating (one per ticket, its primary key).
             (SELECT tr.rating::int FROM "TicketRating" tr WHERE tr."tenantId" = p."tenantId" AND tr."ticketId" = p.id) AS rating
      -- The single-row lookups are subqueries, not joins: each is planned alone. As ten joined
      -- relations (issue 19 added the company's and the equipment's) PostgreSQL's planner took
      -- 11–16 ms per page for 1–2 ms of execution; with five it takes about 1 (docs/benchmarks.md).
      FROM (
        ${candidates(tabOf(s), window)}
        ORDER BY ${order.inner} LIMIT ${input.pageSize + 1} OFFSET ${offset}
      ) p
      LEFT JOIN "Customer" c ON c."tenantId" = p."tenantId" AND c.id = p."customerId"
      LEFT JOIN "TicketPriority" pr ON pr."tenantId" = p."tenantId" AND pr.id = p."priorityId"
      LEFT JOIN "TicketCategory" cat ON cat."tenantId" = p."tenantId" AND cat.id = p."categoryId"
      CROSS JOIN LATERAL (
        SELECT count(*)::int AS "fileCount", (count(*) FILTER (WHERE tf.image))::int AS "imageCount" FROM "TicketFile" tf
        WHERE tf."tenantId" = p."tenantId" AND tf."ticketId" = p.id AND tf.visibility::text = ANY(${visibleTo(caller.actor.role)}::text[])
      ) f
      ORDER BY ${order.outer}`);
  const searchPage = async () => {
    const windowed = await page(SEARCH_WINDOW);
    return windowed.length > input.pageSize ? windowed : page(null);
  };
  // The newest-first window only answers searches shown by number, newest first.
  const windowed = matches.length > 0 && input.sort === 'number' && !byOpened && offset + input.pageSize < SEARCH_WINDOW;
  // With filters the tabs count the filter's matches (up to a cap); the search bar's words never
  // change the counts. A tab the filter cannot match is not read at all.
  const counts = filters.length ? filteredCounts(caller, stages, filter, order.inner) : stageCounts(caller);
  const rowsOf = stages.includes(input.tab) ? (windowed ? searchPage() : page(null)) : Promise.resolve([]);
  const [rows, counter] = await Promise.all([rowsOf, counts]);
  const now = Date.now();
  const amount = (d: string | null) => (d === null ? null : unitsToNumber(toUnits(d)));
  const items = rows.slice(0, input.pageSize).map(({ equipment, price, productsTotal, cost, collectedAmount, kilometres, companyId, companyAcceptedAt, company, ...r }) => ({
    ...r,
    company: companyId
      ? { id: companyId, name: company?.name ?? '', taxId: company?.taxId ?? null, contactName: company?.contactName ?? null, email: company?.email ?? null, phone: company?.phone ?? null, zone: company?.zone ?? null }
      : null,
    companyAccepted: companyAcceptedAt !== null,
    kilometres: kilometres === null ? null : Number(kilometres),
    equipment: equipment ? { type: equipment.type, brand: equipment.brand ?? '', model: equipment.model ?? '', serial: equipment.serial } : null,
    overdue: r.stage === 'PENDING' && r.dueAt !== null && r.dueAt.getTime() < now,
    ...(showPrices ? { price: amount(price), productsTotal: amount(productsTotal) ?? 0, cost: amount(cost), collectedAmount: amount(collectedAmount) } : {}),
  }));
  return {
    items,
    hasMore: rows.length > input.pageSize,
    page: input.page,
    counts: counter,
    /** Set when the counts are a filter's, each read up to this many: a count above it shows as "500+". */
    countCap: filters.length ? FILTERED_COUNT_CAP : null,
  };
}

/** C6: a customer's latest tickets, every stage, newest first (index on tenantId, customerId, number). */
export async function customerTickets({ db }: StaffCaller, customerId: string) {
  const customer = await db.customer.findUnique({ where: { id: customerId }, select: { id: true } });
  if (!customer) throw notFound();
  return db.ticket.findMany({
    where: { customerId },
    orderBy: { number: 'desc' },
    take: 20,
    select: { id: true, number: true, title: true, stage: true, openedAt: true, state: { select: { name: true } } },
  });
}
