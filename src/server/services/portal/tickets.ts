// F11 (part): a customer's tickets in the portal — the list, one ticket with its public history, and
// adding information (a reply, always public). Only the caller's own tickets exist here: another
// customer's ticket is NOT_FOUND. Internal notes, files kept for the office and any billing data never
// leave this file's selects. A reply writes the event that tells the assignee and the office (D2).
import { z } from 'zod';
import { notFound } from '@/server/errors';
import { LIFECYCLE_STAGES } from '@/lib/ticket-filters';
import type { Caller, CustomerActor } from '@/server/services/caller';

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
});
export const ZPortalReplied = z.object({ id: z.uuid(), createdAt: z.date() });
/** How the portal greets the signed-in customer. */
export const ZPortalMe = z.object({ kind: z.literal('customer'), id: z.uuid(), name: z.string() });

/** The customer's tickets, newest first. */
export function myTickets({ db, actor }: CustomerCaller) {
  return db.ticket.findMany({ where: { customerId: actor.id }, orderBy: { number: 'desc' }, take: 100, select: SUMMARY });
}

/** One of the customer's tickets with its public history (public comments, oldest first). */
export async function myTicket({ db, actor }: CustomerCaller, id: string) {
  const ticket = await db.ticket.findFirst({
    where: { id, customerId: actor.id },
    select: { ...SUMMARY, description: true, assignee: { select: { name: true } } },
  });
  if (!ticket) throw notFound();
  const comments = await db.ticketComment.findMany({
    where: { ticketId: id, public: true },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    select: { id: true, body: true, createdAt: true, customerId: true, author: { select: { name: true } } },
  });
  return {
    ...ticket,
    comments: comments.map((c) => ({ id: c.id, body: c.body, createdAt: c.createdAt, mine: c.customerId === actor.id, author: c.customerId ? null : (c.author?.name ?? null) })),
  };
}

/** The customer adds information to their ticket: a public comment, its history entry, and the event for the staff. */
export async function reply({ db, tenantId, actor }: CustomerCaller, input: z.output<typeof ZPortalReply>) {
  const ticket = await db.ticket.findFirst({ where: { id: input.ticketId, customerId: actor.id }, select: { id: true, number: true, version: true } });
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
