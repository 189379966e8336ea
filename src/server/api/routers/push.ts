import { anyStaffProcedure, router, staffProcedure } from '@/server/api/trpc';
import * as push from '@/server/services/push/subscriptions';
import { z } from 'zod';
import { ZPublicKey, ZPushDevice, ZPushEndpoint, ZPushRemoved, ZPushSubscribe, ZPushSubscribed, ZPushTested } from '@/server/services/push/subscriptions';

/** D6: this device receives Web Push for the signed-in staff member (the portal has its own, in `portal.push`). */
export const pushRouter = router({
  publicKey: anyStaffProcedure.output(ZPublicKey).query(() => push.publicKey()),
  devices: staffProcedure('push.subscribe').output(z.array(ZPushDevice)).query(({ ctx }) => push.devices(ctx.caller)),
  subscribe: staffProcedure('push.subscribe').input(ZPushSubscribe).output(ZPushSubscribed).mutation(({ ctx, input }) => push.subscribe(ctx.caller, input)),
  unsubscribe: staffProcedure('push.subscribe').input(ZPushEndpoint).output(ZPushRemoved).mutation(({ ctx, input }) => push.unsubscribe(ctx.caller, input)),
  /** A test push to each of my devices. */
  test: staffProcedure('push.subscribe').output(ZPushTested).mutation(({ ctx }) => push.sendTest(ctx.caller)),
});
