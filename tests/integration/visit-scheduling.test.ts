// G4/G5/G10: the visit's date agreed by both sides, and "Avvia ticket". The office proposes a slot;
// the customer gets an e-mail (through the real worker and the Resend SDK talking to a local
// stand-in) whose link answers it with no sign-in, once; the customer proposes from the portal and
// the office accepts; each step is in the history and the grid's status. A customer's ticket reaches
// its technician's app with its appointment only once started, and only with visit, technician and
// cost agreed. Bad slots, replayed and forged links, stale answers, wrong roles, another customer's
// and another tenant's tickets are refused with nothing saved.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scopedDb } from '@/server/data/scoped';
import { startWorker, type Worker } from '@/server/notifications/worker';
import { translateError } from '@/i18n/catalog';
import { asCustomer, asStaff, callerOn, createCustomer, patchTenantSettings, rejects, type StaffOfEveryRole, type TestTenant, twoTenantsWithStaff, until } from '../factories';
import { allPortalTicketSwitchesOn } from '../factories/portal-tickets';
import { useFakeResend } from '../fakes/resend';

const resend = await useFakeResend('avisos@antena.test');

let a: TestTenant, b: TestTenant, A: StaffOfEveryRole, B: StaffOfEveryRole;
let worker: Worker;
beforeAll(async () => {
  ({ a, b, A, B } = await twoTenantsWithStaff());
  await allPortalTicketSwitchesOn(a);
  await patchTenantSettings(a.id, { techApp: { ...a.settings.techApp, workingHours: { start: '08:00', end: '18:00' } } });
  worker = await startWorker(process.env.DATABASE_URL!, { pollMs: 100 });
}, 60_000);
afterAll(async () => {
  await worker?.stop();
  await resend.close();
});

/** A day `days` from now (the tenant's zone is behind UTC: a few days ahead is always in its future). */
const day = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const emailsTo = resend.deliveredTo;
const tokenIn = (text: string) => /\/portal\/visit\/([A-Za-z0-9_.-]+)/.exec(text)?.[1] ?? null;

async function customerWithTicket(name: string, email: string) {
  const customer = await createCustomer(a, { name, emails: [email], portalPassword: true });
  const ticket = await A.OPERATOR.tickets.create({ customerId: customer.id, title: `Visita para ${name}`, description: 'Sin señal' });
  return { customer, ticket };
}

describe('the office proposes, the customer answers through the e-mailed link', () => {
  it('accepts with no sign-in: the visit is agreed, in the history, and the link works once', async () => {
    const { ticket } = await customerWithTicket('Lía Visita', 'lia.visita@example.com');
    const slot = { date: day(3), from: '09:00', to: '11:00' };
    const proposed = await A.OPERATOR.tickets.proposeVisit({ id: ticket.id, version: 1, visit: slot, note: 'Traiga la ONU <b>vieja</b>' });
    expect(proposed).toMatchObject({ version: 2, scheduleStatus: 'AWAITING_CUSTOMER' });
    const view = await A.OPERATOR.tickets.get({ id: ticket.id });
    expect(view).toMatchObject({ scheduleStatus: 'AWAITING_CUSTOMER', proposedBy: 'OFFICE', proposalNote: 'Traiga la ONU <b>vieja</b>', visitStart: null });

    const [email] = await until(async () => (emailsTo('lia.visita@example.com').length ? emailsTo('lia.visita@example.com') : null));
    const body = email!.body as { text: string; html: string; subject: string };
    expect(body.subject).toContain(`Ticket #${ticket.number}`);
    // The note is the office's text: escaped in the HTML.
    expect(body.html).toContain('Traiga la ONU &lt;b&gt;vieja&lt;/b&gt;');
    const token = tokenIn(body.text)!;
    expect(token).toBeTruthy();

    const visitor = await callerOn(a.host, null);
    const shown = await visitor.visitLink.get({ token });
    expect(shown).toMatchObject({ number: ticket.number, status: 'AWAITING_CUSTOMER', proposal: { visit: slot, note: 'Traiga la ONU <b>vieja</b>', by: 'OFFICE' } });
    const agreed = await visitor.visitLink.accept({ token });
    expect(agreed).toMatchObject({ status: 'AGREED', visit: slot, proposal: null });

    const after = await A.OPERATOR.tickets.get({ id: ticket.id });
    expect(after).toMatchObject({ scheduleStatus: 'AGREED', proposedStart: null, version: 3 });
    expect(after.visitStart).not.toBeNull();
    // Used once: the same link again is refused, and nothing moves.
    const replay = await rejects(visitor.visitLink.accept({ token }), 'CONFLICT');
    expect(translateError('es', replay.message)).toBe('Esta propuesta ya fue respondida o reemplazada por otra.');
    await rejects(visitor.visitLink.counter({ token, visit: { date: day(4), from: '10:00', to: '12:00' } }), 'CONFLICT');
    expect((await A.OPERATOR.tickets.get({ id: ticket.id })).version).toBe(3);

    const history = await A.OPERATOR.tickets.history({ id: ticket.id });
    expect(history.map((e) => e.field)).toEqual(expect.arrayContaining(['visitProposal', 'visit']));
    // The office is told the customer accepted (a push; logged without a device).
    const grid = await A.OPERATOR.tickets.list({ tab: 'PENDING', query: String(ticket.number) });
    expect(grid.items.find((i) => i.id === ticket.id)?.scheduleStatus).toBe('AGREED');
  });

  it('counters through the link: the ticket awaits the company, which accepts; a forged link is refused', async () => {
    const { ticket } = await customerWithTicket('Tomás Contra', 'tomas.contra@example.com');
    await A.OPERATOR.tickets.proposeVisit({ id: ticket.id, version: 1, visit: { date: day(3), from: '14:00', to: '16:00' } });
    const [email] = await until(async () => (emailsTo('tomas.contra@example.com').length ? emailsTo('tomas.contra@example.com') : null));
    const token = tokenIn((email!.body as { text: string }).text)!;
    const visitor = await callerOn(a.host, null);
    const forged = `${token.split('.')[0]}.${'A'.repeat(43)}`;
    await rejects(visitor.visitLink.accept({ token: forged }), 'CONFLICT');
    await rejects(visitor.visitLink.get({ token: 'no-es-un-token' }), 'NOT_FOUND');

    const countered = await visitor.visitLink.counter({ token, visit: { date: day(5), from: '10:00', to: '12:00' }, note: 'Mejor a la mañana' });
    expect(countered).toMatchObject({ status: 'AWAITING_COMPANY', proposal: { by: 'CUSTOMER', note: 'Mejor a la mañana' } });
    const view = await A.OPERATOR.tickets.get({ id: ticket.id });
    expect(view.scheduleStatus).toBe('AWAITING_COMPANY');
    await A.OPERATOR.tickets.acceptVisit({ id: ticket.id, version: view.version });
    expect(await A.OPERATOR.tickets.get({ id: ticket.id })).toMatchObject({ scheduleStatus: 'AGREED', proposalNote: null });
    // Accepting again: nothing waits.
    const again = await rejects(A.OPERATOR.tickets.acceptVisit({ id: ticket.id, version: view.version + 1 }), 'CONFLICT');
    expect(again.message).toBe('scheduling.nothingToAccept');
  });
});

describe('the customer proposes from the portal', () => {
  it('proposes, the office counters, the customer accepts; another customer and another tenant see nothing', async () => {
    const { customer, ticket } = await customerWithTicket('Ana Portal', 'ana.portal@example.com');
    const portal = await asCustomer(a, customer.id);
    expect(await portal.portal.visit.get({ ticketId: ticket.id })).toMatchObject({ status: 'TO_SCHEDULE', visit: null, proposal: null, canPropose: true });
    const mine = await portal.portal.visit.propose({ ticketId: ticket.id, visit: { date: day(2), from: '15:00', to: '17:00' }, note: 'Después de las 15' });
    expect(mine).toMatchObject({ status: 'AWAITING_COMPANY', proposal: { by: 'CUSTOMER' } });
    // Accepting their own proposal is not theirs to do.
    await rejects(portal.portal.visit.accept({ ticketId: ticket.id }), 'CONFLICT');

    const v = await A.OPERATOR.tickets.get({ id: ticket.id });
    await A.OPERATOR.tickets.proposeVisit({ id: ticket.id, version: v.version, visit: { date: day(2), from: '16:00', to: '18:00' } });
    expect(await portal.portal.visit.accept({ ticketId: ticket.id })).toMatchObject({ status: 'AGREED', visit: { date: day(2), from: '16:00', to: '18:00' } });

    const other = await createCustomer(a, { name: 'Otro Cliente' });
    await rejects((await asCustomer(a, other.id)).portal.visit.get({ ticketId: ticket.id }), 'NOT_FOUND');
    await rejects((await asCustomer(a, other.id)).portal.visit.propose({ ticketId: ticket.id, visit: { date: day(2), from: '09:00', to: '10:00' } }), 'NOT_FOUND');
    const bCustomer = await createCustomer(b, { name: 'Cliente de B' });
    await rejects((await asCustomer(b, bCustomer.id)).portal.visit.get({ ticketId: ticket.id }), 'NOT_FOUND');
  });
});

describe('bad input and wrong callers', () => {
  it('refuses a slot in the past or outside working hours, a stale version, and saves nothing', async () => {
    const { ticket } = await customerWithTicket('Beto Mal', 'beto.mal@example.com');
    // A caller made after the tenant's working hours were set (a caller keeps the tenant it was made with).
    A.OPERATOR = await asStaff(a, A.ids.OPERATOR);
    const past = await rejects(A.OPERATOR.tickets.proposeVisit({ id: ticket.id, version: 1, visit: { date: day(-2), from: '09:00', to: '10:00' } }), 'BAD_REQUEST');
    expect(past.cause).toMatchObject({ fieldErrors: { visit: { key: 'validation.visitPast' } } });
    const late = await rejects(A.OPERATOR.tickets.proposeVisit({ id: ticket.id, version: 1, visit: { date: day(3), from: '19:00', to: '20:00' } }), 'BAD_REQUEST');
    expect(late.cause).toMatchObject({ fieldErrors: { visit: { key: 'validation.visitOutsideHours', params: { from: '08:00', to: '18:00' } } } });
    await rejects(A.OPERATOR.tickets.proposeVisit({ id: ticket.id, version: 1, visit: { date: day(3), from: '11:00', to: '10:00' } }), 'BAD_REQUEST');
    await rejects(A.OPERATOR.tickets.proposeVisit({ id: ticket.id, version: 7, visit: { date: day(3), from: '09:00', to: '10:00' } }), 'CONFLICT');
    const row = await scopedDb(a.id).ticket.findUniqueOrThrow({ where: { id: ticket.id } });
    expect(row).toMatchObject({ version: 1, scheduleStatus: 'TO_SCHEDULE', proposedStart: null });
    expect(await scopedDb(a.id).ticketEvent.count({ where: { ticketId: ticket.id, field: { startsWith: 'visit' } } })).toBe(0);
  });

  it('a technician may not schedule or start; another tenant’s ticket is not found', async () => {
    const { ticket } = await customerWithTicket('Caro Rol', 'caro.rol@example.com');
    const slot = { date: day(3), from: '09:00', to: '10:00' };
    await rejects(A.TECHNICIAN.tickets.proposeVisit({ id: ticket.id, version: 1, visit: slot }), 'FORBIDDEN');
    await rejects(A.TECHNICIAN.tickets.acceptVisit({ id: ticket.id, version: 1 }), 'FORBIDDEN');
    await rejects(A.TECHNICIAN.tickets.start({ id: ticket.id, version: 1 }), 'FORBIDDEN');
    await rejects(B.ADMIN.tickets.proposeVisit({ id: ticket.id, version: 1, visit: slot }), 'NOT_FOUND');
    await rejects(B.ADMIN.tickets.start({ id: ticket.id, version: 1 }), 'NOT_FOUND');
    // A partner company's manager: only on tickets handed to their company.
    await rejects(A.PARTNER_MANAGER.tickets.proposeVisit({ id: ticket.id, version: 1, visit: slot }), 'NOT_FOUND');
  });

  it('an internal ticket (no customer) has no one to propose to', async () => {
    const internal = await A.OPERATOR.tickets.create({ description: 'Mantenimiento del nodo' });
    const error = await rejects(A.OPERATOR.tickets.proposeVisit({ id: internal.id, version: 1, visit: { date: day(3), from: '09:00', to: '10:00' } }), 'BAD_REQUEST');
    expect(error.message).toBe('scheduling.noCustomer');
  });
});

describe('"Avvia ticket"', () => {
  it('a customer’s ticket reaches the technician with its appointment only once started, and only when agreed', async () => {
    const customer = await createCustomer(a, { name: 'Dora Inicio', emails: ['dora.inicio@example.com'], portalPassword: true });
    const portal = await asCustomer(a, customer.id);
    const [category] = (await portal.portal.tickets.options()).categories;
    const created = await portal.portal.tickets.create({ categoryId: category!.id, ...(category!.reasons[0] ? { reason: category!.reasons[0] } : {}), description: 'No tengo internet desde ayer' });
    const technicianId = A.ids.TECHNICIAN;
    let t = await A.OPERATOR.tickets.get({ id: created.id });
    expect(t.channel).toBe('PORTAL');
    expect(t.startMissing).toEqual(['visit', 'assignee', 'cost']);
    await rejects(A.OPERATOR.tickets.start({ id: t.id, version: t.version }), 'BAD_REQUEST');

    // Visit set directly by the office, technician and cost: agreed, not started yet.
    const slot = { date: day(1), from: '10:00', to: '12:00' };
    await A.OPERATOR.tickets.update({ id: t.id, version: t.version, assigneeId: technicianId, visit: slot, cost: 1500 });
    t = await A.OPERATOR.tickets.get({ id: t.id });
    expect(t).toMatchObject({ scheduleStatus: 'AGREED', startMissing: [], startedAt: null });
    // The technician sees the ticket (assigned) but not its appointment.
    const before = await A.TECHNICIAN.tech.ticket({ id: t.id });
    expect(before.visitStart).toBeNull();
    expect((await A.TECHNICIAN.tech.home()).nextVisit?.id).not.toBe(t.id);

    const started = await A.OPERATOR.tickets.start({ id: t.id, version: t.version });
    expect(started.version).toBe(t.version + 1);
    const after = await A.TECHNICIAN.tech.ticket({ id: t.id });
    expect(after.visitStart).not.toBeNull();
    expect((await A.TECHNICIAN.tech.home()).today.map((x) => x.id).concat((await A.TECHNICIAN.tech.home()).nextVisit?.id ?? [])).toContain(t.id);
    // The assignee is told: the appointment's push (logged without a device) opens the ticket in the app, and an e-mail.
    const push = await until(async () => (await scopedDb(a.id).message.findMany({ where: { ticketId: t.id, channel: 'PUSH', reason: 'ticket.started' } }))[0] ?? null);
    expect(push!.link).toContain(`/tech?ticket=${t.id}`);
    expect(push!.subject).toBe(`Nueva cita: ticket #${t.number}`);
    // Once only.
    const twice = await rejects(A.OPERATOR.tickets.start({ id: t.id, version: started.version }), 'CONFLICT');
    expect(twice.message).toBe('scheduling.alreadyStarted');
    expect((await A.OPERATOR.tickets.history({ id: t.id })).some((e) => e.field === 'startedAt')).toBe(true);
  });

  it('the office’s own tickets need no start', async () => {
    const own = await A.OPERATOR.tickets.create({ description: 'Revisión de antena', assigneeId: A.ids.TECHNICIAN });
    const t = await A.OPERATOR.tickets.get({ id: own.id });
    expect(t.startMissing).toBeNull();
    const error = await rejects(A.OPERATOR.tickets.start({ id: t.id, version: t.version }), 'BAD_REQUEST');
    expect(error.message).toBe('scheduling.startNotNeeded');
  });
});

describe('G6: the kilometres in the grid', () => {
  it('the kilometres declared on a ticket are the grid’s column', async () => {
    const t = await A.OPERATOR.tickets.create({ description: `Kilómetros ${Date.now()}`, assigneeId: A.ids.TECHNICIAN });
    await A.TECHNICIAN.tickets.update({ id: t.id, version: 1, kilometres: 12.5 });
    const grid = await A.OPERATOR.tickets.list({ tab: 'PENDING', query: String(t.number) });
    expect(grid.items.find((i) => i.id === t.id)?.kilometres).toBe(12.5);
    const other = await A.OPERATOR.tickets.create({ description: 'Sin kilómetros' });
    expect((await A.OPERATOR.tickets.list({ tab: 'PENDING', query: String(other.number) })).items.find((i) => i.id === other.id)?.kilometres).toBeNull();
  });
});
