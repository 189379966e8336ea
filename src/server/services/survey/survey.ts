// H5: the satisfaction survey. When a ticket is closed (stage CLOSED, whoever closed it) its customer
// is asked to rate it 1–5, with an optional comment: in the portal (signed in), by push and in the
// closing e-mail, through a signed link that needs no sign-in.
//
// The link's token is `<ticket id, base64url>.<HMAC-SHA256 of tenant, ticket and the closing instant>`,
// signed with a secret of the installation (InstallationSecret "survey", made on first use): no row is
// written when a ticket closes, so every way of closing one (the view, bulk, the technician app, the
// portal) gets a survey. A forged token fails the signature; a token of an earlier closing (the ticket
// reopened and closed again) no longer matches; it expires SURVEY_DAYS after the closing; it works
// once — the rating row is one per ticket and keeps only the SHA-256 of the token that was used.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { tenantOrigin } from '@/env';
import { signTicketLink, ticketOfLink, verifyTicketLink } from '@/server/services/links/signed';
import { scopedDb } from '@/server/data/scoped';
import { AppError, notFound, uniqueViolationFields } from '@/server/errors';
import type { Caller, CustomerActor } from '@/server/services/caller';
import type { TenantInfo } from '@/server/services/tenants/resolve';

/** Days after the closing while the link works. */
export const SURVEY_DAYS = 30;
const DAY_MS = 86_400_000;
export const COMMENT_MAX = 2000;

const ZRating = z.number({ message: 'validation.ratingRange' }).int({ message: 'validation.ratingRange' }).min(1, { message: 'validation.ratingRange' }).max(5, { message: 'validation.ratingRange' });
const ZComment = z
  .string()
  .trim()
  .max(COMMENT_MAX)
  .optional()
  .transform((c) => (c ? c : null));

export const ZSurveyToken = z.object({ token: z.string().min(1).max(200) }).strict();
export const ZSurveyAnswer = z.object({ token: z.string().min(1).max(200), rating: ZRating, comment: ZComment }).strict();
export const ZPortalRate = z.object({ ticketId: z.uuid(), rating: ZRating, comment: ZComment }).strict();
export const ZTicketRef = z.object({ ticketId: z.uuid() }).strict();

/** What the survey page shows before the answer. */
export const ZSurveyView = z.object({ number: z.number().int(), title: z.string() });
export const ZSurveyAnswered = z.object({ rating: z.number().int() });
/** A ticket's rating as the customer and the operators see it. */
export const ZTicketRating = z.object({ rating: z.number().int(), comment: z.string().nullable(), createdAt: z.date() });
export const ZPortalSurvey = z.object({ canRate: z.boolean(), rating: ZTicketRating.nullable() });

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** The survey token of a ticket closed at `closedAt`. */
export function surveyToken(tenantId: string, ticketId: string, closedAt: Date): Promise<string> {
  return signTicketLink('survey', tenantId, ticketId, closedAt);
}

/** The survey link of a closed ticket, on the tenant's host. */
export async function surveyUrl(tenant: { id: string; slug: string }, ticketId: string, closedAt: Date): Promise<string> {
  return `${tenantOrigin(tenant.slug)}/portal/survey/${await surveyToken(tenant.id, ticketId, closedAt)}`;
}

const invalid = () => new AppError('NOT_FOUND', 'surveyLinkInvalid');
const used = () => new AppError('CONFLICT', 'surveyLinkUsed');

/** The ticket a token names, if its signature holds for the ticket's current closing; else the refusal. */
async function ticketOf(tenant: TenantInfo, token: string, now: Date) {
  const id = ticketOfLink(token);
  if (!id) throw invalid();
  const ticket = await scopedDb(tenant.id).ticket.findUnique({
    where: { id },
    select: { id: true, number: true, title: true, stage: true, closedAt: true, customerId: true, rating: { select: { rating: true } } },
  });
  if (!ticket || ticket.stage !== 'CLOSED' || !ticket.closedAt || !ticket.customerId) throw invalid();
  if (!(await verifyTicketLink('survey', tenant.id, ticket.id, ticket.closedAt, token))) throw invalid();
  if (ticket.rating) throw used();
  if (now.getTime() > ticket.closedAt.getTime() + SURVEY_DAYS * DAY_MS) throw new AppError('BAD_REQUEST', 'surveyLinkExpired');
  return { ...ticket, customerId: ticket.customerId };
}

/** survey.get: the ticket the link asks about (number and title only). */
export async function surveyView(tenant: TenantInfo, token: string, now = new Date()): Promise<z.output<typeof ZSurveyView>> {
  const ticket = await ticketOf(tenant, token, now);
  return { number: ticket.number, title: ticket.title };
}

async function saveRating(tenantId: string, data: { ticketId: string; customerId: string; rating: number; comment: string | null; tokenHash: string | null }, now: Date) {
  try {
    await scopedDb(tenantId).ticketRating.create({ data: { tenantId, ...data, createdAt: now } });
  } catch (error) {
    // The ticket rated a moment ago by another request (one rating per ticket).
    if (uniqueViolationFields(error)) throw used();
    throw error;
  }
}

/** survey.answer: the rating through the link; the link works once. */
export async function answerSurvey(tenant: TenantInfo, input: z.output<typeof ZSurveyAnswer>, now = new Date()): Promise<z.output<typeof ZSurveyAnswered>> {
  const ticket = await ticketOf(tenant, input.token, now);
  await saveRating(tenant.id, { ticketId: ticket.id, customerId: ticket.customerId, rating: input.rating, comment: input.comment, tokenHash: sha256(input.token) }, now);
  return { rating: input.rating };
}

/** portal.survey.get: may the signed-in customer rate their ticket, and its rating if given. */
export async function mySurvey({ db, actor }: Caller<CustomerActor>, ticketId: string, now = new Date()): Promise<z.output<typeof ZPortalSurvey>> {
  const ticket = await db.ticket.findFirst({ where: { id: ticketId, customerId: actor.id }, select: { stage: true, closedAt: true, rating: { select: { rating: true, comment: true, createdAt: true } } } });
  if (!ticket) throw notFound();
  const open = ticket.stage === 'CLOSED' && ticket.closedAt !== null && now.getTime() <= ticket.closedAt.getTime() + SURVEY_DAYS * DAY_MS;
  return { canRate: open && !ticket.rating, rating: ticket.rating };
}

/** portal.survey.rate: the signed-in customer rates their own closed ticket, once. */
export async function rateMine({ db, tenantId, actor }: Caller<CustomerActor>, input: z.output<typeof ZPortalRate>, now = new Date()): Promise<z.output<typeof ZPortalSurvey>> {
  const ticket = await db.ticket.findFirst({ where: { id: input.ticketId, customerId: actor.id }, select: { id: true, stage: true, closedAt: true, rating: { select: { rating: true } } } });
  if (!ticket) throw notFound();
  if (ticket.stage !== 'CLOSED' || !ticket.closedAt) throw new AppError('CONFLICT', 'surveyNotClosed');
  if (ticket.rating) throw new AppError('CONFLICT', 'surveyAlreadyRated');
  if (now.getTime() > ticket.closedAt.getTime() + SURVEY_DAYS * DAY_MS) throw new AppError('BAD_REQUEST', 'surveyLinkExpired');
  await saveRating(tenantId, { ticketId: ticket.id, customerId: actor.id, rating: input.rating, comment: input.comment, tokenHash: null }, now);
  return mySurvey({ db, actor } as Caller<CustomerActor>, input.ticketId, now);
}

/** tickets.rating: a ticket's rating for the operators (a ticket the caller may not see is not found). */
export async function ticketRating({ db }: Pick<Caller, 'db'>, ticketId: string): Promise<z.output<typeof ZTicketRating> | null> {
  const ticket = await db.ticket.findUnique({ where: { id: ticketId }, select: { rating: { select: { rating: true, comment: true, createdAt: true } } } });
  if (!ticket) throw notFound();
  return ticket.rating;
}
