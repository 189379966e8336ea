import { z } from 'zod';
import { router, staffProcedure } from '@/server/api/trpc';
import * as messages from '@/server/services/messages/messages';
import { ZMessageList, ZResend } from '@/server/services/messages/messages';
import { ZMessagePage, ZMessageView, ZResent } from '@/server/services/messages/answers';

export const messagesRouter = router({
  /** D3–D5: one channel's log, newest first, filtered. */
  list: staffProcedure('messages.read').input(ZMessageList).output(ZMessagePage).query(({ ctx, input }) => messages.listMessages(ctx.caller, input)),
  /** A message as it was sent. */
  get: staffProcedure('messages.read').input(z.object({ id: z.uuid() })).output(ZMessageView).query(({ ctx, input }) => messages.getMessage(ctx.caller, input.id)),
  /** Resend one or a selection (new manual messages; the worker delivers them). */
  resend: staffProcedure('messages.resend').input(ZResend).output(ZResent).mutation(({ ctx, input }) => messages.resendMessages(ctx.caller, input)),
});
