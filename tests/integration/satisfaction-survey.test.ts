// H5: the satisfaction survey. Closing a ticket (whoever closes it) asks its customer to rate it 1–5:
// the closing e-mail (through the real worker and the Resend SDK talking to a local stand-in) and the
// push carry a signed single-use link that needs no sign-in; the portal asks on the closed ticket.
// Forged, reused, expired and out-of-date links are refused; ratings outside 1–5 too; a customer rates
// only their own tickets; operators see the rating on the ticket and in the grid.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scopedDb } from '@/server/data/scoped';
import { db } from '@/server/db';
import { startWorker, type Worker } from '@/server/notifications/worker';
import { answerSurvey, surveyToken, SURVEY_DAYS } from '@/server/services/survey/survey';
import { asCustomer, callerOn, createCustomer, rejects, type StaffOfEveryRole, type TestTenant, twoTenantsWithStaff, until } from '../factories';
import { useFakeResend } from '../fakes/resend';

const resend = await useFakeResend('avisos@antena.test');

let a: TestTenant, b: TestTenant, A: StaffOfEveryRole, B: StaffOfEveryRole;
let worker: Worker;
let closed: { id: string }, pending: { id: string };
beforeAll(async () => {
  ({ a, b, A, B } = await twoTenantsWithStaff());
  const states = await scopedDb(a.id).ticketState.findMany({ where: { archivedAt: null }, orderBy: { position: 'asc' } });
  closed = states.find((s) => s.stage === 'CLOSED')!;
  pending = states.find((s) => s.stage === 'PENDING')!;
  worker = await startWorker(process.env.DATABASE_URL!, { pollMs: 100 });
});
afterAll(async () => {
  await worker?.stop();
  await resend.close();
});

async function ticketOf(name: string, email: string) {
  const customer = await createCustomer(a, { name, emails: [email], portalPassword: true });
  const t = await A.OPERATOR.tickets.create({ customerId: customer.id, title: `Reclamo de ${name}`, description: 'Sin señal' });
  return { ...t, customer };
}

const emailsTo = resend.deliveredTo;
const anonymous = () => callerOn(a.host, null);
const tokenIn = (text: string) => /\/portal\/survey\/([A-Za-z0-9_.-]+)/.exec(text)?.[1] ?? null;

describe('the survey link', () => {
  it('comes in the closing e-mail and the push, rates the ticket once with no sign-in, and operators see it', async () => {
    const t = await ticketOf('Sara Encuesta', 'sara.encuesta@example.com');
    await A.OPERATOR.tickets.update({ id: t.id, version: 1, stateId: closed.id, closing: { comment: 'Se reemplazó la ONU.', emailComment: true } });
    const [email] = await until(async () => (emailsTo('sara.encuesta@example.com').length ? emailsTo('sara.encuesta@example.com') : null));
    const text = (email!.body as { text: string }).text;
    expect(text).toContain('Calificá la atención de 1 a 5');
    const token = tokenIn(text)!;
    expect(token).toBeTruthy();
    expect((email!.body as { html: string }).html).toContain(`/portal/survey/${token}`);
    // The push (logged not sent: no device) links to the same survey.
    const push = await until(async () => (await scopedDb(a.id).message.findMany({ where: { ticketId: t.id, channel: 'PUSH' } })).find((m) => m.link?.includes('/portal/survey/')) ?? null);
    expect(push!.link).toContain(token);

    const visitor = await anonymous();
    expect(await visitor.survey.get({ token })).toEqual({ number: t.number, title: 'Reclamo de Sara Encuesta' });
    expect(await visitor.survey.answer({ token, rating: 4, comment: '  Muy amables.  ' })).toEqual({ rating: 4 });
    // Used once: replayed, refused, and nothing changes.
    const replay = await rejects(visitor.survey.answer({ token, rating: 1 }), 'CONFLICT');
    expect(replay.message).toBe('surveyLinkUsed');
    await rejects(visitor.survey.get({ token }), 'CONFLICT');
    const row = await scopedDb(a.id).ticketRating.findFirstOrThrow({ where: { ticketId: t.id } });
    expect(row).toMatchObject({ rating: 4, comment: 'Muy amables.', customerId: t.customer.id });
    // Only the token's hash is kept.
    expect(row.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(await scopedDb(a.id).ticketRating.findMany())).not.toContain(token);

    expect(await A.OPERATOR.survey.forTicket({ ticketId: t.id })).toMatchObject({ rating: 4, comment: 'Muy amables.' });
    const grid = await A.OPERATOR.tickets.list({ tab: 'CLOSED' });
    expect(grid.items.find((i) => i.id === t.id)?.rating).toBe(4);
    // Another tenant, and a technician who may not see the ticket, get nothing.
    await rejects(B.ADMIN.survey.forTicket({ ticketId: t.id }), 'NOT_FOUND');
    await rejects(A.TECHNICIAN.survey.forTicket({ ticketId: t.id }), 'NOT_FOUND');
    // The customer's portal shows it rated.
    expect(await (await asCustomer(a, t.customer.id)).portal.survey.get({ ticketId: t.id })).toMatchObject({ canRate: false, rating: { rating: 4 } });
  });

  it('refuses forged, foreign, expired and out-of-date links, and ratings outside 1–5', async () => {
    const t = await ticketOf('Tomás Falso', 'tomas.falso@example.com');
    await A.OPERATOR.tickets.update({ id: t.id, version: 1, stateId: closed.id });
    const closedAt = (await scopedDb(a.id).ticket.findUniqueOrThrow({ where: { id: t.id } })).closedAt!;
    const token = await surveyToken(a.id, t.id, closedAt);
    const visitor = await anonymous();

    const forged = `${token.slice(0, -2)}${token.endsWith('AA') ? 'AB' : 'AA'}`;
    expect((await rejects(visitor.survey.answer({ token: forged, rating: 5 }), 'NOT_FOUND')).message).toBe('surveyLinkInvalid');
    await rejects(visitor.survey.answer({ token: 'no-es-un-token', rating: 5 }), 'NOT_FOUND');
    // Signed for another tenant: not found on this one.
    await rejects(visitor.survey.answer({ token: await surveyToken(b.id, t.id, closedAt), rating: 5 }), 'NOT_FOUND');
    // The right token on another tenant's host names nothing there.
    await rejects((await callerOn(b.host, null)).survey.answer({ token, rating: 5 }), 'NOT_FOUND');

    for (const rating of [0, 6, 2.5]) {
      const bad = await rejects(visitor.survey.answer({ token, rating }), 'BAD_REQUEST');
      expect(JSON.stringify((bad as { cause?: unknown }).cause)).toContain('rating');
    }
    // Expired: time passed as an argument.
    const late = new Date(closedAt.getTime() + (SURVEY_DAYS + 1) * 86_400_000);
    await expect(answerSurvey(a, { token, rating: 5, comment: null }, late)).rejects.toMatchObject({ code: 'BAD_REQUEST', messageKey: 'surveyLinkExpired' });

    // Reopened and closed again: the earlier closing's link no longer works; the new one does.
    await A.OPERATOR.tickets.update({ id: t.id, version: 2, stateId: pending.id });
    await rejects(visitor.survey.get({ token }), 'NOT_FOUND');
    await A.OPERATOR.tickets.update({ id: t.id, version: 3, stateId: closed.id });
    await rejects(visitor.survey.answer({ token, rating: 5 }), 'NOT_FOUND');
    const reclosedAt = (await scopedDb(a.id).ticket.findUniqueOrThrow({ where: { id: t.id } })).closedAt!;
    expect(await visitor.survey.answer({ token: await surveyToken(a.id, t.id, reclosedAt), rating: 2 })).toEqual({ rating: 2 });
    expect(await scopedDb(a.id).ticketRating.count({ where: { ticketId: t.id } })).toBe(1);
  });
});

describe('rating in the portal, signed in', () => {
  it('rates one’s own closed ticket once; never an open one nor another customer’s', async () => {
    const mine = await ticketOf('Úrsula Portal', 'ursula.portal@example.com');
    const other = await ticketOf('Vecino Ajeno', 'vecino.ajeno@example.com');
    const portal = await asCustomer(a, mine.customer.id);
    expect(await portal.portal.survey.get({ ticketId: mine.id })).toEqual({ canRate: false, rating: null });
    expect((await rejects(portal.portal.survey.rate({ ticketId: mine.id, rating: 5 }), 'CONFLICT')).message).toBe('surveyNotClosed');

    await A.OPERATOR.tickets.update({ id: mine.id, version: 1, stateId: closed.id });
    await A.OPERATOR.tickets.update({ id: other.id, version: 1, stateId: closed.id });
    expect(await portal.portal.survey.get({ ticketId: mine.id })).toEqual({ canRate: true, rating: null });
    await rejects(portal.portal.survey.rate({ ticketId: mine.id, rating: 7 }), 'BAD_REQUEST');
    await rejects(portal.portal.survey.get({ ticketId: other.id }), 'NOT_FOUND');
    await rejects(portal.portal.survey.rate({ ticketId: other.id, rating: 1 }), 'NOT_FOUND');
    const rated = await portal.portal.survey.rate({ ticketId: mine.id, rating: 5, comment: 'Excelente' });
    expect(rated).toMatchObject({ canRate: false, rating: { rating: 5, comment: 'Excelente' } });
    expect((await rejects(portal.portal.survey.rate({ ticketId: mine.id, rating: 1 }), 'CONFLICT')).message).toBe('surveyAlreadyRated');
    expect(await scopedDb(a.id).ticketRating.findFirst({ where: { ticketId: other.id } })).toBeNull();
    // Staff and another tenant's customer: refused.
    await rejects(A.OPERATOR.portal.survey.rate({ ticketId: mine.id, rating: 3 }), 'FORBIDDEN');
    const stranger = await asCustomer(b, (await createCustomer(b, { portalPassword: true })).id);
    await rejects(stranger.portal.survey.get({ ticketId: mine.id }), 'NOT_FOUND');
    // Its rating is the one the operators see.
    expect(await A.SUPERVISOR.survey.forTicket({ ticketId: mine.id })).toMatchObject({ rating: 5 });
    expect(await db().ticketRating.count({ where: { tenantId: b.id } })).toBe(0);
  });
});
