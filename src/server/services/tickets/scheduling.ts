// G4, G5, G10: the visit's date agreed by both sides, and "Avvia ticket" (src/lib/scheduling.ts has
// the states). The ISP's side — the office, or the partner company holding the ticket — proposes a
// slot with a note, or answers the customer's proposal (accept, or a counter-proposal); the customer
// does the same from the portal, or without signing in through the link the proposal's e-mail
// carries (src/server/services/links/signed.ts: bound to the proposal's instant, so it works for that
// proposal only, once). Accepting sets the ticket's visit (E2) and makes it AGREED.
//
// Every write is one conditional UPDATE on the ticket's id, its version and the schedule status the
// writer read (two answers to one proposal: the second finds the version moved and is refused), with
// its history entries and its outbox event in the same transaction — nothing half-saved.
import { z } from 'zod';
import { Prisma } from '@/generated/prisma/client';
import { tenantOrigin } from '@/env';
import { formatVisit, visitInstants, visitOf, type Visit } from '@/lib/visits';
import { ZVisit } from '@/lib/visit-input';
import { intlLocale, isLocale } from '@/lib/format';
import { needsStart, SCHEDULE_SIDES, SCHEDULE_STATUSES, slotWithinHours, START_REQUIREMENTS, startMissing, type ScheduleSide, type ScheduleStatus } from '@/lib/scheduling';
import { scopedDb, type ScopedDb } from '@/server/data/scoped';
import { AppError, fieldError, notFound } from '@/server/errors';
import { signTicketLink, ticketOfLink, verifyTicketLink } from '@/server/services/links/signed';
import type { Caller, CustomerActor, StaffCaller } from '@/server/services/caller';
import type { TenantInfo } from '@/server/services/tenants/resolve';

/** Days a proposal's link works (and never after the proposed slot began). */
export const VISIT_LINK_DAYS = 14;
const DAY_MS = 86_400_000;
const LINK = 'visit';

const ZNote = z
  .string()
  .trim()
  .max(1000, { message: 'validation.tooLong' })
  .optional()
  .nullable()
  .transform((n) => n || null);
const ZVersioned = { id: z.uuid(), version: z.number().int().min(1) };
export const ZProposeVisit = z.object({ ...ZVersioned, visit: ZVisit, note: ZNote }).strict();
export const ZTicketVersion = z.object(ZVersioned).strict();
export const ZScheduleResult = z.object({ id: z.uuid(), version: z.number().int(), scheduleStatus: z.enum(SCHEDULE_STATUSES) });

export const ZPortalVisitRef = z.object({ ticketId: z.uuid() }).strict();
export const ZPortalPropose = z.object({ ticketId: z.uuid(), visit: ZVisit, note: ZNote }).strict();
export const ZVisitToken = z.object({ token: z.string().min(1).max(200) }).strict();
export const ZVisitCounter = z.object({ token: z.string().min(1).max(200), visit: ZVisit, note: ZNote }).strict();

const ZProposal = z.object({ visit: z.object({ date: z.string(), from: z.string(), to: z.string() }), note: z.string().nullable(), by: z.enum(SCHEDULE_SIDES), at: z.date() });
/** What the customer sees of the scheduling of their ticket (portal, link). */
export const ZCustomerSchedule = z.object({
  number: z.number().int(),
  title: z.string(),
  status: z.enum(SCHEDULE_STATUSES),
  visit: z.object({ date: z.string(), from: z.string(), to: z.string() }).nullable(),
  proposal: ZProposal.nullable(),
  /** The customer may propose (the ticket is pending). */
  canPropose: z.boolean(),
});
export const ZStartMissing = z.array(z.enum(START_REQUIREMENTS));

const ROW = {
  id: true,
  number: true,
  title: true,
  version: true,
  stage: true,
  channel: true,
  customerId: true,
  assigneeId: true,
  cost: true,
  visitStart: true,
  visitEnd: true,
  scheduleStatus: true,
  proposedStart: true,
  proposedEnd: true,
  proposalNote: true,
  proposedBy: true,
  proposedAt: true,
  startedAt: true,
} as const satisfies Prisma.TicketSelect;
type Row = Prisma.TicketGetPayload<{ select: typeof ROW }>;

type Who = { actorId: string | null; side: ScheduleSide };

const conflict = () => new AppError('CONFLICT', 'scheduling.changed');

/** A slot the other side can still accept: in the future, within the tenant's working hours. */
function checkSlot(tenant: TenantInfo, visit: Visit, now: Date) {
  const { visitStart, visitEnd } = visitInstants(visit, tenant.timeZone);
  if (!visitStart || visitStart.getTime() <= now.getTime()) throw fieldError('visit', 'validation.visitPast');
  const hours = tenant.settings.techApp.workingHours;
  if (!slotWithinHours(visit, hours)) throw fieldError('visit', 'validation.visitOutsideHours', { from: hours?.start ?? '', to: hours?.end ?? '' });
  return { visitStart: visitStart, visitEnd: visitEnd! };
}

function assertPending(ticket: Row) {
  if (ticket.stage !== 'PENDING') throw new AppError('CONFLICT', 'scheduling.notPending');
}

const slotText = (tenant: TenantInfo, start: Date, end: Date) => formatVisit(start, end, intlLocale(isLocale(tenant.locale) ? tenant.locale : 'es', tenant.country), tenant.timeZone);

/** The write: the ticket moves from the status it was read in, with its history and its event. */
async function write(
  db: ScopedDb,
  tenantId: string,
  ticket: Row,
  who: Who,
  data: Prisma.TicketUncheckedUpdateManyInput,
  entries: { field: string; oldValue: string | null; newValue: string | null }[],
  event: { type: string; payload?: Record<string, unknown> },
) {
  const version = ticket.version + 1;
  return db.$transaction(async (tx) => {
    const moved = await tx.ticket.updateMany({ where: { id: ticket.id, version: ticket.version, scheduleStatus: ticket.scheduleStatus }, data: { ...data, version } });
    if (moved.count !== 1) throw conflict();
    await tx.ticketEvent.createMany({
      data: entries.map((e) => ({ tenantId, ticketId: ticket.id, actorId: who.actorId, kind: 'field', version, ...e })),
    });
    await tx.outboxEvent.create({
      data: { tenantId, type: event.type, payload: { ticketId: ticket.id, actorId: who.actorId, side: who.side, ...event.payload } as Prisma.InputJsonValue },
    });
    return { id: ticket.id, version, scheduleStatus: (data.scheduleStatus ?? ticket.scheduleStatus) as ScheduleStatus };
  });
}

/** A side proposes a slot: the ticket awaits the other side. A proposal replaces the one waiting. */
async function propose(db: ScopedDb, tenant: TenantInfo, ticket: Row, who: Who, visit: Visit, note: string | null, now: Date) {
  assertPending(ticket);
  if (who.side === 'OFFICE' && !ticket.customerId) throw new AppError('BAD_REQUEST', 'scheduling.noCustomer');
  const { visitStart, visitEnd } = checkSlot(tenant, visit, now);
  const text = slotText(tenant, visitStart, visitEnd);
  return write(
    db,
    tenant.id,
    ticket,
    who,
    {
      scheduleStatus: who.side === 'OFFICE' ? 'AWAITING_CUSTOMER' : 'AWAITING_COMPANY',
      proposedStart: visitStart,
      proposedEnd: visitEnd,
      proposalNote: note,
      proposedBy: who.side,
      proposedAt: now,
    },
    [{ field: who.side === 'OFFICE' ? 'visitProposal' : 'visitProposalCustomer', oldValue: null, newValue: note ? `${text} — ${note}` : text }],
    { type: 'ticket.visitProposed', payload: { proposedAt: now.toISOString() } },
  );
}

/** The side the proposal waits for accepts it: it becomes the ticket's visit. */
async function accept(db: ScopedDb, tenant: TenantInfo, ticket: Row, who: Who) {
  assertPending(ticket);
  const waiting = who.side === 'OFFICE' ? 'AWAITING_COMPANY' : 'AWAITING_CUSTOMER';
  if (ticket.scheduleStatus !== waiting || !ticket.proposedStart || !ticket.proposedEnd) throw new AppError('CONFLICT', 'scheduling.nothingToAccept');
  const before = ticket.visitStart && ticket.visitEnd ? slotText(tenant, ticket.visitStart, ticket.visitEnd) : null;
  return write(
    db,
    tenant.id,
    ticket,
    who,
    { scheduleStatus: 'AGREED', visitStart: ticket.proposedStart, visitEnd: ticket.proposedEnd, proposedStart: null, proposedEnd: null, proposalNote: null, proposedBy: null, proposedAt: null },
    [{ field: 'visit', oldValue: before, newValue: slotText(tenant, ticket.proposedStart, ticket.proposedEnd) }],
    { type: 'ticket.visitAgreed' },
  );
}

// ---- The ISP's side (the office, or the partner company holding the ticket) ----

async function staffTicket(caller: StaffCaller, id: string, version: number): Promise<Row> {
  const ticket = await caller.db.ticket.findUnique({ where: { id }, select: ROW });
  if (!ticket) throw notFound();
  if (ticket.version !== version) throw new AppError('CONFLICT', 'staleTicket', { fields: '—' });
  return ticket;
}

/** tickets.proposeVisit: a slot proposed to the customer (also the counter-proposal to theirs). */
export async function proposeVisit(caller: StaffCaller, input: z.output<typeof ZProposeVisit>, now = new Date()) {
  const ticket = await staffTicket(caller, input.id, input.version);
  return propose(caller.db, caller.tenant, ticket, { actorId: caller.actor.id, side: 'OFFICE' }, input.visit, input.note, now);
}

/** tickets.acceptVisit: the customer's proposal accepted. */
export async function acceptCustomerProposal(caller: StaffCaller, input: z.output<typeof ZTicketVersion>) {
  const ticket = await staffTicket(caller, input.id, input.version);
  return accept(caller.db, caller.tenant, ticket, { actorId: caller.actor.id, side: 'OFFICE' });
}

/** tickets.start — "Avvia ticket": a customer's ticket with its visit, technician and cost agreed goes to the technician's app. */
export async function startTicket(caller: StaffCaller, input: z.output<typeof ZTicketVersion>, now = new Date()) {
  const ticket = await staffTicket(caller, input.id, input.version);
  assertPending(ticket);
  if (!needsStart(ticket.channel)) throw new AppError('BAD_REQUEST', 'scheduling.startNotNeeded');
  if (ticket.startedAt) throw new AppError('CONFLICT', 'scheduling.alreadyStarted');
  const missing = startMissing({ scheduleStatus: ticket.scheduleStatus, assigneeId: ticket.assigneeId, hasCost: ticket.cost !== null });
  if (missing.length) throw new AppError('BAD_REQUEST', 'scheduling.startMissing', { missing: missing.length });
  return write(
    caller.db,
    caller.tenantId,
    ticket,
    { actorId: caller.actor.id, side: 'OFFICE' },
    { startedAt: now, startedById: caller.actor.id },
    [{ field: 'startedAt', oldValue: null, newValue: slotText(caller.tenant, ticket.visitStart!, ticket.visitEnd!) }],
    { type: 'ticket.started', payload: { assigneeId: ticket.assigneeId } },
  );
}

/** For the ticket view: what is missing before "start" (empty: it may start), or null when it needs none or has started. */
export function startMissingOf(ticket: { channel: string; startedAt: Date | null; stage: string; scheduleStatus: ScheduleStatus; assigneeId: string | null; cost: Prisma.Decimal | null }) {
  if (!needsStart(ticket.channel) || ticket.startedAt || ticket.stage !== 'PENDING') return null;
  return startMissing({ scheduleStatus: ticket.scheduleStatus, assigneeId: ticket.assigneeId, hasCost: ticket.cost !== null });
}

// ---- The customer, signed in (portal) ----

type CustomerCaller = Caller<CustomerActor>;

async function customerTicket(caller: CustomerCaller, id: string): Promise<Row> {
  const ticket = await caller.db.ticket.findFirst({ where: { id, customerId: caller.actor.id }, select: ROW });
  if (!ticket) throw notFound();
  return ticket;
}

function customerView(tenant: TenantInfo, ticket: Row): z.output<typeof ZCustomerSchedule> {
  const proposal =
    ticket.proposedStart && ticket.proposedEnd && ticket.proposedBy && ticket.proposedAt
      ? { visit: visitOf(ticket.proposedStart, ticket.proposedEnd, tenant.timeZone)!, note: ticket.proposalNote, by: ticket.proposedBy, at: ticket.proposedAt }
      : null;
  return {
    number: ticket.number,
    title: ticket.title,
    status: ticket.scheduleStatus,
    visit: visitOf(ticket.visitStart, ticket.visitEnd, tenant.timeZone),
    proposal,
    canPropose: ticket.stage === 'PENDING',
  };
}

/** portal.visit.get */
export async function mySchedule(caller: CustomerCaller, ticketId: string) {
  return customerView(caller.tenant, await customerTicket(caller, ticketId));
}

/** portal.visit.propose: the customer proposes a slot (or counters the office's). */
export async function proposeMine(caller: CustomerCaller, input: z.output<typeof ZPortalPropose>, now = new Date()) {
  const ticket = await customerTicket(caller, input.ticketId);
  await propose(caller.db, caller.tenant, ticket, { actorId: null, side: 'CUSTOMER' }, input.visit, input.note, now);
  return mySchedule(caller, input.ticketId);
}

/** portal.visit.accept: the customer accepts the office's proposal. */
export async function acceptMine(caller: CustomerCaller, input: z.output<typeof ZPortalVisitRef>) {
  const ticket = await customerTicket(caller, input.ticketId);
  await accept(caller.db, caller.tenant, ticket, { actorId: null, side: 'CUSTOMER' });
  return mySchedule(caller, input.ticketId);
}

// ---- The customer through the e-mailed link (no sign-in: the token is the authority) ----

/** The link of the office's proposal waiting on a ticket, on the tenant's host. */
export async function visitLinkUrl(tenant: { id: string; slug: string }, ticketId: string, proposedAt: Date): Promise<string> {
  return `${tenantOrigin(tenant.slug)}/portal/visit/${await signTicketLink(LINK, tenant.id, ticketId, proposedAt)}`;
}

async function linkTicket(tenant: TenantInfo, token: string, now: Date): Promise<{ db: ScopedDb; ticket: Row }> {
  const id = ticketOfLink(token);
  if (!id) throw new AppError('NOT_FOUND', 'scheduling.linkInvalid');
  const db = scopedDb(tenant.id);
  const ticket = await db.ticket.findUnique({ where: { id }, select: ROW });
  if (!ticket) throw new AppError('NOT_FOUND', 'scheduling.linkInvalid');
  // The proposal the link was made for is the one still waiting only while its instant is the ticket's.
  const current = ticket.proposedBy === 'OFFICE' && ticket.proposedAt !== null && (await verifyTicketLink(LINK, tenant.id, ticket.id, ticket.proposedAt, token));
  if (!current) {
    // A genuine link whose proposal was answered (here or elsewhere), or replaced: said as such.
    throw new AppError('CONFLICT', 'scheduling.linkUsed');
  }
  if (ticket.stage !== 'PENDING') throw new AppError('CONFLICT', 'scheduling.notPending');
  const expired = now.getTime() > ticket.proposedAt!.getTime() + VISIT_LINK_DAYS * DAY_MS || now.getTime() >= ticket.proposedStart!.getTime();
  if (expired) throw new AppError('BAD_REQUEST', 'scheduling.linkExpired');
  return { db, ticket };
}

/** visitLink.get: the proposal the link answers. */
export async function linkSchedule(tenant: TenantInfo, input: z.output<typeof ZVisitToken>, now = new Date()) {
  const { ticket } = await linkTicket(tenant, input.token, now);
  return customerView(tenant, ticket);
}

/** visitLink.accept */
export async function acceptByLink(tenant: TenantInfo, input: z.output<typeof ZVisitToken>, now = new Date()) {
  const { db, ticket } = await linkTicket(tenant, input.token, now);
  await accept(db, tenant, ticket, { actorId: null, side: 'CUSTOMER' });
  return customerView(tenant, await db.ticket.findUniqueOrThrow({ where: { id: ticket.id }, select: ROW }));
}

/** visitLink.counter: the customer proposes another slot instead. */
export async function counterByLink(tenant: TenantInfo, input: z.output<typeof ZVisitCounter>, now = new Date()) {
  const { db, ticket } = await linkTicket(tenant, input.token, now);
  await propose(db, tenant, ticket, { actorId: null, side: 'CUSTOMER' }, input.visit, input.note, now);
  return customerView(tenant, await db.ticket.findUniqueOrThrow({ where: { id: ticket.id }, select: ROW }));
}
