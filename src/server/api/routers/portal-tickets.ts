// F5–F7, F11: the customer's tickets in the portal and app (each switch enforced by the services), and
// the office's card of those switches in Settings → "App y portal".
import { z } from 'zod';
import { customerProcedure, router, staffProcedure } from '@/server/api/trpc';
import * as tickets from '@/server/services/portal/tickets';
import { ZPortalReplied, ZPortalReply, ZPortalTicket, ZPortalTicketSummary } from '@/server/services/portal/tickets';
import * as requests from '@/server/services/portal/ticket-requests';
import { PORTAL_CHANNELS, ZPortalClosed, ZPortalCreated, ZPortalPlanRequest, ZPortalTicketId, ZPortalTicketNew, ZPortalTicketOptions } from '@/server/services/portal/ticket-requests';
import * as ticketSettings from '@/server/services/tenants/portal-ticket-settings';
import { ZPortalTicketSettingsUpdate, ZPortalTicketSettingsView } from '@/server/services/tenants/portal-ticket-settings';

export const portalTicketsRouter = router({
  /** What the portal may offer now: the switches, the categories with their reasons, the plans offered, today's count. */
  options: customerProcedure
    .input(z.object({ channel: z.enum(PORTAL_CHANNELS).default('PORTAL') }).strict().optional())
    .output(ZPortalTicketOptions)
    .query(({ ctx, input }) => requests.portalTicketOptions(ctx.caller, input?.channel)),
  list: customerProcedure.output(z.array(ZPortalTicketSummary)).query(({ ctx }) => tickets.myTickets(ctx.caller)),
  get: customerProcedure.input(ZPortalTicketId).output(ZPortalTicket).query(({ ctx, input }) => tickets.myTicket(ctx.caller, input.id)),
  reply: customerProcedure.input(ZPortalReply).output(ZPortalReplied).mutation(({ ctx, input }) => tickets.reply(ctx.caller, input)),
  /** F11 without photos (with photos: POST /api/portal/tickets, the same service). */
  create: customerProcedure.input(ZPortalTicketNew).output(ZPortalCreated).mutation(({ ctx, input }) => requests.openTicket(ctx.caller, input)),
  /** F7: a plan change or a new plan. */
  requestPlan: customerProcedure.input(ZPortalPlanRequest).output(ZPortalCreated).mutation(({ ctx, input }) => requests.requestPlan(ctx.caller, input)),
  close: customerProcedure.input(ZPortalTicketId).output(ZPortalClosed).mutation(({ ctx, input }) => requests.closeMyTicket(ctx.caller, input.id)),
});

/** Settings → "App y portal": the tickets card. */
export const portalTicketSettingsRouter = router({
  get: staffProcedure('settings.read').output(ZPortalTicketSettingsView).query(({ ctx }) => ticketSettings.getPortalTicketSettings(ctx.caller)),
  update: staffProcedure('settings.manage')
    .input(ZPortalTicketSettingsUpdate)
    .output(ZPortalTicketSettingsView)
    .mutation(({ ctx, input }) => ticketSettings.updatePortalTicketSettings(ctx.caller, input)),
});
