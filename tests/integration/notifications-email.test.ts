// D1 + D6: a ticket assigned in the back office reaches the technician as an e-mail through the real
// Resend SDK, talking to a local server that speaks Resend's API; the worker runs for real (pg-boss
// on the test database). Retries after a 500, refusals, idempotency, and rules that send nothing.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scopedDb } from '@/server/data/scoped';
import { db } from '@/server/db';
import { startWorker, type Worker } from '@/server/notifications/worker';
import { dispatchOutbox } from '@/server/notifications/dispatch';
import { PROVIDERS } from '@/server/notifications/providers';
import { createCustomer, rejects, type StaffOfEveryRole, type TestTenant, twoTenantsWithStaff, until } from '../factories';
import { useFakeResend } from '../fakes/resend';

const resend = await useFakeResend('avisos@antena.test');

let a: TestTenant, A: StaffOfEveryRole, B: StaffOfEveryRole;
let worker: Worker;
beforeAll(async () => {
  ({ a, A, B } = await twoTenantsWithStaff());
  worker = await startWorker(process.env.DATABASE_URL!, { pollMs: 200 });
});
afterAll(async () => {
  await worker?.stop();
  await resend.close();
});

async function assignedTicket(title: string) {
  const customer = await createCustomer(a, { name: 'Rosa Quiroga' });
  const t = await A.OPERATOR.tickets.create({ customerId: customer.id, title, description: 'No hay señal desde ayer.' });
  await A.OPERATOR.tickets.update({ id: t.id, version: 1, assigneeId: A.ids.TECHNICIAN });
  return t;
}

const messagesOf = (ticketId: string) => scopedDb(a.id).message.findMany({ where: { ticketId, channel: 'EMAIL' }, orderBy: { createdAt: 'asc' } });

describe('e-mail to the technician on assignment', () => {
  it('is rendered in the tenant’s name and color, sent once with its id as the idempotency key, and logged as sent', async () => {
    const before = resend.requests.length;
    const t = await assignedTicket('Sin señal en Wilde');
    const [message] = await until(async () => {
      const list = await messagesOf(t.id);
      return list.length && list[0]!.status === 'SENT' ? list : null;
    });
    const technician = await db().user.findUniqueOrThrow({ where: { id: A.ids.TECHNICIAN } });
    expect(message).toMatchObject({ channel: 'EMAIL', kind: 'AUTOMATIC', reason: 'ticket.assigned', recipient: technician.email, userId: technician.id, attempts: 1, errorCode: null });
    expect(message!.subject).toBe(`Ticket #${t.number} asignado: Sin señal en Wilde`);

    const sent = resend.requests.slice(before);
    expect(sent).toHaveLength(1);
    const [request] = sent;
    expect(request).toMatchObject({ method: 'POST', url: '/emails' });
    expect(request!.headers.authorization).toBe('Bearer re_test_key');
    expect(request!.headers['idempotency-key']).toBe(message!.id);
    expect(request!.body).toMatchObject({ from: `${a.name} <avisos@antena.test>`, to: [technician.email], subject: message!.subject });
    expect(request!.body.text).toContain('Cliente: Rosa Quiroga');
    expect(request!.body.text).toContain(`/tech?ticket=${t.id}`);
    expect(request!.body.html).toContain('#1d5fd6');
    expect(request!.body.html).toContain(a.name);
    expect(message!.providerId).toBe(resend.delivered.at(-1)!.id);
  });

  it('a provider answering 500 then 200: delivered once after a retry', async () => {
    const before = { requests: resend.requests.length, delivered: resend.delivered.length };
    resend.failNext.push(500);
    const t = await assignedTicket('Reintento');
    const [message] = await until(async () => {
      const list = await messagesOf(t.id);
      return list[0]?.status === 'SENT' ? list : null;
    });
    expect(message!.attempts).toBe(2);
    const sent = resend.requests.slice(before.requests);
    expect(sent.map((r) => r.headers['idempotency-key'])).toEqual([message!.id, message!.id]);
    expect(resend.delivered.length - before.delivered).toBe(1);
  });

  it('a refused message (422) fails at once with the provider’s reason, and is not retried', async () => {
    const before = resend.requests.length;
    resend.failNext.push(422);
    const t = await assignedTicket('Rechazado');
    const [message] = await until(async () => {
      const list = await messagesOf(t.id);
      return list[0]?.status === 'FAILED' ? list : null;
    });
    // The provider's own words, kept as they came; the reason itself is a code, translated on display.
    expect(message).toMatchObject({ errorCode: 'providerError', errorParams: { provider: 'resend', status: 422, detail: 'validation_error: Invalid `to` field.' } });
    await new Promise((r) => setTimeout(r, 2_500));
    expect(resend.requests.length - before).toBe(1);
    // The ticket's own save was never held up: it is assigned.
    expect((await A.OPERATOR.tickets.get({ id: t.id })).assignee?.id).toBe(A.ids.TECHNICIAN);
  });

  it('sends nothing when the technician assigned themselves, when the tenant switched the rule off, or for internal notes', async () => {
    const customer = await createCustomer(a);
    const own = await A.TECHNICIAN.tickets.create({ customerId: customer.id, title: 'Me lo asigno', description: 'x', assigneeId: A.ids.TECHNICIAN });
    await A.OPERATOR.tickets.comment({ ticketId: own.id, body: 'Nota interna', public: false });
    await scopedDb(a.id).tenant.update({ where: { id: a.id }, data: { settings: { notifications: { emailAssignee: false } } } });
    const off = await assignedTicket('Regla apagada');
    await until(async () => (await db().outboxEvent.count({ where: { tenantId: a.id, processedAt: null } })) === 0);
    expect(await messagesOf(own.id)).toEqual([]);
    expect(await messagesOf(off.id)).toEqual([]);
    await scopedDb(a.id).tenant.update({ where: { id: a.id }, data: { settings: {} } });
  });

  it('an event handled twice (a crash after the messages were written) makes no second message', async () => {
    const t = await assignedTicket('Dos veces');
    await until(async () => (await messagesOf(t.id))[0]?.status === 'SENT');
    const event = await db().outboxEvent.findFirstOrThrow({ where: { tenantId: a.id, type: 'ticket.assigned', payload: { path: ['ticketId'], equals: t.id } } });
    await db().outboxEvent.update({ where: { id: event.id }, data: { processedAt: null } });
    await dispatchOutbox(worker.boss);
    expect(await messagesOf(t.id)).toHaveLength(1);
  });
});

describe('the e-mail log (D3)', () => {
  it('lists, filters and shows messages as sent; resending a failed one sends a new manual copy; only the office, only its tenant', async () => {
    resend.failNext.push(422);
    const t = await assignedTicket('Para el registro');
    const [failed] = await until(async () => {
      const list = await messagesOf(t.id);
      return list[0]?.status === 'FAILED' ? list : null;
    });
    const log = await A.OPERATOR.messages.list({ channel: 'EMAIL', status: 'FAILED' });
    expect(log.items.map((m) => m.id)).toContain(failed!.id);
    expect(log.items.every((m) => m.status === 'FAILED')).toBe(true);
    expect((await A.OPERATOR.messages.list({ channel: 'EMAIL', query: 'Para el registro' })).items.map((m) => m.id)).toEqual([failed!.id]);
    expect((await A.OPERATOR.messages.list({ channel: 'EMAIL', query: 'rosa quiroga', kind: 'AUTOMATIC' })).items.length).toBeGreaterThan(0);
    expect((await A.OPERATOR.messages.list({ channel: 'SMS' })).items).toEqual([]);
    expect((await A.OPERATOR.messages.list({ channel: 'EMAIL', from: '2999-01-01' })).items).toEqual([]);
    const shown = await A.SUPERVISOR.messages.get({ id: failed!.id });
    expect(shown).toMatchObject({ subject: failed!.subject, text: failed!.text, html: failed!.html, ...({ errorCode: 'providerError', errorParams: { provider: 'resend', status: 422, detail: 'validation_error: Invalid `to` field.' } }) });

    const { ids } = await A.OPERATOR.messages.resend({ ids: [failed!.id] });
    const copy = await until(async () => {
      const m = await scopedDb(a.id).message.findUnique({ where: { id: ids[0]! } });
      return m?.status === 'SENT' ? m : null;
    });
    expect(copy).toMatchObject({ kind: 'MANUAL', subject: failed!.subject, recipient: failed!.recipient, ticketId: t.id });
    expect((await scopedDb(a.id).message.findUniqueOrThrow({ where: { id: failed!.id } })).status).toBe('FAILED');

    await rejects(A.TECHNICIAN.messages.list({ channel: 'EMAIL' }), 'FORBIDDEN');
    await rejects(A.TECHNICIAN.messages.resend({ ids: [failed!.id] }), 'FORBIDDEN');
    expect((await B.ADMIN.messages.list({ channel: 'EMAIL' })).items).toEqual([]);
    await rejects(B.ADMIN.messages.get({ id: failed!.id }), 'NOT_FOUND');
    await rejects(B.ADMIN.messages.resend({ ids: [failed!.id] }), 'NOT_FOUND');
    await rejects(A.OPERATOR.messages.list({ channel: 'FAX' as 'EMAIL' }), 'BAD_REQUEST');
  });
});

describe('the sender (issue 15)', () => {
  it('a tenant name holding commas, addresses or line breaks names the sender and adds no address', async () => {
    const id = randomUUID();
    const name = 'Soporte, jefe@evil.test <otro@evil.test>\r\nBcc: todos@evil.test';
    const result = await PROVIDERS.EMAIL({ id, tenantId: a.id, recipient: 'ana@example.test', subject: 'Hola', text: 'Hola', html: null, link: null, subscriptionId: null, reason: 'manual', tenant: { name } });
    expect(result).toMatchObject({ ok: true });
    const request = resend.requests.find((r) => r.headers['idempotency-key'] === id);
    expect(request!.body.from).toBe('"Soporte, jefe@evil.test otro@evil.test Bcc: todos@evil.test" <avisos@antena.test>');
  });
});
