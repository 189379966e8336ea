import { z } from 'zod';
import { customerProcedure, router } from '@/server/api/trpc';
import * as tickets from '@/server/services/portal/tickets';
import { ZPortalReply } from '@/server/services/portal/tickets';
import * as push from '@/server/services/push/subscriptions';
import { ZPushEndpoint, ZPushSubscribe } from '@/server/services/push/subscriptions';
import { portalAccountRouter } from './account';

/** The customer portal's procedures (F1–F14 fill this in); every one runs as the signed-in customer. */
export const portalRouter = router({
  /** The signed-in customer as the portal greets them. */
  me: customerProcedure.query(({ ctx }) => ctx.caller.actor),
  /** F11 (part): my tickets, one with its public history, and adding information to it. */
  tickets: router({
    list: customerProcedure.query(({ ctx }) => tickets.myTickets(ctx.caller)),
    get: customerProcedure.input(z.object({ id: z.uuid() }).strict()).query(({ ctx, input }) => tickets.myTicket(ctx.caller, input.id)),
    reply: customerProcedure.input(ZPortalReply).mutation(({ ctx, input }) => tickets.reply(ctx.caller, input)),
  }),
  /** Sign out everywhere. */
  account: portalAccountRouter,
  /** F13: this device receives push notifications of the customer's tickets. */
  push: router({
    publicKey: customerProcedure.query(() => push.publicKey()),
    devices: customerProcedure.query(({ ctx }) => push.devices(ctx.caller)),
    subscribe: customerProcedure.input(ZPushSubscribe).mutation(({ ctx, input }) => push.subscribe(ctx.caller, input)),
    unsubscribe: customerProcedure.input(ZPushEndpoint).mutation(({ ctx, input }) => push.unsubscribe(ctx.caller, input)),
    test: customerProcedure.mutation(({ ctx }) => push.sendTest(ctx.caller)),
  }),
});
