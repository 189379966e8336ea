import { router, staffProcedure } from '@/server/api/trpc';
import { z } from 'zod';
import * as manual from '@/server/services/messages/manual';
import { ZPushToUser, ZSendSummary, ZToCustomers } from '@/server/services/messages/manual';
import { smsSender } from '@/server/notifications/sms-setup';

export const notifyRouter = router({
  /** Which channels the office can write on now (SMS needs the installation's account and the tenant's sender). */
  channels: staffProcedure('messages.send')
    .output(z.object({ sms: z.boolean() }))
    .query(({ ctx }) => ({ sms: smsSender(ctx.caller.tenant.settings) !== null })),
  /** D2: a push to one staff member (from their profile). */
  user: staffProcedure('messages.send').input(ZPushToUser).output(ZSendSummary).mutation(({ ctx, input }) => manual.pushToUser(ctx.caller, input)),
  /** D2: a push or an SMS to customers (from the list, or one customer's page). */
  customers: staffProcedure('messages.send').input(ZToCustomers).output(ZSendSummary).mutation(({ ctx, input }) => manual.sendToCustomers(ctx.caller, input)),
});
