// C3 mass actions: assign, change state, recategorize or close a selection. Each ticket goes through
// the same save as the ticket view (its permission checks, history and events), one at a time, and
// the answer says what was done and what was refused, and why, in the caller's language.
import { z } from 'zod';
import { translateError } from '@/i18n/catalog';
import { AppError } from '@/server/errors';
import type { StaffCaller } from '@/server/services/caller';
import { updateTicket } from './lifecycle';

export const ZBulkAction = z.object({
  ids: z.array(z.uuid()).min(1).max(200),
  action: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('assign'), assigneeId: z.uuid().nullable() }),
    z.object({ kind: z.literal('state'), stateId: z.uuid() }),
    z.object({ kind: z.literal('category'), categoryId: z.uuid() }),
    z.object({ kind: z.literal('close') }),
  ]),
});

export const ZBulkResult = z.object({
  done: z.array(z.number().int()),
  unchanged: z.array(z.number().int()),
  refused: z.array(z.object({ number: z.number().int(), message: z.string() })),
  notFound: z.number().int(),
});

export async function bulkUpdate(caller: StaffCaller, input: z.output<typeof ZBulkAction>) {
  const { db } = caller;
  const { action } = input;
  let changes: Record<string, unknown>;
  if (action.kind === 'close') {
    // Closing means the tenant's first active state of the closed stage.
    const closed = await db.ticketState.findFirst({ where: { stage: 'CLOSED', archivedAt: null }, orderBy: [{ position: 'asc' }, { name: 'asc' }], select: { id: true } });
    if (!closed) throw new AppError('CONFLICT', 'lastStateOfStage');
    changes = { stateId: closed.id };
  } else if (action.kind === 'assign') changes = { assigneeId: action.assigneeId };
  else if (action.kind === 'state') changes = { stateId: action.stateId };
  else changes = { categoryId: action.categoryId };

  const tickets = await db.ticket.findMany({ where: { id: { in: input.ids } }, select: { id: true, number: true, version: true } });
  const done: number[] = [];
  const unchanged: number[] = [];
  const refused: { number: number; message: string }[] = [];
  for (const ticket of tickets.sort((x, y) => x.number - y.number)) {
    try {
      const result = await updateTicket(caller, { id: ticket.id, version: ticket.version, ...changes });
      (result.changed.length ? done : unchanged).push(ticket.number);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      const field = error.fieldErrors ? Object.values(error.fieldErrors)[0] : undefined;
      refused.push({ number: ticket.number, message: translateError(caller.locale, field?.key ?? error.messageKey, field?.params ?? error.params) });
    }
  }
  // Ids of nothing, or of another tenant, are simply not found.
  return { done, unchanged, refused, notFound: input.ids.length - tickets.length };
}
