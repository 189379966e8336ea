// G5: the visit's date from the customer's side — signed in from the portal (portal.visit), and
// through the link the proposal's e-mail carries (visitLink: tenant rung, no sign-in; the token is
// the authority, for that proposal only, once).
import { customerProcedure, router, tenantProcedure } from '@/server/api/trpc';
import * as scheduling from '@/server/services/tickets/scheduling';
import { ZCustomerSchedule, ZPortalPropose, ZPortalVisitRef, ZVisitCounter, ZVisitToken } from '@/server/services/tickets/scheduling';

export const portalVisitRouter = router({
  get: customerProcedure.input(ZPortalVisitRef).output(ZCustomerSchedule).query(({ ctx, input }) => scheduling.mySchedule(ctx.caller, input.ticketId)),
  propose: customerProcedure.input(ZPortalPropose).output(ZCustomerSchedule).mutation(({ ctx, input }) => scheduling.proposeMine(ctx.caller, input)),
  accept: customerProcedure.input(ZPortalVisitRef).output(ZCustomerSchedule).mutation(({ ctx, input }) => scheduling.acceptMine(ctx.caller, input)),
});

export const visitLinkRouter = router({
  /** The proposal a link answers; a forged, answered, replaced or expired link is refused. */
  get: tenantProcedure.input(ZVisitToken).output(ZCustomerSchedule).query(({ ctx, input }) => scheduling.linkSchedule(ctx.tenant, input)),
  accept: tenantProcedure.input(ZVisitToken).output(ZCustomerSchedule).mutation(({ ctx, input }) => scheduling.acceptByLink(ctx.tenant, input)),
  counter: tenantProcedure.input(ZVisitCounter).output(ZCustomerSchedule).mutation(({ ctx, input }) => scheduling.counterByLink(ctx.tenant, input)),
});
