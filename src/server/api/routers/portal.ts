import { z } from 'zod';
import { customerProcedure, router } from '@/server/api/trpc';
import * as invoices from '@/server/services/portal/invoices';
import { ZPortalInvoice, ZPortalInvoiceId, ZPortalInvoices } from '@/server/services/portal/invoices';
import { ZPortalMe } from '@/server/services/portal/tickets';
import { portalTicketsRouter } from './portal-tickets';
import * as push from '@/server/services/push/subscriptions';
import { ZPublicKey, ZPushDevice, ZPushEndpoint, ZPushRemoved, ZPushSubscribe, ZPushSubscribed, ZPushTested } from '@/server/services/push/subscriptions';
import { portalAccountRouter } from './account';
import { portalAccessRouter, portalMessagesRouter, portalProfileRouter } from './portal-access';
import { portalHomeProcedure, portalPayRouter } from './portal-pay';
import { portalPromiseRouter } from './promises';
import { portalSurveyRouter } from './survey';
import { portalVisitRouter } from './visits';
import { myEquipment, ZPortalEquipment } from '@/server/services/customers/equipment';

/** The customer portal's procedures (F1–F14 fill this in); every one runs as the signed-in customer. */
export const portalRouter = router({
  /** The signed-in customer as the portal greets them. */
  me: customerProcedure.output(ZPortalMe).query(({ ctx }) => ctx.caller.actor),
  /** F9: the account's state, the connections, what "Pagar" offers. */
  home: portalHomeProcedure,
  /** F9: paying through Mercado Pago Checkout Pro. */
  pay: portalPayRouter,
  /** F5–F7, F11: my tickets — the list, one with its public history, adding information, opening, closing, receipts, plans. */
  tickets: portalTicketsRouter,
  /** F4/F10: my invoices (and my statement when the tenant shows it), one invoice with its payments. */
  invoices: router({
    list: customerProcedure.output(ZPortalInvoices).query(({ ctx }) => invoices.myInvoices(ctx.caller)),
    get: customerProcedure.input(ZPortalInvoiceId).output(ZPortalInvoice).query(({ ctx, input }) => invoices.myInvoice(ctx.caller, input.id)),
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
  /** G5: the visit's date of my ticket — the proposal waiting, accepting it, proposing another. */
  visit: portalVisitRouter,
  /** G7: my sites and equipment (read only), to say what a ticket is about. */
  equipment: customerProcedure.output(ZPortalEquipment).query(({ ctx }) => myEquipment(ctx.caller)),
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
