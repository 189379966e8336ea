// E2–E9: what the technician app reads, and the changes its offline queue sends. Every read goes
// through the caller's scoped client, so the app's home, list, search, filters and offline copy see
// exactly the tickets the visibility rule lets the technician see (src/server/data/visibility.ts) —
// another ticket is not found, never filtered out afterwards. The filters a technician may use are
// the ones the tenant switched on (E8); another filter is refused, not ignored.
import { z } from 'zod';
import type { Prisma } from '@/generated/prisma/client';
import { ZNamed, ZWhen } from '@/lib/answer-fields';
import { allows, can } from '@/lib/permissions';
import { normalizeText } from '@/lib/text';
import { dayIn } from '@/lib/format';
import { zonedInstant } from '@/lib/visits';
import { appointmentReleased, CUSTOMER_CHANNELS } from '@/lib/scheduling';
import { CONNECTION_STATUSES, LIFECYCLE_STAGES } from '@/lib/ticket-filters';
import { fieldError, notFound } from '@/server/errors';
import type { StaffCaller } from '@/server/services/caller';
import { addComment } from '@/server/services/tickets/comments';
import { visibleTo } from '@/server/services/tickets/files';
import { WORK_STATUSES } from '@/lib/work-status';
import { ticketHistories, updateTicket, ZHistoryEntry, ZTicketView } from '@/server/services/tickets/lifecycle';
import { once } from '@/server/services/sync/receipts';
import { COLLECTION_METHODS, recordCollection, removeLine, setLine, ZCollect, ZSetLine } from '@/server/services/products/products';
import { toUnits, unitsToNumber } from '@/lib/money';
import { saveSignature, ZSignature } from '@/server/services/tickets/documents';
import { applyEquipmentChange, EQUIPMENT_SELECT, SITE_SELECT, ZEquipmentChange, ZEquipmentRow, ZSiteRow } from '@/server/services/customers/equipment';
import { EQUIPMENT_TYPES } from '@/lib/equipment';

const CONNECTION_TYPES = ['FIBER', 'WIRELESS', 'CABLE', 'DSL', 'SATELLITE', 'OTHER'] as const;
const CUSTOMER_STATUSES = ['ACTIVE', 'DELETED'] as const;

/** A ticket as the app's list shows it. */
export const ZTechListItem = z.object({
  id: z.uuid(),
  number: z.number().int(),
  title: z.string(),
  stage: z.enum(LIFECYCLE_STAGES),
  dueAt: ZWhen.nullable(),
  visitStart: ZWhen.nullable(),
  visitEnd: ZWhen.nullable(),
  state: ZNamed,
  priority: z.object({ name: z.string(), color: z.string() }).nullable(),
  category: ZNamed.nullable(),
  assignee: ZNamed.nullable(),
  customer: z.object({ name: z.string() }).nullable(),
  connection: z.object({ address: z.string(), latitude: z.number().nullable(), longitude: z.number().nullable(), locality: ZNamed.nullable() }).nullable(),
});
export type TechListItem = z.output<typeof ZTechListItem>;

/** E4: the search and the filters, each only where the tenant offers it. */
export const ZTechList = z.object({
  query: z.string().trim().max(100).optional(),
  localityId: z.uuid().optional(),
  assigneeId: z.uuid().optional(),
  categoryId: z.uuid().optional(),
  stateId: z.uuid().optional(),
});

/** E5: everything the ticket's tabs show, and what the update sheet needs, in one answer (kept on the device). */
export const ZTechTicket = z.object({
  id: z.uuid(),
  number: z.number().int(),
  callNumber: z.string().nullable(),
  title: z.string(),
  description: z.string(),
  stage: z.enum(LIFECYCLE_STAGES),
  /** G3: where the work is (to assign, assigned, completed, expired). */
  workStatus: z.enum(WORK_STATUSES),
  version: z.number().int(),
  openedAt: ZWhen,
  dueAt: ZWhen.nullable(),
  visitStart: ZWhen.nullable(),
  visitEnd: ZWhen.nullable(),
  kilometres: z.number().nullable(),
  state: z.object({ id: z.uuid(), name: z.string(), stage: z.enum(LIFECYCLE_STAGES) }),
  priority: z.object({ name: z.string(), color: z.string() }).nullable(),
  category: ZNamed.nullable(),
  assignee: ZNamed.nullable(),
  /** The office view's customer, with their address and status. */
  customer: ZTicketView.shape.customer.unwrap().extend({ address: z.string().nullable(), status: z.enum(CUSTOMER_STATUSES) }).nullable(),
  connection: z
    .object({
      id: z.uuid(),
      code: z.string().nullable(),
      type: z.enum(CONNECTION_TYPES),
      address: z.string(),
      status: z.enum(CONNECTION_STATUSES),
      latitude: z.number().nullable(),
      longitude: z.number().nullable(),
      plan: z.object({ name: z.string(), downloadMbps: z.number().int(), uploadMbps: z.number().int() }).nullable(),
      node: z.object({ name: z.string() }).nullable(),
      locality: ZNamed.nullable(),
    })
    .nullable(),
  history: z.array(ZHistoryEntry),
  comments: z.array(z.object({ id: z.uuid(), public: z.boolean(), body: z.string(), createdAt: ZWhen, author: ZNamed.nullable(), customer: ZNamed.nullable() })),
  files: z.array(z.object({ id: z.uuid(), name: z.string(), mime: z.string(), image: z.boolean(), visibility: z.enum(['PUBLIC', 'TECHNICIAN', 'STAFF', 'CUSTOMER']), sourceFileId: z.uuid().nullable(), createdAt: ZWhen })),
  /** G8: the products on the ticket, by name and quantity (no amounts: the technician sells, the office prices). */
  products: z.array(z.object({ productId: z.uuid(), name: z.string(), code: z.string(), quantity: z.number().int(), sold: z.boolean() })),
  /** G7: the customer's site the work is at and the equipment the ticket is about; the customer's sites and equipment (the Cliente tab). */
  site: z.object({ id: z.uuid(), label: z.string(), address: z.string(), locality: z.string().nullable(), latitude: z.number().nullable(), longitude: z.number().nullable() }).nullable(),
  equipment: z.object({ id: z.uuid(), type: z.enum(EQUIPMENT_TYPES), brand: z.string(), model: z.string(), serial: z.string().nullable(), note: z.string().nullable() }).nullable(),
  customerSites: z.array(ZSiteRow),
  customerEquipment: z.array(ZEquipmentRow),
  /**
   * G9: the cost the office shows the technician to collect, and what was recorded — present only
   * when the office chose to show it (the one amount a technician receives).
   */
  collection: z
    .object({ toCollect: z.number().nullable(), collected: z.number().nullable(), method: z.enum(COLLECTION_METHODS).nullable(), at: ZWhen.nullable() })
    .nullable(),
});
export type TechTicket = z.output<typeof ZTechTicket>;

const LIST_SELECT = {
  id: true,
  number: true,
  title: true,
  stage: true,
  dueAt: true,
  visitStart: true,
  visitEnd: true,
  channel: true,
  startedAt: true,
  state: { select: { id: true, name: true } },
  priority: { select: { name: true, color: true } },
  category: { select: { id: true, name: true } },
  assignee: { select: { id: true, name: true } },
  customer: { select: { name: true } },
  connection: { select: { address: true, latitude: true, longitude: true, locality: { select: { id: true, name: true } } } },
} as const satisfies Prisma.TicketSelect;

/** G10: a ticket the customer opened shows its appointment in the app only once the office started it ("Avvia ticket"). */
const RELEASED: Prisma.TicketWhereInput = { OR: [{ channel: { notIn: [...CUSTOMER_CHANNELS] } }, { startedAt: { not: null } }] };

function withReleasedVisit<T extends { channel: string; startedAt: Date | null; visitStart: Date | null; visitEnd: Date | null }>(ticket: T): T {
  return appointmentReleased(ticket) ? ticket : { ...ticket, visitStart: null, visitEnd: null };
}

/** Pending first, then by visit, due date and newest. */
const LIST_ORDER: Prisma.TicketOrderByWithRelationInput[] = [
  { stage: 'asc' },
  { visitStart: { sort: 'asc', nulls: 'last' } },
  { dueAt: { sort: 'asc', nulls: 'last' } },
  { number: 'desc' },
];
/** How many tickets the list and the device's copy hold. */
export const TECH_LIST_LIMIT = 200;

/** E8: the filters the tenant offers, with their options. */
export const ZTechFilters = z.object({
  localities: z.array(ZNamed).nullable(),
  technicians: z.array(ZNamed).nullable(),
  categories: z.array(ZNamed).nullable(),
  states: z.array(ZNamed).nullable(),
});

/** E2/E3: the technician's home: the next pending visit, today's visits, the tenant's switches. */
export const ZTechHome = z.object({
  nextVisit: ZTechListItem.nullable(),
  today: z.array(ZTechListItem),
  filters: ZTechFilters,
  workingHours: z.object({ start: z.string(), end: z.string() }).nullable(),
  /** G8: the active products, to sell from the street (offline too). */
  catalogue: z.array(z.object({ id: z.uuid(), name: z.string(), code: z.string() })),
  /** E6: the states a technician may move a ticket to, and the stage of each. */
  states: z.array(z.object({ id: z.uuid(), name: z.string(), stage: z.enum(LIFECYCLE_STAGES), archived: z.boolean() })),
});

/** The tenant's calendar day around `now`, as instants (a daylight-saving day has 23 or 25 hours). */
function dayBounds(now: Date, timeZone: string): { start: Date; end: Date } {
  const day = dayIn(now, timeZone);
  const next = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  return { start: zonedInstant(day, '00:00', timeZone), end: zonedInstant(next, '00:00', timeZone) };
}

export async function techHome(caller: StaffCaller, now = new Date()) {
  const { db, actor, tenant } = caller;
  const { start, end } = dayBounds(now, tenant.timeZone);
  const mine = { assigneeId: actor.id, stage: 'PENDING' as const };
  const [nextVisit, today, filters, states, catalogue] = await Promise.all([
    db.ticket.findFirst({ where: { ...mine, visitEnd: { gte: now }, AND: [RELEASED] }, orderBy: [{ visitStart: 'asc' }, { number: 'asc' }], select: LIST_SELECT }),
    db.ticket.findMany({ where: { ...mine, visitStart: { gte: start, lt: end }, AND: [RELEASED] }, orderBy: [{ visitStart: 'asc' }, { number: 'asc' }], take: 50, select: LIST_SELECT }),
    techFilters(caller),
    db.ticketState.findMany({ orderBy: [{ position: 'asc' }, { name: 'asc' }], select: { id: true, name: true, stage: true, archivedAt: true } }),
    allows(actor, 'products.read') ? db.product.findMany({ where: { active: true }, orderBy: [{ name: 'asc' }, { code: 'asc' }], select: { id: true, name: true, code: true } }) : [],
  ]);
  return {
    nextVisit,
    today,
    filters,
    workingHours: tenant.settings.techApp.workingHours,
    catalogue,
    states: states.map(({ archivedAt, ...s }) => ({ ...s, archived: archivedAt !== null })),
  };
}

async function techFilters({ db, tenant }: StaffCaller) {
  const app = tenant.settings.techApp;
  const named = { select: { id: true, name: true }, orderBy: { name: 'asc' as const } };
  const [localities, technicians, categories, states] = await Promise.all([
    app.filterLocality ? db.locality.findMany(named) : null,
    app.filterTechnician ? db.user.findMany({ where: { role: 'TECHNICIAN', active: true }, ...named }) : null,
    app.filterCategory ? db.ticketCategory.findMany({ where: { archivedAt: null }, ...named }) : null,
    app.filterState ? db.ticketState.findMany({ where: { archivedAt: null }, ...named }) : null,
  ]);
  return { localities, technicians, categories, states };
}

/** E4: the list, searched and filtered, of the tickets the caller may see. */
export async function techList(caller: StaffCaller, input: z.output<typeof ZTechList>) {
  const app = caller.tenant.settings.techApp;
  // E8's switches are the technicians'; the office (which sees every ticket) may filter by anything.
  const office = can(caller.actor.role, 'tickets.readAll');
  const offered = { localityId: office || app.filterLocality, assigneeId: office || app.filterTechnician, categoryId: office || app.filterCategory, stateId: office || app.filterState };
  for (const [field, allowed] of Object.entries(offered)) {
    if (input[field as keyof typeof offered] && !allowed) throw fieldError(field, 'validation.filterNotOffered', undefined, 'FORBIDDEN');
  }
  const where: Prisma.TicketWhereInput[] = [];
  if (input.localityId) where.push({ connection: { localityId: input.localityId } });
  if (input.assigneeId) where.push({ assigneeId: input.assigneeId });
  if (input.categoryId) where.push({ categoryId: input.categoryId });
  if (input.stateId) where.push({ stateId: input.stateId });
  // Number, title and customer are in the ticket's search text; the address is the connection's.
  for (const word of normalizeText(input.query ?? '').split(/\s+/).filter(Boolean).slice(0, 5)) {
    where.push({ OR: [{ searchText: { contains: word } }, { connection: { address: { contains: word, mode: 'insensitive' } } }] });
  }
  // Without a state filter or a search, the list is the work at hand: not the closed tickets.
  if (!input.stateId && !input.query) where.push({ stage: { in: ['PENDING', 'FINISHED'] } });
  const found = await caller.db.ticket.findMany({ where: { AND: where }, orderBy: LIST_ORDER, take: TECH_LIST_LIMIT, select: LIST_SELECT });
  return found.map(withReleasedVisit);
}

const TICKET_SELECT = {
  id: true,
  number: true,
  callNumber: true,
  title: true,
  description: true,
  stage: true,
  workStatus: true,
  version: true,
  openedAt: true,
  dueAt: true,
  visitStart: true,
  visitEnd: true,
  channel: true,
  startedAt: true,
  kilometres: true,
  cost: true,
  costToTechnician: true,
  collectedAmount: true,
  collectedMethod: true,
  collectedAt: true,
  products: { orderBy: { createdAt: 'asc' }, select: { productId: true, quantity: true, sold: true, product: { select: { name: true, code: true } } } },
  site: { select: { id: true, label: true, address: true, locality: true, latitude: true, longitude: true } },
  equipment: { select: { id: true, type: true, brand: true, model: true, serial: true, note: true } },
  state: { select: { id: true, name: true, stage: true } },
  priority: { select: { name: true, color: true } },
  category: { select: { id: true, name: true } },
  assignee: { select: { id: true, name: true } },
  customer: { select: { id: true, name: true, code: true, taxIdType: true, taxId: true, emails: true, phones: true, address: true, status: true } },
  connection: {
    select: {
      id: true,
      code: true,
      type: true,
      address: true,
      status: true,
      latitude: true,
      longitude: true,
      plan: { select: { name: true, downloadMbps: true, uploadMbps: true } },
      node: { select: { name: true } },
      locality: { select: { id: true, name: true } },
    },
  },
} as const satisfies Prisma.TicketSelect;

const COMMENT_SELECT = { id: true, public: true, body: true, createdAt: true, author: { select: { id: true, name: true } }, customer: { select: { id: true, name: true } } } as const satisfies Prisma.TicketCommentSelect;
const FILE_SELECT = { id: true, name: true, mime: true, image: true, visibility: true, sourceFileId: true, createdAt: true } as const satisfies Prisma.TicketFileSelect;

/** E5: one ticket with its customer, connection, history, comments and the files the caller may see. */
export async function techTicket(caller: StaffCaller, id: string): Promise<TechTicket> {
  const [ticket] = await techTickets(caller, [id]);
  if (!ticket) throw notFound();
  return ticket;
}

/**
 * E5/E9: tickets in full, in the order of `ids`; one the caller may not see is left out. A fixed
 * number of statements for any number of tickets (the device's copy holds up to 200): the tickets with
 * their comments, files and products, their histories, and their customers' sites and equipment.
 */
async function techTickets(caller: StaffCaller, ids: string[]): Promise<TechTicket[]> {
  const { db, actor } = caller;
  if (ids.length === 0) return [];
  const rows = await db.ticket.findMany({
    where: { id: { in: ids } },
    select: {
      ...TICKET_SELECT,
      comments: { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], take: 200, select: COMMENT_SELECT },
      files: { where: { visibility: { in: visibleTo(actor.role) } }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: 50, select: FILE_SELECT },
    },
  });
  // G7: the customer's sites and equipment, reached through the ticket (equipment.read).
  const customerIds = allows(actor, 'equipment.read') ? [...new Set(rows.flatMap((t) => (t.customer ? [t.customer.id] : [])))] : [];
  const [histories, sites, equipment] = await Promise.all([
    ticketHistories(caller, rows.map((t) => t.id), 100),
    customerIds.length ? db.customerSite.findMany({ where: { customerId: { in: customerIds } }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], select: SITE_SELECT }) : [],
    customerIds.length ? db.customerEquipment.findMany({ where: { customerId: { in: customerIds } }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], select: EQUIPMENT_SELECT }) : [],
  ]);
  const amount = (d: Prisma.Decimal | null) => (d === null ? null : unitsToNumber(toUnits(d)));
  const byId = new Map(rows.map((t) => [t.id, t]));
  return ids.flatMap((id) => {
    const ticket = byId.get(id);
    if (!ticket) return [];
    const { cost, costToTechnician, collectedAmount, collectedMethod, collectedAt, products, comments, files, ...rest } = ticket;
    const customerId = customerIds.length ? ticket.customer?.id : undefined;
    return [
      {
        ...withReleasedVisit(rest),
        kilometres: ticket.kilometres === null ? null : Number(ticket.kilometres),
        history: histories.get(id) ?? [],
        comments,
        files,
        customerSites: customerId ? sites.filter((x) => x.customerId === customerId) : [],
        customerEquipment: customerId ? equipment.filter((x) => x.customerId === customerId) : [],
        products: products.map((l) => ({ productId: l.productId, name: l.product.name, code: l.product.code, quantity: l.quantity, sold: l.sold })),
        // G9: the cost reaches the technician only when the office shows it to them for collection.
        collection: costToTechnician ? { toCollect: amount(cost), collected: amount(collectedAmount), method: collectedMethod, at: collectedAt } : null,
      },
    ];
  });
}

/** E9: the device's copy — the list and every ticket of it in full — with the instant it was read. */
export async function techSnapshot(caller: StaffCaller) {
  const syncedAt = new Date();
  const [home, list] = await Promise.all([techHome(caller, syncedAt), techList(caller, {})]);
  const ids = [...new Set([...(home.nextVisit ? [home.nextVisit.id] : []), ...home.today.map((t) => t.id), ...list.map((t) => t.id)])];
  return { syncedAt, home, list, tickets: await techTickets(caller, ids) };
}

export const ZTechSnapshot = z.object({ syncedAt: ZWhen, home: ZTechHome, list: z.array(ZTechListItem), tickets: z.array(ZTechTicket) });

/** E6/E9: one change of the device's queue, with the key the device made for it. */
export const ZTechChange = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('comment'), key: z.uuid(), ticketId: z.uuid(), body: z.string().trim().min(1).max(10_000), public: z.boolean() }),
  z.object({
    kind: z.literal('update'),
    key: z.uuid(),
    ticketId: z.uuid(),
    /** The version the technician saw: a ticket changed since is a conflict shown to them. */
    version: z.number().int().min(1),
    stateId: z.uuid().optional(),
    kilometres: z.number().min(0).max(10_000).nullable().optional(),
  }),
  /** G8: a product's line on the ticket set to a quantity (absolute), or removed (quantity null). */
  z.object({ kind: z.literal('product'), key: z.uuid(), ticketId: z.uuid(), productId: z.uuid(), quantity: ZSetLine.shape.quantity.nullable(), sold: z.boolean().optional() }),
  /** G9: what the technician collected, and how. */
  z.object({ kind: z.literal('collect'), key: z.uuid(), ticketId: z.uuid(), amount: ZCollect.shape.amount, method: ZCollect.shape.method }),
  /** G11: the customer's signature on completion (name, canvas PNG, time, position). */
  ZSignature.extend({ kind: z.literal('signature'), key: z.uuid(), signedAt: z.iso.datetime() }),
  /** G7: the ticket's customer's equipment added (with an id made on the device), corrected or removed. */
  ZEquipmentChange.extend({ kind: z.literal('equipment'), key: z.uuid() }),
]);
export type TechChange = z.output<typeof ZTechChange>;

export const ZTechApplied = z.object({ key: z.uuid(), kind: z.enum(['comment', 'update', 'product', 'collect', 'signature', 'equipment']), id: z.uuid(), version: z.number().int().nullable() });

/** Applies one queued change exactly once (src/server/services/sync/receipts.ts). */
export async function applyChange(caller: StaffCaller, change: TechChange) {
  const { key, ...payload } = change;
  return once(caller, key, change.kind, payload, async (inner) => {
    if (change.kind === 'comment') {
      const comment = await addComment(inner, { ticketId: change.ticketId, body: change.body, public: change.public, clientKey: key });
      return { key, kind: change.kind, id: comment.id, version: null };
    }
    if (change.kind === 'product') {
      const line = { ticketId: change.ticketId, productId: change.productId };
      if (change.quantity === null) await removeLine(inner, line);
      else await setLine(inner, { ...line, quantity: change.quantity, ...(change.sold !== undefined ? { sold: change.sold } : {}) });
      return { key, kind: change.kind, id: change.ticketId, version: null };
    }
    if (change.kind === 'collect') {
      await recordCollection(inner, { ticketId: change.ticketId, amount: change.amount, method: change.method });
      return { key, kind: change.kind, id: change.ticketId, version: null };
    }
    if (change.kind === 'equipment') {
      const { kind: _k, key: _key, ...equipment } = change;
      const saved = await applyEquipmentChange(inner, equipment);
      return { key, kind: change.kind, id: saved.id, version: null };
    }
    if (change.kind === 'signature') {
      const { kind: _k, key: _key, ...signature } = change;
      const saved = await saveSignature(inner, { ...signature, signedAt: new Date(signature.signedAt) });
      return { key, kind: change.kind, id: saved.ticketId, version: null };
    }
    const result = await updateTicket(inner, {
      id: change.ticketId,
      version: change.version,
      ...(change.stateId ? { stateId: change.stateId } : {}),
      ...(change.kilometres !== undefined ? { kilometres: change.kilometres } : {}),
    });
    return { key, kind: change.kind, id: result.id, version: result.version };
  });
}
