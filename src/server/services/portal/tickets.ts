// F11 (part): a customer's tickets in the portal — the list, one ticket with its public history, and
// adding information (a reply, always public). Only the caller's own tickets exist here: another
// customer's ticket is NOT_FOUND. Internal notes, files kept for the office and any billing data never
// leave this file's selects. A reply writes the event that tells the assignee and the office (D2).
import { z } from 'zod';
import { notFound } from '@/server/errors';
import { visibleTo } from '@/server/services/tickets/files';
import { fileStore } from '@/server/files/storage';
import { LIFECYCLE_STAGES } from '@/lib/ticket-filters';
import type { Caller, CustomerActor } from '@/server/services/caller';
import { assertCanView } from './ticket-requests';

type CustomerCaller = Caller<CustomerActor>;

export const ZPortalReply = z.object({ ticketId: z.uuid(), body: z.string().trim().min(1).max(5_000) }).strict();

const SUMMARY = {
  id: true,
  number: true,
  title: true,
  stage: true,
  openedAt: true,
  statusChangedAt: true,
  state: { select: { name: true } },
  category: { select: { name: true, customerDescription: true } },
} as const;

const ZSummaryFields = {
  id: z.uuid(),
  number: z.number().int(),
  title: z.string(),
  stage: z.enum(LIFECYCLE_STAGES),
  openedAt: z.date(),
  statusChangedAt: z.date(),
  state: z.object({ name: z.string() }),
  category: z.object({ name: z.string(), customerDescription: z.string().nullable() }).nullable(),
};
/** What a customer sees of their tickets: never an internal note, an office file or an amount. */
export const ZPortalTicketSummary = z.object(ZSummaryFields);
export const ZPortalTicket = z.object({
  ...ZSummaryFields,
  description: z.string(),
  assignee: z.object({ name: z.string() }).nullable(),
  comments: z.array(z.object({ id: z.uuid(), body: z.string(), createdAt: z.date(), mine: z.boolean(), author: z.string().nullable() })),
  /** The public history besides comments: its state changes, oldest first. */
  states: z.array(z.object({ at: z.date(), state: z.string() })),
  /** Files everyone may see (the customer's own photos and receipts, the office's public files). */
  files: z.array(z.object({ id: z.uuid(), name: z.string(), image: z.boolean() })),
});
export const ZPortalReplied = z.object({ id: z.uuid(), createdAt: z.date() });
/** How the portal greets the signed-in customer. */
export const ZPortalMe = z.object({ kind: z.literal('customer'), id: z.uuid(), name: z.string() });

/** The customer's own tickets; F5 "Mostrar solo tickets abiertos": only those not resolved yet. */
function mine({ actor, tenant }: CustomerCaller) {
  return { customerId: actor.id, ...(tenant.settings.portalTickets.onlyOpen ? { stage: 'PENDING' as const } : {}) };
}

/** The customer's tickets, newest first. */
export function myTickets(caller: CustomerCaller) {
  assertCanView(caller);
  return caller.db.ticket.findMany({ where: mine(caller), orderBy: { number: 'desc' }, take: 100, select: SUMMARY });
}

/** One of the customer's tickets with its public history (public comments, oldest first). */
export async function myTicket(caller: CustomerCaller, id: string) {
  const { db, actor } = caller;
  assertCanView(caller);
  const ticket = await db.ticket.findFirst({
    where: { id, ...mine(caller) },
    select: { ...SUMMARY, description: true, assignee: { select: { name: true } } },
  });
  if (!ticket) throw notFound();
  const [comments, states, files] = await Promise.all([
    db.ticketComment.findMany({
      where: { ticketId: id, public: true },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      select: { id: true, body: true, createdAt: true, customerId: true, author: { select: { name: true } } },
    }),
    db.ticketEvent.findMany({ where: { ticketId: id, kind: 'field', field: 'stateId' }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], select: { createdAt: true, newValue: true } }),
    db.ticketFile.findMany({ where: { ticketId: id, visibility: { in: visibleTo('customer') } }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], select: { id: true, name: true, image: true } }),
  ]);
  return {
    ...ticket,
    states: states.map((e) => ({ at: e.createdAt, state: e.newValue ?? '' })),
    files,
    comments: comments.map((c) => ({ id: c.id, body: c.body, createdAt: c.createdAt, mine: c.customerId === actor.id, author: c.customerId ? null : (c.author?.name ?? null) })),
  };
}

/** The customer adds information to their ticket: a public comment, its history entry, and the event for the staff. */
export async function reply(caller: CustomerCaller, input: z.output<typeof ZPortalReply>) {
  const { db, tenantId, actor } = caller;
  assertCanView(caller);
  const ticket = await db.ticket.findFirst({ where: { id: input.ticketId, ...mine(caller) }, select: { id: true, number: true, version: true } });
  if (!ticket) throw notFound();
  return db.$transaction(async (tx) => {
    const comment = await tx.ticketComment.create({
      data: { tenantId, ticketId: ticket.id, customerId: actor.id, public: true, body: input.body },
      select: { id: true, createdAt: true },
    });
    await tx.ticketEvent.create({ data: { tenantId, ticketId: ticket.id, kind: 'comment', version: ticket.version, newValue: actor.name } });
    await tx.outboxEvent.create({
      data: { tenantId, type: 'ticket.commented', payload: { ticketId: ticket.id, number: ticket.number, commentId: comment.id, customerId: actor.id, byCustomer: true } },
    });
    return comment;
  });
}

/** The bytes of a file the customer may see (G11: Globale or Cliente) on one of the customer's tickets (or its preview); anything else does not exist. */
export async function openMyFile(caller: CustomerCaller, id: string, variant: 'original' | 'thumb') {
  assertCanView(caller);
  const file = await caller.db.ticketFile.findFirst({
    where: { id, visibility: { in: visibleTo('customer') }, ticket: mine(caller) },
    select: { name: true, mime: true, size: true, image: true, storage: true, key: true, thumbKey: true },
  });
  if (!file) throw notFound();
  const key = variant === 'thumb' ? file.thumbKey : file.key;
  if (!key) throw notFound();
  const body = await fileStore(file.storage).read(key);
  if (!body) throw notFound();
  return variant === 'thumb' ? { body, name: `${file.name}.webp`, mime: 'image/webp', size: null, inline: true } : { body, name: file.name, mime: file.mime, size: file.size, inline: file.image || file.mime === 'application/pdf' };
}
