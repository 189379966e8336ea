// F5, F6, F7, F11: what a customer may open from the portal or the app — a ticket (a category the
// tenant offers there, one of its reasons, a description, photos), a payment receipt (an image or a
// PDF), a plan change or a new plan (among the plans offered there) — and closing their own ticket.
// Every switch of Settings → "App y portal" is enforced here, not only in the pages. The tickets are
// created by the office's own service (numbering, history, tab counts, the D1/D2 outbox events), with
// the channel the customer used and the tenant's defaults for each kind of ticket.
import { z } from 'zod';
import { workStatusEntry } from '@/server/services/tickets/work-status';
import { Prisma } from '@/generated/prisma/client';
import { uuidv7 } from '@/lib/ids';
import { wallClock, zonedInstant } from '@/lib/visits';
import { translator } from '@/i18n/catalog';
import { isLocale } from '@/lib/format';
import { AppError, fieldError, notFound, type Message } from '@/server/errors';
import { fileStore } from '@/server/files/storage';
import { inspectFile, type InspectedFile } from '@/server/files/inspect';
import { logger } from '@/server/logger';
import type { Caller, CustomerActor } from '@/server/services/caller';
import { bumpStageCount, createTicket, type TicketCreate } from '@/server/services/tickets/tickets';
import type { TicketDefaults } from '@/server/services/tenants/portal-ticket-settings-schema';
import type { IncomingFile } from '@/server/services/tickets/files';

type CustomerCaller = Caller<CustomerActor>;

/** Where the customer opened it: the installed app, else the portal in a browser. */
export const PORTAL_CHANNELS = ['PORTAL', 'CUSTOMER_APP'] as const;
export type PortalChannel = (typeof PORTAL_CHANNELS)[number];
/** Photos with one ticket. */
export const MAX_TICKET_PHOTOS = 5;

export const ZPortalTicketNew = z
  .object({
    categoryId: z.uuid().optional(),
    reason: z.string().trim().max(120).optional(),
    description: z.string().trim().min(1).max(5_000),
    channel: z.enum(PORTAL_CHANNELS).default('PORTAL'),
    /** G7: the customer's site and equipment the ticket is about (their own; optional). */
    siteId: z.uuid().optional(),
    equipmentId: z.uuid().optional(),
    /** Made by the form once per submission: the same key again answers the ticket it created. */
    clientKey: z.uuid().optional(),
  })
  .strict();
export const ZPortalReceipt = z
  .object({ note: z.string().trim().max(2_000).optional(), channel: z.enum(PORTAL_CHANNELS).default('PORTAL'), clientKey: z.uuid().optional() })
  .strict();
export const ZPortalPlanRequest = z
  .object({
    planId: z.uuid(),
    /** The connection whose plan changes; none: a new plan (a new connection). */
    connectionId: z.uuid().optional(),
    note: z.string().trim().max(2_000).optional(),
    channel: z.enum(PORTAL_CHANNELS).default('PORTAL'),
    clientKey: z.uuid().optional(),
  })
  .strict();
export const ZPortalTicketId = z.object({ id: z.uuid() }).strict();
export const ZPortalCreated = z.object({ id: z.uuid(), number: z.number().int() });
export const ZPortalClosed = z.object({ id: z.uuid(), stage: z.literal('CLOSED') });

/** What the portal may offer this customer now: the switches, the categories and plans offered, today's count. */
export const ZPortalTicketOptions = z.object({
  view: z.boolean(),
  create: z.boolean(),
  allowClose: z.boolean(),
  onlyOpen: z.boolean(),
  /** The daily limit, when there is one, and how many the customer opened today. */
  dailyMax: z.number().int().nullable(),
  openedToday: z.number().int(),
  receipt: z.boolean(),
  plans: z.boolean(),
  categories: z.array(z.object({ id: z.uuid(), description: z.string(), reasons: z.array(z.string()) })),
  offeredPlans: z.array(z.object({ id: z.uuid(), name: z.string(), downloadMbps: z.number().int(), uploadMbps: z.number().int() })),
  connections: z.array(z.object({ id: z.uuid(), address: z.string().nullable(), plan: z.string().nullable() })),
});

const off = (key: string) => new AppError('FORBIDDEN', `portalTickets.${key}`);

function settingsOf(caller: CustomerCaller) {
  return caller.tenant.settings.portalTickets;
}

/** F5 "Permitir ver tickets": off, no procedure of the customer's tickets answers. */
export function assertCanView(caller: CustomerCaller) {
  if (!settingsOf(caller).view) throw off('viewOff');
}

/** Where the category must be offered for the channel. */
const offeredIn = (channel: PortalChannel) => (channel === 'CUSTOMER_APP' ? { inCustomerApp: true } : { inPortal: true });

/** The start of the customer's day (the tenant's calendar) as an instant. */
function startOfToday(timeZone: string): Date {
  return zonedInstant(wallClock(new Date(), timeZone).date, '00:00', timeZone);
}

/** Tickets the customer opened themselves today (any kind: a receipt and a plan request count too). */
function openedToday({ db, tenant, actor }: CustomerCaller) {
  return db.ticket.count({ where: { customerId: actor.id, createdById: null, channel: { in: [...PORTAL_CHANNELS] }, openedAt: { gte: startOfToday(tenant.timeZone) } } });
}

export async function portalTicketOptions(caller: CustomerCaller, channel: PortalChannel = 'PORTAL'): Promise<z.output<typeof ZPortalTicketOptions>> {
  const { db, actor } = caller;
  const s = settingsOf(caller);
  const [categories, plans, connections, today] = await Promise.all([
    s.create
      ? db.ticketCategory.findMany({ where: { archivedAt: null, inUse: true, ...offeredIn(channel) }, orderBy: { name: 'asc' }, select: { id: true, name: true, customerDescription: true, customerReasons: true } })
      : [],
    s.plans ? db.plan.findMany({ where: { active: true, offeredInPortal: true }, orderBy: { name: 'asc' }, select: { id: true, name: true, downloadMbps: true, uploadMbps: true } }) : [],
    s.plans ? db.connection.findMany({ where: { customerId: actor.id }, orderBy: { createdAt: 'asc' }, take: 50, select: { id: true, address: true, plan: { select: { name: true } } } }) : [],
    openedToday(caller),
  ]);
  return {
    view: s.view,
    create: s.create,
    allowClose: s.view && s.allowClose,
    onlyOpen: s.onlyOpen,
    dailyMax: s.dailyLimit ? s.dailyMax : null,
    openedToday: today,
    receipt: s.receipt,
    plans: s.plans,
    categories: categories.map((c) => ({ id: c.id, description: c.customerDescription || c.name, reasons: c.customerReasons })),
    offeredPlans: plans,
    connections: connections.map((c) => ({ id: c.id, address: c.address ?? null, plan: c.plan?.name ?? null })),
  };
}

/** Every file checked before anything is written; one bad file refuses the request, naming it. */
async function inspectAll(files: IncomingFile[], accept: (f: InspectedFile) => boolean, refusal: string): Promise<InspectedFile[]> {
  const results = await Promise.all(files.map((f) => inspectFile(f.name, f.bytes)));
  const problems: Record<string, Message> = {};
  results.forEach((r, i) => {
    if ('key' in r) problems[`files.${i}`] = { key: `validation.${r.key === 'fileType' ? refusal : r.key}`, params: r.params };
    else if (!accept(r)) problems[`files.${i}`] = { key: `validation.${refusal}`, params: { name: r.name } };
  });
  if (Object.keys(problems).length > 0) throw new AppError('BAD_REQUEST', 'invalidInput', undefined, problems);
  return results as InspectedFile[];
}

/**
 * The ticket, then its files: the bytes are stored first; if recording them fails, the ticket is
 * taken back (with its count) and the bytes removed, so a half-made request never remains.
 */
async function openWithFiles(caller: CustomerCaller, input: TicketCreate, channel: PortalChannel, files: InspectedFile[]) {
  const { db, tenantId } = caller;
  const store = fileStore();
  const stored: string[] = [];
  const rows: Prisma.TicketFileCreateManyInput[] = [];
  try {
    for (const file of files) {
      const id = uuidv7();
      const key = await store.put(`${tenantId}/${id}`, file.bytes, file);
      stored.push(key);
      const thumbKey = file.thumb ? await store.put(`${tenantId}/${id}.thumb.webp`, file.thumb, { name: `${file.name}.webp`, mime: 'image/webp' }) : null;
      if (thumbKey) stored.push(thumbKey);
      rows.push({ id, tenantId, ticketId: '', uploadedById: null, name: file.name, mime: file.mime, size: file.bytes.byteLength, image: file.image, width: file.width, height: file.height, visibility: 'PUBLIC', storage: store.kind, key, thumbKey });
    }
  } catch (error) {
    await store.remove(stored).catch((err) => logger.error({ err }, 'could not remove stored files of a failed portal ticket'));
    throw error;
  }
  let created: { id: string; number: number };
  try {
    created = await createTicket(caller, input, channel);
  } catch (error) {
    await store.remove(stored).catch((err) => logger.error({ err }, 'could not remove stored files of a failed portal ticket'));
    throw error;
  }
  if (rows.length === 0) return created;
  try {
    await db.$transaction(async (tx) => {
      // A repeated submission (same client key) answered the first ticket: it has its files already.
      if (await tx.ticketFile.findFirst({ where: { ticketId: created.id }, select: { id: true } })) throw new RepeatedSubmission();
      await tx.ticketFile.createMany({ data: rows.map((r) => ({ ...r, ticketId: created.id })) });
      await tx.ticketEvent.createMany({ data: rows.map((r) => ({ tenantId, ticketId: created.id, actorId: null, kind: 'file', field: 'file', newValue: r.name, visibility: 'PUBLIC' as const, version: 1 })) });
    });
  } catch (error) {
    await store.remove(stored).catch((err) => logger.error({ err }, 'could not remove stored files of a failed portal ticket'));
    if (error instanceof RepeatedSubmission) return created;
    await takeBack(caller, created.id).catch((err) => logger.error({ err, ticketId: created.id }, 'could not take back a portal ticket whose files failed'));
    throw error;
  }
  return created;
}

class RepeatedSubmission extends Error {}

/** Removes a ticket just created whose files could not be recorded (its number stays spent). */
async function takeBack({ db, sql }: CustomerCaller, id: string) {
  await db.$transaction(async (tx) => {
    const ticket = await tx.ticket.findUnique({ where: { id }, select: { stage: true } });
    if (!ticket) return;
    await tx.outboxEvent.deleteMany({ where: { processedAt: null, payload: { path: ['ticketId'], equals: id } } });
    await tx.ticket.delete({ where: { id } });
    await bumpStageCount(tx, sql, ticket.stage, -1);
  });
}

/** The tenant's defaults for one kind of customer ticket, as the office's create input. */
function withDefaults(d: TicketDefaults, customerId: string) {
  return { customerId, areaId: d.areaId, categoryId: d.categoryId, assigneeId: d.assigneeId, stateId: d.stateId, priorityId: d.priorityId };
}

async function assertDailyLimit(caller: CustomerCaller) {
  const s = settingsOf(caller);
  if (s.dailyLimit && (await openedToday(caller)) >= s.dailyMax) throw new AppError('TOO_MANY_REQUESTS', 'portalTickets.dailyLimit', { max: s.dailyMax });
}

/** F11: the customer opens a ticket — a category offered where they are, one of its reasons, a description, photos. */
export async function openTicket(caller: CustomerCaller, input: z.output<typeof ZPortalTicketNew>, files: IncomingFile[] = []) {
  const { db, actor } = caller;
  const s = settingsOf(caller);
  if (!s.create) throw off('createOff');
  // The day's limit first: over it, nothing else about the request matters.
  await assertDailyLimit(caller);
  if (files.length > MAX_TICKET_PHOTOS) throw fieldError('files', 'validation.tooManyItems', { max: MAX_TICKET_PHOTOS });
  let categoryId = s.defaults.categoryId;
  let reason: string | null = null;
  if (input.categoryId) {
    const category = await db.ticketCategory.findFirst({
      where: { id: input.categoryId, archivedAt: null, inUse: true, ...offeredIn(input.channel) },
      select: { id: true, customerReasons: true },
    });
    if (!category) throw fieldError('categoryId', 'validation.unknownOption');
    if (category.customerReasons.length > 0) {
      if (!input.reason) throw fieldError('reason', 'validation.required');
      if (!category.customerReasons.includes(input.reason)) throw fieldError('reason', 'validation.unknownOption');
      reason = input.reason;
    } else if (input.reason) throw fieldError('reason', 'validation.unknownOption');
    categoryId = category.id;
  } else if (input.reason) throw fieldError('reason', 'validation.unknownOption');
  // Offered categories exist: the customer picks one (j2's default is for tenants offering none).
  else if (await db.ticketCategory.findFirst({ where: { archivedAt: null, inUse: true, ...offeredIn(input.channel) }, select: { id: true } })) {
    throw fieldError('categoryId', 'validation.required');
  }
  const inspected = await inspectAll(files, (f) => f.image, 'imageOnly');
  const title = reason ?? input.description.split('\n')[0]!.slice(0, 120);
  return openWithFiles(caller, { ...withDefaults(s.defaults, actor.id), categoryId, title, description: input.description, siteId: input.siteId, equipmentId: input.equipmentId, clientKey: input.clientKey }, input.channel, inspected);
}

const RECEIPT_TYPES = (f: InspectedFile) => f.image || f.mime === 'application/pdf';

/** F6: a payment receipt (an image or a PDF) → a ticket with the receipt's defaults and the file. */
export async function uploadReceipt(caller: CustomerCaller, input: z.output<typeof ZPortalReceipt>, files: IncomingFile[]) {
  const s = settingsOf(caller);
  if (!s.receipt) throw off('receiptOff');
  if (files.length === 0) throw fieldError('files', 'validation.fileMissing');
  if (files.length > 1) throw fieldError('files', 'validation.tooManyItems', { max: 1 });
  const inspected = await inspectAll(files, RECEIPT_TYPES, 'receiptType');
  const t = translator(isLocale(caller.tenant.locale) ? caller.tenant.locale : 'es', 'portalTickets');
  const description = input.note || t('server.receiptDescription', { name: caller.actor.name });
  return openWithFiles(caller, { ...withDefaults(s.receiptDefaults, caller.actor.id), title: t('server.receiptTitle'), description, clientKey: input.clientKey }, input.channel, inspected);
}

/** F7: a plan change (for one of the customer's connections) or a new plan, among the plans offered in the portal. */
export async function requestPlan(caller: CustomerCaller, input: z.output<typeof ZPortalPlanRequest>) {
  const { db, actor } = caller;
  const s = settingsOf(caller);
  if (!s.plans) throw off('plansOff');
  const plan = await db.plan.findFirst({ where: { id: input.planId, active: true, offeredInPortal: true }, select: { name: true } });
  if (!plan) throw fieldError('planId', 'validation.unknownOption');
  const connection = input.connectionId
    ? await db.connection.findFirst({ where: { id: input.connectionId, customerId: actor.id }, select: { id: true, address: true, plan: { select: { name: true } } } })
    : null;
  if (input.connectionId && !connection) throw fieldError('connectionId', 'validation.unknownOption');
  const t = translator(isLocale(caller.tenant.locale) ? caller.tenant.locale : 'es', 'portalTickets');
  const title = connection ? t('server.planChangeTitle', { plan: plan.name }) : t('server.planNewTitle', { plan: plan.name });
  const lines = [
    connection ? t('server.planChangeLine', { from: connection.plan?.name ?? '—', to: plan.name, address: connection.address ?? '—' }) : t('server.planNewLine', { plan: plan.name }),
    ...(input.note ? [input.note] : []),
  ];
  return createTicket(
    caller,
    { ...withDefaults(s.planDefaults, actor.id), connectionId: connection?.id ?? null, title, description: lines.join('\n\n'), clientKey: input.clientKey },
    input.channel,
  );
}

/** The customer closes their own ticket (when the tenant allows it): the tenant's closed state, its history, its event. */
export async function closeMyTicket(caller: CustomerCaller, id: string) {
  const { db, sql, tenantId, actor } = caller;
  assertCanView(caller);
  const s = settingsOf(caller);
  if (!s.allowClose) throw off('closeOff');
  return db.$transaction(async (tx) => {
    const locked = await sql.query<{ id: string }[]>(tx, (q) => Prisma.sql`
      SELECT t.id FROM "Ticket" t WHERE t."tenantId" = ${q.tenant} AND t.id = ${id}::uuid AND t."customerId" = ${actor.id}::uuid AND ${q.visible('t')}
      ${s.onlyOpen ? Prisma.sql`AND t.stage = 'PENDING'` : Prisma.empty} FOR UPDATE`);
    if (!locked.length) throw notFound();
    const current = await tx.ticket.findUniqueOrThrow({ where: { id }, select: { id: true, number: true, stage: true, version: true, finishedAt: true, workStatus: true, state: { select: { name: true } } } });
    if (current.stage === 'CLOSED') return { id, stage: 'CLOSED' as const };
    const closed = await tx.ticketState.findFirst({ where: { stage: 'CLOSED', archivedAt: null }, orderBy: [{ isDefault: 'desc' }, { position: 'asc' }], select: { id: true, name: true } });
    if (!closed) throw new AppError('CONFLICT', 'portalTickets.noClosedState');
    const now = new Date();
    const version = current.version + 1;
    // G3: a closed ticket's work is over (COMPLETED, src/lib/work-status.ts).
    await tx.ticket.update({ where: { id }, data: { stateId: closed.id, stage: 'CLOSED', statusChangedAt: now, finishedAt: current.finishedAt ?? now, closedAt: now, version, workStatus: 'COMPLETED' } });
    await bumpStageCount(tx, sql, current.stage, -1);
    await bumpStageCount(tx, sql, 'CLOSED', 1);
    if (current.workStatus !== 'COMPLETED') await tx.ticketEvent.create({ data: workStatusEntry({ tenantId, ticketId: id, actorId: null, version, from: current.workStatus, to: 'COMPLETED' }) });
    await tx.ticketEvent.create({ data: { tenantId, ticketId: id, actorId: null, kind: 'field', field: 'stateId', oldValue: current.state.name, newValue: closed.name, version } });
    // The office learns it from the history; the customer is not told of their own closing (no stateChanged push).
    await tx.outboxEvent.create({ data: { tenantId, type: 'ticket.closed', payload: { ticketId: id, number: current.number, actorId: actor.id, byCustomer: true } } });
    return { id, stage: 'CLOSED' as const };
  });
}
