// D6: SMS through the real Twilio library, talking to a local server that speaks Twilio's Messaging API
// (form body, Basic auth, Twilio's JSON answers); the worker runs for real (pg-boss on the test
// database). E.164 by the tenant's country, the tenant's sender, retries after a 500, refusals with
// Twilio's reason, a tenant without SMS, and invalid numbers that do not stop the rest of a batch.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scopedDb } from '@/server/data/scoped';
import { db } from '@/server/db';
import { startWorker, type Worker } from '@/server/notifications/worker';
import { forgetTenantCache } from '@/server/services/tenants/resolve';
import { asStaff, createCustomer, type StaffOfEveryRole, type TestTenant, twoTenantsWithStaff, until } from '../factories';
import { startFakeSms } from '../fakes/sms';

const ACCOUNT = { accountSid: 'AC0123456789abcdef0123456789abcdef', authToken: 'sms-test-token' };
const sms = await startFakeSms(ACCOUNT);
process.env.TWILIO_ACCOUNT_SID = ACCOUNT.accountSid;
process.env.TWILIO_AUTH_TOKEN = ACCOUNT.authToken;
process.env.TWILIO_BASE_URL = sms.url;
// A provider that does not answer is abandoned after this long (and retried).
process.env.WORKER_SEND_TIMEOUT_SECONDS = '2';
const SENDER = '+15005550006';

let a: TestTenant, b: TestTenant, A: StaffOfEveryRole;
let worker: Worker;

async function smsSettings(tenant: TestTenant, value: { enabled: boolean; from: string }) {
  await db().tenant.update({ where: { id: tenant.id }, data: { settings: { sms: value } } });
  forgetTenantCache();
}

/** A caller reads its tenant once, when made: one made after a settings change sees the change. */
const operatorOfA = () => asStaff(a, A.ids.OPERATOR);

beforeAll(async () => {
  ({ a, b, A } = await twoTenantsWithStaff());
  await smsSettings(a, { enabled: true, from: SENDER });
  worker = await startWorker(process.env.DATABASE_URL!, { pollMs: 200 });
});
afterAll(async () => {
  await worker?.stop();
  await sms.close();
});

async function customerWithPhones(tenant: TestTenant, name: string, phones: string[]) {
  const c = await createCustomer(tenant, { name });
  return scopedDb(tenant.id).customer.update({ where: { id: c.id }, data: { phones } });
}

const smsOf = (tenantId: string, customerId: string) => scopedDb(tenantId).message.findMany({ where: { customerId, channel: 'SMS' }, orderBy: { createdAt: 'asc' } });
const settled = (tenantId: string, customerId: string) =>
  until(async () => {
    const list = await smsOf(tenantId, customerId);
    return list.length && list.every((m) => m.status !== 'PENDING') ? list : null;
  });

/** Messages written by the app (not by the office's dialog): the rows, and the outbox event that hands them to the worker. */
async function writtenByTheApp(tenant: TestTenant, rows: { customerId: string; recipient: string; text: string }[]) {
  return db().$transaction(async (tx) => {
    const created = await tx.message.createManyAndReturn({ data: rows.map((r) => ({ ...r, tenantId: tenant.id, channel: 'SMS' as const, reason: 'test', locale: 'es' })), select: { id: true } });
    await tx.outboxEvent.create({ data: { tenantId: tenant.id, type: 'message.resend', payload: { messageIds: created.map((m) => m.id) } } });
    return created.map((m) => m.id);
  });
}

describe('SMS through Twilio', () => {
  it('reaches Twilio with the number in E.164 by the tenant’s country, the tenant’s sender, the text and Basic auth; logged as sent', async () => {
    const before = sms.requests.length;
    // Typed the Argentine way: trunk 0, area 11, mobile 15 → +54 9 11 ….
    const customer = await customerWithPhones(a, 'Rosa Quiroga', ['011 15-4444-5555', '+54 11 4000-0000']);
    const summary = await (await operatorOfA()).notify.customers({ channel: 'SMS', customerIds: [customer.id], text: 'Mañana cortamos el servicio de 9 a 11 por mantenimiento.' });
    expect(summary).toEqual({ queued: 1, noPhone: 0, invalidPhone: 0, noDevice: 0, noProvider: 0 });
    const [message] = await settled(a.id, customer.id);
    expect(message).toMatchObject({ status: 'SENT', kind: 'MANUAL', reason: 'manual', recipient: '+5491144445555', attempts: 1, errorCode: null, subject: null });

    const sent = sms.requests.slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ method: 'POST', url: `/2010-04-01/Accounts/${ACCOUNT.accountSid}/Messages.json` });
    expect(sent[0]!.headers.authorization).toBe(`Basic ${Buffer.from(`${ACCOUNT.accountSid}:${ACCOUNT.authToken}`).toString('base64')}`);
    expect(sent[0]!.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(sent[0]!.form).toEqual({ To: '+5491144445555', From: SENDER, Body: 'Mañana cortamos el servicio de 9 a 11 por mantenimiento.' });
    expect(message!.providerId).toBe(sms.received.at(-1)!.sid);
    expect(message!.providerId).toMatch(/^SM[0-9a-f]{32}$/);
  });

  it('a Messaging Service SID as the sender goes as MessagingServiceSid', async () => {
    const service = `MG${'ab'.repeat(16)}`;
    await smsSettings(a, { enabled: true, from: service });
    try {
      const before = sms.requests.length;
      const customer = await customerWithPhones(a, 'Por servicio', ['11 4444-1234']);
      await (await operatorOfA()).notify.customers({ channel: 'SMS', customerIds: [customer.id], text: 'Hola' });
      const [message] = await settled(a.id, customer.id);
      expect(message!.status).toBe('SENT');
      expect(sms.requests.slice(before).map((r) => r.form)).toEqual([{ To: '+541144441234', MessagingServiceSid: service, Body: 'Hola' }]);
    } finally {
      await smsSettings(a, { enabled: true, from: SENDER });
    }
  });

  it('Twilio answering 500 then 201: delivered once, after a retry', async () => {
    const before = { requests: sms.requests.length, received: sms.received.length };
    sms.failNext.push(500);
    const customer = await customerWithPhones(a, 'Reintento', ['+54 9 11 5555-0001']);
    await (await operatorOfA()).notify.customers({ channel: 'SMS', customerIds: [customer.id], text: 'Reintento' });
    const [message] = await settled(a.id, customer.id);
    expect(message).toMatchObject({ status: 'SENT', attempts: 2, errorCode: null });
    expect(sms.requests.slice(before.requests).map((r) => r.form.To)).toEqual(['+5491155550001', '+5491155550001']);
    expect(sms.received.length - before.received).toBe(1);
  });

  it('a rate limit (429) or an answer that is not Twilio’s (a proxy’s 502 page): the reason is logged and the message retried', async () => {
    const before = sms.received.length;
    sms.failNext.push(429, { status: 502, body: '<html><body>Bad Gateway</body></html>' });
    const customer = await customerWithPhones(a, 'Saturado', ['+54 9 11 5555-0009']);
    await (await operatorOfA()).notify.customers({ channel: 'SMS', customerIds: [customer.id], text: 'Saturado' });
    const waiting = await until(async () => {
      const [m] = await smsOf(a.id, customer.id);
      return m?.status === 'PENDING' && m.attempts === 1 ? m : null;
    });
    expect(waiting).toMatchObject({ errorCode: 'providerError', errorParams: { provider: 'twilio', status: 429, detail: '20429: Too Many Requests' } });
    const afterGarbage = await until(async () => {
      const [m] = await smsOf(a.id, customer.id);
      return m?.attempts === 2 ? m : null;
    });
    expect(afterGarbage).toMatchObject({ status: 'PENDING', errorCode: 'providerError', errorParams: { provider: 'twilio', status: 502, detail: '[HTTP 502] Failed to execute request' } });
    const [message] = await settled(a.id, customer.id);
    expect(message).toMatchObject({ status: 'SENT', attempts: 3, errorCode: null, errorParams: null });
    expect(sms.received.length - before).toBe(1);
  }, 30_000);

  it('Twilio not answering: abandoned after the send timeout with that reason, then delivered once on a retry', async () => {
    const before = sms.received.length;
    sms.failNext.push('hang');
    const customer = await customerWithPhones(a, 'Sin respuesta', ['+54 9 11 5555-0010']);
    await (await operatorOfA()).notify.customers({ channel: 'SMS', customerIds: [customer.id], text: 'Sin respuesta' });
    const waiting = await until(async () => {
      const [m] = await smsOf(a.id, customer.id);
      return m?.attempts === 1 ? m : null;
    });
    expect(waiting).toMatchObject({ status: 'PENDING', errorCode: 'timedOut', errorParams: { provider: 'twilio', seconds: 2 } });
    const [message] = await settled(a.id, customer.id);
    expect(message).toMatchObject({ status: 'SENT', attempts: 2, errorCode: null });
    expect(sms.received.length - before).toBe(1);
  }, 30_000);

  it('a refusal (400, Twilio 21211) fails at once with Twilio’s reason and is not retried', async () => {
    const before = sms.requests.length;
    sms.failNext.push(400);
    const customer = await customerWithPhones(a, 'Rechazado', ['+54 9 11 5555-0002']);
    await (await operatorOfA()).notify.customers({ channel: 'SMS', customerIds: [customer.id], text: 'Rechazo' });
    const [message] = await settled(a.id, customer.id);
    expect(message).toMatchObject({ status: 'FAILED', attempts: 1, errorCode: 'providerError', errorParams: { provider: 'twilio', status: 400, detail: "21211: The 'To' number is not a valid phone number." } });
    await new Promise((r) => setTimeout(r, 2_500));
    expect(sms.requests.length - before).toBe(1);
    expect((await smsOf(a.id, customer.id))[0]!.status).toBe('FAILED');
  });

  it('a batch with an invalid number and a customer without phone: each logged with its reason, the others sent', async () => {
    const before = sms.received.length;
    const good = await customerWithPhones(a, 'Bien', ['11 5555-0003']);
    const invalid = await customerWithPhones(a, 'Número corto', ['123']);
    const none = await customerWithPhones(a, 'Sin teléfono', []);
    const alsoGood = await customerWithPhones(a, 'También bien', ['+54 9 351 555-1234']);
    const summary = await (await operatorOfA()).notify.customers({ channel: 'SMS', customerIds: [good.id, invalid.id, none.id, alsoGood.id], text: 'Aviso' });
    expect(summary).toEqual({ queued: 2, noPhone: 1, invalidPhone: 1, noDevice: 0, noProvider: 0 });
    expect((await settled(a.id, good.id))[0]).toMatchObject({ status: 'SENT', recipient: '+541155550003' });
    expect((await settled(a.id, alsoGood.id))[0]).toMatchObject({ status: 'SENT', recipient: '+5493515551234' });
    expect((await smsOf(a.id, invalid.id))[0]).toMatchObject({ status: 'NOT_SENT', recipient: '123', errorCode: 'invalidPhone', errorParams: { phone: '123' } });
    expect((await smsOf(a.id, none.id))[0]).toMatchObject({ status: 'NOT_SENT', recipient: 'Sin teléfono', errorCode: 'noAddress' });
    expect(sms.received.slice(before).map((r) => r.to).sort()).toEqual(['+541155550003', '+5493515551234']);
  });

  it('messages the app wrote with a number the provider cannot read: that one not sent with the reason, the rest of the batch delivered', async () => {
    const before = sms.received.length;
    const c1 = await customerWithPhones(a, 'Lote 1', []);
    const c2 = await customerWithPhones(a, 'Lote 2', []);
    const c3 = await customerWithPhones(a, 'Lote 3', []);
    await writtenByTheApp(a, [
      { customerId: c1.id, recipient: '+54 11 4253-1001', text: 'Lote' },
      { customerId: c2.id, recipient: 'no es un número', text: 'Lote' },
      { customerId: c3.id, recipient: '011 4253-1003', text: 'Lote' },
    ]);
    expect((await settled(a.id, c1.id))[0]).toMatchObject({ status: 'SENT' });
    expect((await settled(a.id, c2.id))[0]).toMatchObject({ status: 'NOT_SENT', errorCode: 'invalidPhone', errorParams: { phone: 'no es un número' }, attempts: 0 });
    expect((await settled(a.id, c3.id))[0]).toMatchObject({ status: 'SENT' });
    expect(sms.received.slice(before).map((r) => r.to).sort()).toEqual(['+541142531001', '+541142531003']);
  });

  it('a tenant whose SMS is off: kept as not sent, no provider configured — at once from the dialog, and at delivery for messages already queued', async () => {
    const before = sms.requests.length;
    // Tenant B never turned SMS on.
    const customer = await customerWithPhones(b, 'Sin SMS', ['11 4444-5555']);
    const B_ADMIN = await asStaff(b, b.adminId);
    expect(await B_ADMIN.notify.channels()).toEqual({ sms: false });
    const summary = await B_ADMIN.notify.customers({ channel: 'SMS', customerIds: [customer.id], text: 'Hola' });
    expect(summary).toEqual({ queued: 0, noPhone: 0, invalidPhone: 0, noDevice: 0, noProvider: 1 });
    expect((await smsOf(b.id, customer.id))[0]).toMatchObject({ status: 'NOT_SENT', recipient: '+541144445555', errorCode: 'noProvider' });

    const queued = await customerWithPhones(b, 'En cola', []);
    await writtenByTheApp(b, [{ customerId: queued.id, recipient: '+541144445555', text: 'Ya en cola' }]);
    expect((await settled(b.id, queued.id))[0]).toMatchObject({ status: 'NOT_SENT', errorCode: 'noProvider' });
    expect(sms.requests.length).toBe(before);
    expect(await (await operatorOfA()).notify.channels()).toEqual({ sms: true });
  });
});
