// C10: finishing or closing a ticket from its view, the operator may write a closing comment and
// e-mail it to the customer, and/or the work history. Through tickets.update, the outbox, the real
// worker (pg-boss) and the real Resend SDK talking to a local stand-in: what reaches the customer,
// escaped; what is refused (no finishing, no customer, no comment to send, the wrong role, another
// tenant) and that a refused save writes nothing. Internal notes never reach the customer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scopedDb } from '@/server/data/scoped';
import { db } from '@/server/db';
import { startWorker, type Worker } from '@/server/notifications/worker';
import { createCustomer, rejects, type StaffOfEveryRole, type TestTenant, twoTenantsWithStaff, until } from '../factories';
import { httpCall } from '../factories/http';
import { useFakeResend } from '../fakes/resend';

const resend = await useFakeResend('avisos@antena.test');

let a: TestTenant, b: TestTenant, A: StaffOfEveryRole, B: StaffOfEveryRole;
let worker: Worker;
let finished: { id: string; name: string }, closed: { id: string; name: string }, pending: { id: string };
beforeAll(async () => {
  ({ a, b, A, B } = await twoTenantsWithStaff());
  const states = await scopedDb(a.id).ticketState.findMany({ where: { archivedAt: null }, orderBy: { position: 'asc' } });
  finished = states.find((s) => s.stage === 'FINISHED')!;
  closed = states.find((s) => s.stage === 'CLOSED')!;
  pending = states.find((s) => s.stage === 'PENDING')!;
  worker = await startWorker(process.env.DATABASE_URL!, { pollMs: 100 });
});
afterAll(async () => {
  await worker?.stop();
  await resend.close();
});

async function setHistorySwitch(on: boolean) {
  await db().tenant.update({ where: { id: a.id }, data: { settings: { notifications: { emailHistoryOnFinish: on } } } });
}

/** A ticket of a customer, with one public comment and one internal note in its history. */
async function ticketOf(name: string, email: string | null) {
  const customer = await createCustomer(a, { name, emails: email ? [email] : [] });
  const t = await A.OPERATOR.tickets.create({ customerId: customer.id, title: `Reclamo de ${name}`, description: 'Sin señal' });
  await A.OPERATOR.tickets.comment({ ticketId: t.id, body: 'Se cambió el conector.', public: true });
  await A.OPERATOR.tickets.comment({ ticketId: t.id, body: 'Nota: el cliente fue grosero', public: false });
  return { ...t, customer };
}

/** Waits until the outbox is drained and no e-mail of the tenant waits for its first attempt. */
async function settled() {
  await until(async () => (await db().outboxEvent.count({ where: { tenantId: a.id, processedAt: null } })) === 0);
  await until(async () => (await db().message.count({ where: { tenantId: a.id, status: 'PENDING', attempts: 0 } })) === 0);
}

const emailsTo = resend.deliveredTo;
const closingMessages = (ticketId: string) => scopedDb(a.id).message.findMany({ where: { ticketId, channel: 'EMAIL', reason: { in: ['ticket.finished', 'ticket.closed'] } } });

describe('the closing comment, e-mailed', () => {
  it('closing with a comment to e-mail: saved as a public comment, and the customer gets it — escaped in the HTML — once', async () => {
    await setHistorySwitch(false);
    const t = await ticketOf('Marta Closs', 'marta.closs@example.com');
    const body = 'Reemplazamos la ONT. <script>alert("x")</script> Cualquier cosa, escribinos.';
    await A.OPERATOR.tickets.update({ id: t.id, version: 1, stateId: closed.id, closing: { comment: body, emailComment: true } });
    await settled();
    const sent = await until(async () => {
      const list = emailsTo('marta.closs@example.com');
      return list.length ? list : null;
    });
    expect(sent).toHaveLength(1);
    const email = sent[0]!.body as { subject: string; text: string; html: string };
    expect(email.subject).toBe(`Cierre de tu ticket #${t.number}: Reclamo de Marta Closs`);
    expect(email.text).toContain(body);
    expect(email.text).toContain('dejó este comentario de cierre');
    expect(email.html).toContain('Reemplazamos la ONT. &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(email.html).not.toContain('<script>');
    // Only the comment was chosen: no history, and never the internal note.
    expect(email.text).not.toContain('Se cambió el conector.');
    expect(email.text).not.toContain('grosero');
    expect(await closingMessages(t.id)).toMatchObject([{ reason: 'ticket.closed', recipient: 'marta.closs@example.com', status: 'SENT' }]);
    // The comment is the ticket's, public, with its history entry, in the same save.
    const comments = await A.OPERATOR.tickets.comments({ id: t.id });
    expect(comments.at(-1)).toMatchObject({ body, public: true, author: { id: A.ids.OPERATOR } });
    const history = await A.OPERATOR.tickets.history({ id: t.id });
    // G3: the state's entry and the work status's (COMPLETED).
    expect(history.filter((h) => h.version === 2).map((h) => [h.kind, h.field]).sort()).toEqual([['comment', null], ['field', 'stateId'], ['field', 'workStatus']]);
  });

  it('finishing with the comment and the work history: one e-mail with both, the comment not repeated, no internal note', async () => {
    await setHistorySwitch(false);
    const t = await ticketOf('Nico Finish', 'nico.finish@example.com');
    await A.SUPERVISOR.tickets.update({ id: t.id, version: 1, stateId: finished.id, closing: { comment: 'Quedó funcionando a 300 Mbps.', emailComment: true, emailHistory: true } });
    await settled();
    const [email] = await until(async () => (emailsTo('nico.finish@example.com').length ? emailsTo('nico.finish@example.com') : null));
    const text = (email!.body as { text: string }).text;
    expect(text.split('Quedó funcionando a 300 Mbps.')).toHaveLength(2);
    expect(text).toContain('Este es el historial del trabajo:');
    expect(text).toContain('Se cambió el conector.');
    expect(text).toContain(finished.name);
    expect(text).not.toContain('grosero');
    expect(emailsTo('nico.finish@example.com')).toHaveLength(1);
  });

  it('the work history alone, chosen with the tenant’s switch off: the work summary e-mail', async () => {
    await setHistorySwitch(false);
    const t = await ticketOf('Olga Historia', 'olga.historia@example.com');
    await A.OPERATOR.tickets.update({ id: t.id, version: 1, stateId: finished.id, closing: { emailHistory: true } });
    await settled();
    const [email] = await until(async () => (emailsTo('olga.historia@example.com').length ? emailsTo('olga.historia@example.com') : null));
    expect((email!.body as { subject: string }).subject).toBe(`Resumen del trabajo del ticket #${t.number}: Reclamo de Olga Historia`);
    expect((email!.body as { text: string }).text).toContain('Se cambió el conector.');
  });

  it('a comment written but not chosen for e-mail stays on the ticket; nothing is sent (switch off)', async () => {
    await setHistorySwitch(false);
    const t = await ticketOf('Pablo Quieto', 'pablo.quieto@example.com');
    await A.OPERATOR.tickets.update({ id: t.id, version: 1, stateId: closed.id, closing: { comment: 'Cerrado por pedido del cliente.' } });
    await settled();
    expect((await A.OPERATOR.tickets.comments({ id: t.id })).at(-1)).toMatchObject({ body: 'Cerrado por pedido del cliente.', public: true });
    expect(await closingMessages(t.id)).toEqual([]);
    expect(emailsTo('pablo.quieto@example.com')).toEqual([]);
  });

  it('with the tenant’s switch on, the first finishing e-mail carries the history too; closing later sends it no more', async () => {
    await setHistorySwitch(true);
    const t = await ticketOf('Rita Regla', 'rita.regla@example.com');
    await A.OPERATOR.tickets.update({ id: t.id, version: 1, stateId: finished.id, closing: { comment: 'Listo.', emailComment: true } });
    await settled();
    await A.OPERATOR.tickets.update({ id: t.id, version: 2, stateId: closed.id });
    await settled();
    const sent = emailsTo('rita.regla@example.com');
    expect(sent).toHaveLength(1);
    expect((sent[0]!.body as { text: string }).text).toContain('Se cambió el conector.');
    await setHistorySwitch(false);
  });

  it('a customer without an e-mail address: the closing e-mail is logged as not sent, with the reason', async () => {
    const t = await ticketOf('Sofía Sinmail', null);
    await A.OPERATOR.tickets.update({ id: t.id, version: 1, stateId: closed.id, closing: { comment: 'Resuelto.', emailComment: true } });
    await settled();
    expect(await closingMessages(t.id)).toMatchObject([{ status: 'NOT_SENT', errorCode: 'noAddress', recipient: 'Sofía Sinmail' }]);
  });
});

describe('what is refused, translated, with nothing written', () => {
  const session = () => ({ kind: 'staff' as const, userId: A.ids.OPERATOR, tenantId: a.id });
  async function unchanged(ticketId: string) {
    const ticket = await A.OPERATOR.tickets.get({ id: ticketId });
    expect(ticket.version).toBe(1);
    expect((await A.OPERATOR.tickets.comments({ id: ticketId })).map((c) => c.body)).toEqual(['Se cambió el conector.', 'Nota: el cliente fue grosero']);
  }

  it('a closing without finishing or closing the ticket, or when reopening', async () => {
    const t = await ticketOf('Tomás Abierto', 'tomas.abierto@example.com');
    const same = await httpCall({ host: a.host, session: session(), path: 'tickets.update', input: { id: t.id, version: 1, title: 'Otro título', closing: { comment: 'Hola', emailComment: true } } });
    expect(same.status).toBe(400);
    expect(same.json.error?.json.data.fieldErrors).toEqual({ closing: 'El comentario de cierre va con un cambio a un estado finalizado o cerrado.' });
    const nothing = await httpCall({ host: a.host, session: session(), path: 'tickets.update', input: { id: t.id, version: 1, closing: { comment: 'Hola' } }, locale: 'it' });
    expect(nothing.json.error?.json.data.fieldErrors).toEqual({ closing: 'Il commento di chiusura accompagna il passaggio a uno stato completato o chiuso.' });
    await unchanged(t.id);
    await A.OPERATOR.tickets.update({ id: t.id, version: 1, stateId: finished.id });
    await rejects(A.OPERATOR.tickets.update({ id: t.id, version: 2, stateId: pending.id, closing: { comment: 'Reabierto' } }), 'BAD_REQUEST');
    expect((await A.OPERATOR.tickets.get({ id: t.id })).version).toBe(2);
  });

  it('a comment to e-mail that is empty, or a ticket without a customer', async () => {
    const t = await ticketOf('Ursula Vacía', 'ursula@example.com');
    const empty = await httpCall({ host: a.host, session: session(), path: 'tickets.update', input: { id: t.id, version: 1, stateId: closed.id, closing: { comment: '  ', emailComment: true } }, locale: 'en' });
    expect(empty.status).toBe(400);
    expect(empty.json.error?.json.data.fieldErrors).toEqual({ 'closing.comment': 'Write the closing comment to e-mail it.' });
    await unchanged(t.id);
    const internal = await A.OPERATOR.tickets.create({ title: 'Sin cliente', description: 'Revisión del nodo' });
    const noCustomer = await httpCall({ host: a.host, session: session(), path: 'tickets.update', input: { id: internal.id, version: 1, stateId: closed.id, closing: { emailHistory: true } } });
    expect(noCustomer.json.error?.json.data.fieldErrors).toEqual({ closing: 'Este ticket no tiene cliente: no hay a quién enviarle el correo.' });
    expect((await A.OPERATOR.tickets.get({ id: internal.id })).version).toBe(1);
  });

  it('a technician may not close (FORBIDDEN, no comment written) but may finish with a closing comment', async () => {
    const t = await ticketOf('Víctor Técnico', 'victor@example.com');
    await A.OPERATOR.tickets.update({ id: t.id, version: 1, assigneeId: A.ids.TECHNICIAN });
    await rejects(A.TECHNICIAN.tickets.update({ id: t.id, version: 2, stateId: closed.id, closing: { comment: 'Cerrado por el técnico', emailComment: true } }), 'FORBIDDEN');
    expect((await A.OPERATOR.tickets.comments({ id: t.id })).map((c) => c.body)).not.toContain('Cerrado por el técnico');
    await A.TECHNICIAN.tickets.update({ id: t.id, version: 2, stateId: finished.id, closing: { comment: 'Terminé la instalación.' } });
    expect((await A.OPERATOR.tickets.comments({ id: t.id })).at(-1)).toMatchObject({ body: 'Terminé la instalación.', author: { id: A.ids.TECHNICIAN } });
  });

  it('another tenant’s ticket is NOT_FOUND and gets no comment', async () => {
    const t = await ticketOf('Walter Ajeno', 'walter@example.com');
    const bClosed = await scopedDb(b.id).ticketState.findFirstOrThrow({ where: { stage: 'CLOSED' } });
    await rejects(B.ADMIN.tickets.update({ id: t.id, version: 1, stateId: bClosed.id, closing: { comment: 'Intruso', emailComment: true } }), 'NOT_FOUND');
    await unchanged(t.id);
    await settled();
    expect(emailsTo('walter@example.com')).toEqual([]);
  });
});
