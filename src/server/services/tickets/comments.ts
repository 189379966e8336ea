// C7 and C12: comments — public (the customer will see them) or internal notes (never sent to a
// customer by any procedure) — and the per-user counter of changes since a ticket was last opened.
import { z } from 'zod';
import { notFound } from '@/server/errors';
import type { StaffCaller } from '@/server/services/caller';

export const ZCommentAdd = z.object({
  ticketId: z.uuid(),
  body: z.string().trim().min(1).max(10_000),
  public: z.boolean(),
  clientKey: z.uuid().optional(),
});

/** Adds a comment with its history entry and, for public ones, the event that will tell the customer. */
export async function addComment({ db, tenantId, actor }: StaffCaller, input: z.output<typeof ZCommentAdd>) {
  const ticket = await db.ticket.findUnique({ where: { id: input.ticketId }, select: { id: true, number: true, version: true } });
  if (!ticket) throw notFound();
  return db.$transaction(async (tx) => {
    const comment = await tx.ticketComment.create({
      data: { tenantId, ticketId: ticket.id, authorId: actor.id, public: input.public, body: input.body },
      select: { id: true, public: true, createdAt: true },
    });
    await tx.ticketEvent.create({
      data: { tenantId, ticketId: ticket.id, actorId: actor.id, kind: input.public ? 'comment' : 'note', version: ticket.version },
    });
    // Internal notes produce no event at all: nothing downstream can leak them to a customer.
    if (input.public) {
      await tx.outboxEvent.create({
        data: { tenantId, type: 'ticket.commented', payload: { ticketId: ticket.id, number: ticket.number, commentId: comment.id, actorId: actor.id } },
      });
    }
    return comment;
  });
}

/** A ticket's comments, oldest first, internal notes marked. Staff only: the portal has its own, public-only procedure. */
export async function listComments({ db }: StaffCaller, ticketId: string) {
  const ticket = await db.ticket.findUnique({ where: { id: ticketId }, select: { id: true } });
  if (!ticket) throw notFound();
  return db.ticketComment.findMany({
    where: { ticketId },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    select: { id: true, public: true, body: true, createdAt: true, author: { select: { id: true, name: true } }, customer: { select: { id: true, name: true } } },
  });
}

/** Opening a ticket resets the caller's +N counter for it. */
export async function markTicketRead({ db, tenantId, actor }: StaffCaller, ticketId: string) {
  const ticket = await db.ticket.findUnique({ where: { id: ticketId }, select: { id: true } });
  if (!ticket) throw notFound();
  const now = new Date();
  await db.ticketRead.upsert({
    where: { tenantId_ticketId_userId: { tenantId, ticketId, userId: actor.id } },
    create: { tenantId, ticketId, userId: actor.id, seenAt: now },
    update: { seenAt: now },
  });
  return { ticketId, seenAt: now };
}
