import { anyStaffProcedure, router, staffProcedure } from '@/server/api/trpc';
import * as push from '@/server/services/push/subscriptions';
import { ZPushEndpoint, ZPushSubscribe } from '@/server/services/push/subscriptions';

/** D6: this device receives Web Push for the signed-in staff member (the portal has its own, in `portal.push`). */
export const pushRouter = router({
  publicKey: anyStaffProcedure.query(() => push.publicKey()),
  devices: staffProcedure('push.subscribe').query(({ ctx }) => push.devices(ctx.caller)),
  subscribe: staffProcedure('push.subscribe').input(ZPushSubscribe).mutation(({ ctx, input }) => push.subscribe(ctx.caller, input)),
  unsubscribe: staffProcedure('push.subscribe').input(ZPushEndpoint).mutation(({ ctx, input }) => push.unsubscribe(ctx.caller, input)),
  /** A test push to each of my devices. */
  test: staffProcedure('push.subscribe').mutation(({ ctx }) => push.sendTest(ctx.caller)),
});
