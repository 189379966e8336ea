// H5: the satisfaction survey — through the signed link (tenant rung: no sign-in, the token is the
// authority), signed in from the portal (portal.survey), and the rating for the operators.
import { customerProcedure, router, staffProcedure, tenantProcedure } from '@/server/api/trpc';
import * as survey from '@/server/services/survey/survey';
import { ZPortalRate, ZPortalSurvey, ZSurveyAnswer, ZSurveyAnswered, ZSurveyToken, ZSurveyView, ZTicketRating, ZTicketRef } from '@/server/services/survey/survey';

export const surveyRouter = router({
  /** The ticket a survey link asks about; a forged, reused or expired link is refused. */
  get: tenantProcedure.input(ZSurveyToken).output(ZSurveyView).query(({ ctx, input }) => survey.surveyView(ctx.tenant, input.token)),
  /** The rating through the link; the link works once. */
  answer: tenantProcedure.input(ZSurveyAnswer).output(ZSurveyAnswered).mutation(({ ctx, input }) => survey.answerSurvey(ctx.tenant, input)),
  /** A ticket's rating on its view (null: not rated). */
  forTicket: staffProcedure('tickets.read').input(ZTicketRef).output(ZTicketRating.nullable()).query(({ ctx, input }) => survey.ticketRating(ctx.caller, input.ticketId)),
});

export const portalSurveyRouter = router({
  get: customerProcedure.input(ZTicketRef).output(ZPortalSurvey).query(({ ctx, input }) => survey.mySurvey(ctx.caller, input.ticketId)),
  rate: customerProcedure.input(ZPortalRate).output(ZPortalSurvey).mutation(({ ctx, input }) => survey.rateMine(ctx.caller, input)),
});
