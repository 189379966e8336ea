// C10: finishing or closing a ticket from its view, the operator may write a closing comment and
// choose to e-mail it to the customer, and/or the work history. The seeds: "Una vez que marque el
// ticket como Cerrado podrá agregar comentarios y, si así lo configuró, se enviará esa descripción
// al e-mail del cliente" (003); "supongamos que finalizamos el trabajo y nos interesa notificarle,
// podés enviarle un correo con el historial del trabajo" (000).
//
// It is part of the ticket's own save (lifecycle.ts), in its transaction: the comment (public — it is
// written for the customer, who also reads it in the portal) with its history entry, and the choice,
// carried by the finishing or closing outbox event; the worker turns that into one e-mail to the
// customer (dispatch.ts). Internal notes are never part of it.
import { z } from 'zod';
import { can, type Role } from '@/lib/permissions';
import { fieldError, forbidden } from '@/server/errors';

export const ZClosing = z
  .object({
    /** The closing comment, public. */
    comment: z.string().trim().max(10_000).optional(),
    /** E-mail the closing comment to the customer. */
    emailComment: z.boolean().default(false),
    /** E-mail the work history (public entries only) to the customer. */
    emailHistory: z.boolean().default(false),
  })
  .strict()
  .refine((c) => !c.emailComment || Boolean(c.comment), { path: ['comment'], message: 'validation.closingCommentRequired' });
export type Closing = z.output<typeof ZClosing>;

/** What the finishing or closing event carries to the worker. */
export type ClosingChoice = { commentId: string | null; emailComment: boolean; emailHistory: boolean };

type Stage = 'PENDING' | 'FINISHED' | 'CLOSED';

/** Only a save that finishes or closes the ticket has a closing; an e-mail needs the ticket's customer. */
export function assertClosing(closing: Closing, save: { role: Role; from: Stage; to: Stage; hasCustomer: boolean }) {
  if (save.to === save.from || save.to === 'PENDING') throw fieldError('closing', 'validation.closingNeedsFinish');
  if (closing.comment && !can(save.role, 'tickets.comment')) throw forbidden();
  if ((closing.emailComment || closing.emailHistory) && !save.hasCustomer) throw fieldError('closing', 'validation.closingNoCustomer');
}

/** The writes of one transaction that a closing needs. */
type Tx = {
  ticketComment: { create(args: { data: { tenantId: string; ticketId: string; authorId: string; public: boolean; body: string }; select: { id: true } }): PromiseLike<{ id: string }> };
  ticketEvent: { create(args: { data: { tenantId: string; ticketId: string; actorId: string; kind: string; version: number } }): PromiseLike<unknown> };
};

/** Writes the closing comment and its history entry, inside the save's transaction; answers the event's choice. */
export async function writeClosing(tx: Tx, save: { tenantId: string; ticketId: string; actorId: string; version: number }, closing: Closing): Promise<ClosingChoice> {
  let commentId: string | null = null;
  if (closing.comment) {
    const { tenantId, ticketId, actorId, version } = save;
    commentId = (await tx.ticketComment.create({ data: { tenantId, ticketId, authorId: actorId, public: true, body: closing.comment }, select: { id: true } })).id;
    await tx.ticketEvent.create({ data: { tenantId, ticketId, actorId, kind: 'comment', version } });
  }
  return { commentId, emailComment: closing.emailComment && commentId !== null, emailHistory: closing.emailHistory };
}
