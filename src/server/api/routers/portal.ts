import { customerProcedure, router } from '@/server/api/trpc';
import * as push from '@/server/services/push/subscriptions';
import { ZPushEndpoint, ZPushSubscribe } from '@/server/services/push/subscriptions';

/** The customer portal's procedures (F1–F14 fill this in); every one runs as the signed-in customer. */
export const portalRouter = router({
  /** The signed-in customer as the portal greets them. */
  me: customerProcedure.query(({ ctx }) => ctx.caller.actor),
  /** F13: this device receives push notifications of the customer's tickets. */
  push: router({
    publicKey: customerProcedure.query(() => push.publicKey()),
    devices: customerProcedure.query(({ ctx }) => push.devices(ctx.caller)),
    subscribe: customerProcedure.input(ZPushSubscribe).mutation(({ ctx, input }) => push.subscribe(ctx.caller, input)),
    unsubscribe: customerProcedure.input(ZPushEndpoint).mutation(({ ctx, input }) => push.unsubscribe(ctx.caller, input)),
    test: customerProcedure.mutation(({ ctx }) => push.sendTest(ctx.caller)),
  }),
});
