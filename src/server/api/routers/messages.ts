import { z } from 'zod';
import { router, staffProcedure } from '@/server/api/trpc';
import * as messages from '@/server/services/messages/messages';
import { ZMessage, ZMessageList, ZMessagePage, ZResend, ZResendResult } from '@/server/services/messages/messages';

export const messagesRouter = router({
  /** D3–D5: one channel's log, newest first, filtered. */
  list: staffProcedure('messages.read').input(ZMessageList).output(ZMessagePage).query(({ ctx, input }) => messages.listMessages(ctx.caller, input)),
  /** A message as it was sent. */
  get: staffProcedure('messages.read').input(z.object({ id: z.uuid() })).output(ZMessage).query(({ ctx, input }) => messages.getMessage(ctx.caller, input.id)),
  /** Resend one or a selection (new manual messages; the worker delivers them). */
  resend: staffProcedure('messages.resend').input(ZResend).output(ZResendResult).mutation(({ ctx, input }) => messages.resendMessages(ctx.caller, input)),
});
