import { z } from 'zod';
import { customerProcedure, router } from '@/server/api/trpc';
import * as tickets from '@/server/services/portal/tickets';
import { ZPortalMe, ZPortalReplied, ZPortalReply, ZPortalTicket, ZPortalTicketSummary } from '@/server/services/portal/tickets';
import * as push from '@/server/services/push/subscriptions';
import { ZPublicKey, ZPushDevice, ZPushEndpoint, ZPushRemoved, ZPushSubscribe, ZPushSubscribed, ZPushTested } from '@/server/services/push/subscriptions';
import { portalAccountRouter } from './account';
import { portalAccessRouter, portalMessagesRouter, portalProfileRouter } from './portal-access';
import { portalPromiseRouter } from './promises';
import { portalSurveyRouter } from './survey';

/** The customer portal's procedures (F1–F14 fill this in); every one runs as the signed-in customer. */
export const portalRouter = router({
  /** The signed-in customer as the portal greets them. */
  me: customerProcedure.output(ZPortalMe).query(({ ctx }) => ctx.caller.actor),
  /** F11 (part): my tickets, one with its public history, and adding information to it. */
  tickets: router({
    list: customerProcedure.output(z.array(ZPortalTicketSummary)).query(({ ctx }) => tickets.myTickets(ctx.caller)),
    get: customerProcedure.input(z.object({ id: z.uuid() }).strict()).output(ZPortalTicket).query(({ ctx, input }) => tickets.myTicket(ctx.caller, input.id)),
    reply: customerProcedure.input(ZPortalReply).output(ZPortalReplied).mutation(({ ctx, input }) => tickets.reply(ctx.caller, input)),
  }),
  /** Sign out everywhere. */
  account: portalAccountRouter,
  /** F2/F8: setting one's own password by an e-mailed link or an SMS code (before signing in). */
  access: portalAccessRouter,
  /** F12: my data, adding an e-mail or a phone, changing my password. */
  profile: portalProfileRouter,
  /** F8: the welcome message (once) and the info message. */
  messages: portalMessagesRouter,
  /** F3: the payment promise. */
  promise: portalPromiseRouter,
  /** H5: rating a closed ticket. */
  survey: portalSurveyRouter,
  /** F13: this device receives push notifications of the customer's tickets. */
  push: router({
    publicKey: customerProcedure.output(ZPublicKey).query(() => push.publicKey()),
    devices: customerProcedure.output(z.array(ZPushDevice)).query(({ ctx }) => push.devices(ctx.caller)),
    subscribe: customerProcedure.input(ZPushSubscribe).output(ZPushSubscribed).mutation(({ ctx, input }) => push.subscribe(ctx.caller, input)),
    unsubscribe: customerProcedure.input(ZPushEndpoint).output(ZPushRemoved).mutation(({ ctx, input }) => push.unsubscribe(ctx.caller, input)),
    test: customerProcedure.output(ZPushTested).mutation(({ ctx }) => push.sendTest(ctx.caller)),
  }),
});
