// D2: the office writes by hand — a push to a staff member, a push or an SMS to customers — and D6's
// per-tenant SMS settings. Each procedure: allowed, the wrong role, another tenant's rows. Messages
// and the outbox event that hands them to the worker are written together; the worker is not
// running here, so what is queued stays queued and can be counted.
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/server/db';
import { scopedDb } from '@/server/data/scoped';
import { forgetTenantCache } from '@/server/services/tenants/resolve';
import type { Locale } from '@/lib/format';
import { asCustomer, asStaff, createCustomer, rejects, type StaffOfEveryRole, type TestTenant, twoTenantsWithStaff } from '../factories';
import { httpCall } from '../factories/http';

process.env.TWILIO_ACCOUNT_SID = 'AC00000000000000000000000000000000';
process.env.TWILIO_AUTH_TOKEN = 'not-used-here';

let a: TestTenant, b: TestTenant, A: StaffOfEveryRole, B: StaffOfEveryRole;

beforeAll(async () => {
  ({ a, b, A, B } = await twoTenantsWithStaff());
  await db().tenant.update({ where: { id: a.id }, data: { settings: { sms: { enabled: true, from: 'Antena' } } } });
  forgetTenantCache();
});

/** Callers made after the settings change (a caller reads its tenant when made). */
const as = (tenant: TestTenant, id: string) => asStaff(tenant, id);

async function customer(tenant: TestTenant, name: string, phones: string[]) {
  const c = await createCustomer(tenant, { name });
  return scopedDb(tenant.id).customer.update({ where: { id: c.id }, data: { phones } });
}

let deviceCount = 0;
async function device(tenant: TestTenant, owner: { userId: string } | { customerId: string }, label: string) {
  deviceCount += 1;
  return scopedDb(tenant.id).pushSubscription.create({
    data: { tenantId: tenant.id, ...owner, endpoint: `https://fcm.googleapis.com/fcm/send/notify-test-${deviceCount}-${Date.now()}`, p256dh: 'BExample', auth: 'secret', label },
  });
}

/** A call as the browser makes it: its status and the translated field errors it gets back. */
async function fieldErrors(tenant: TestTenant, userId: string, path: string, input: unknown, locale: Locale = 'es') {
  const res = await httpCall({ host: tenant.host, session: { kind: 'staff', userId, tenantId: tenant.id }, path, input, locale });
  expect(res.status).toBe(400);
  return res.json.error!.json.data.fieldErrors;
}

/** The outbox events handing messages to the worker, newest first. */
const handedOver = (tenant: TestTenant) => scopedDb(tenant.id).outboxEvent.findMany({ where: { type: 'message.resend' }, orderBy: { createdAt: 'desc' } });

describe('notify.user — a push to a staff member (from their profile)', () => {
  it('one message per device, queued with the outbox event in the same write; kind manual', async () => {
    await device(a, { userId: A.ids.TECHNICIAN }, 'Chrome · Android');
    await device(a, { userId: A.ids.TECHNICIAN }, 'Chrome · Android');
    const op = await as(a, A.ids.OPERATOR);
    const summary = await op.notify.user({ userId: A.ids.TECHNICIAN, title: 'Corte programado', text: 'Pasá por el depósito antes de las 10.' });
    expect(summary).toEqual({ queued: 2, noPhone: 0, invalidPhone: 0, noDevice: 0, noProvider: 0 });
    const messages = await scopedDb(a.id).message.findMany({ where: { userId: A.ids.TECHNICIAN, channel: 'PUSH' }, orderBy: { recipient: 'asc' } });
    expect(messages.map((m) => m.recipient.split(' — ')[1])).toEqual(['Chrome · Android', 'Chrome · Android (2)']);
    expect(messages.every((m) => m.kind === 'MANUAL' && m.reason === 'manual' && m.status === 'PENDING' && m.subject === 'Corte programado')).toBe(true);
    expect(messages[0]!.link).toMatch(/\/tech$/);
    // Who sent it is kept, and the log's view says it.
    expect(messages.every((m) => m.sentById === A.ids.OPERATOR)).toBe(true);
    const operator = await scopedDb(a.id).user.findUniqueOrThrow({ where: { id: A.ids.OPERATOR }, select: { name: true } });
    expect((await (await as(a, a.adminId)).messages.get({ id: messages[0]!.id })).sentBy).toEqual({ id: A.ids.OPERATOR, name: operator.name });
    const [event] = await handedOver(a);
    expect([...(event!.payload as { messageIds: string[] }).messageIds].sort()).toEqual(messages.map((m) => m.id).sort());
  });

  it('someone with no device is logged as not sent, and nothing is handed to the worker', async () => {
    const events = (await handedOver(a)).length;
    const admin = await as(a, a.adminId);
    const summary = await admin.notify.user({ userId: A.ids.SUPERVISOR, title: 'Hola', text: 'Reunión a las 9.', link: 'https://example.com/agenda' });
    expect(summary).toEqual({ queued: 0, noPhone: 0, invalidPhone: 0, noDevice: 1, noProvider: 0 });
    const [message] = await scopedDb(a.id).message.findMany({ where: { userId: A.ids.SUPERVISOR, channel: 'PUSH' } });
    expect(message).toMatchObject({ status: 'NOT_SENT', errorCode: 'noDevice', kind: 'MANUAL', link: 'https://example.com/agenda' });
    expect((await handedOver(a)).length).toBe(events);
  });

  it('checks the fields, in the caller’s language', async () => {
    expect(await fieldErrors(a, A.ids.OPERATOR, 'notify.user', { userId: A.ids.TECHNICIAN, title: '  ', text: '' })).toEqual({ title: 'Este campo es obligatorio.', text: 'Este campo es obligatorio.' });
    expect(await fieldErrors(a, A.ids.OPERATOR, 'notify.user', { userId: A.ids.TECHNICIAN, title: 'x'.repeat(61), text: 'y'.repeat(501), link: 'javascript:alert(1)' })).toEqual({
      title: 'Debe tener como máximo 60 caracteres.',
      text: 'Debe tener como máximo 500 caracteres.',
      link: 'Debe ser una dirección web (http:// o https://).',
    });
  });

  it('only the office; another tenant’s user is not found', async () => {
    await rejects(A.TECHNICIAN.notify.user({ userId: A.ids.OPERATOR, title: 'x', text: 'y' }), 'FORBIDDEN');
    await rejects((await asCustomer(a, (await createCustomer(a)).id)).notify.user({ userId: A.ids.TECHNICIAN, title: 'x', text: 'y' }), 'FORBIDDEN');
    await rejects(B.OPERATOR.notify.user({ userId: A.ids.TECHNICIAN, title: 'x', text: 'y' }), 'NOT_FOUND');
    expect(await scopedDb(b.id).message.count()).toBe(0);
  });
});

describe('notify.customers — push or SMS from the customer list', () => {
  it('SMS: one per customer to their first phone, in E.164; a customer without phone is logged as not sent and the rest go on', async () => {
    const first = await customer(a, 'Ana', ['11 4444-0001', '11 4444-9999']);
    const second = await customer(a, 'Beto', ['+54 9 11 4444-0002']);
    const none = await customer(a, 'Carla', []);
    const op = await as(a, A.ids.OPERATOR);
    const summary = await op.notify.customers({ channel: 'SMS', customerIds: [first.id, second.id, none.id, first.id], text: 'Corte programado mañana de 9 a 11.' });
    expect(summary).toEqual({ queued: 2, noPhone: 1, invalidPhone: 0, noDevice: 0, noProvider: 0 });
    const messages = await scopedDb(a.id).message.findMany({ where: { customerId: { in: [first.id, second.id, none.id] } }, orderBy: { recipient: 'asc' } });
    expect(messages.map((m) => [m.recipient, m.status, m.errorCode])).toEqual([
      ['+541144440001', 'PENDING', null],
      ['+5491144440002', 'PENDING', null],
      ['Carla', 'NOT_SENT', 'noAddress'],
    ]);
    expect(messages.every((m) => m.channel === 'SMS' && m.kind === 'MANUAL' && m.text === 'Corte programado mañana de 9 a 11.')).toBe(true);
    const [event] = await handedOver(a);
    expect([...(event!.payload as { messageIds: string[] }).messageIds].sort()).toEqual(messages.filter((m) => m.status === 'PENDING').map((m) => m.id).sort());
  });

  it('push: one per device of each customer; a customer without the app is logged as not sent', async () => {
    const withApp = await customer(a, 'Con app', []);
    const without = await customer(a, 'Sin app', []);
    await device(a, { customerId: withApp.id }, 'Safari · iPhone');
    const op = await as(a, A.ids.OPERATOR);
    const summary = await op.notify.customers({ channel: 'PUSH', customerIds: [withApp.id, without.id], title: 'Mantenimiento', text: 'El domingo a la madrugada.' });
    expect(summary).toEqual({ queued: 1, noPhone: 0, invalidPhone: 0, noDevice: 1, noProvider: 0 });
    const messages = await scopedDb(a.id).message.findMany({ where: { customerId: { in: [withApp.id, without.id] } }, orderBy: { recipient: 'asc' } });
    expect(messages.map((m) => [m.recipient, m.status, m.channel, m.subject])).toEqual([
      ['Con app — Safari · iPhone', 'PENDING', 'PUSH', 'Mantenimiento'],
      ['Sin app', 'NOT_SENT', 'PUSH', 'Mantenimiento'],
    ]);
    expect(messages[0]!.link).toMatch(/\/portal$/);
  });

  it('SMS text up to 3 parts as carriers count them (GSM 459, with accents 201); at most 500 customers at once, said clearly', async () => {
    const op = await as(a, A.ids.OPERATOR);
    const c = await customer(a, 'Largo', ['11 4444-0003']);
    const tooLong = 'Un SMS puede ocupar como máximo 3 mensajes: acortá el texto.';
    expect(await fieldErrors(a, A.ids.OPERATOR, 'notify.customers', { channel: 'SMS', customerIds: [c.id], text: 'x'.repeat(460) })).toEqual({ text: tooLong });
    expect(await fieldErrors(a, A.ids.OPERATOR, 'notify.customers', { channel: 'SMS', customerIds: [c.id], text: 'ó'.repeat(202) })).toEqual({ text: tooLong });
    expect((await fieldErrors(a, A.ids.OPERATOR, 'notify.customers', { channel: 'SMS', customerIds: [c.id], text: 'ó'.repeat(202) }, 'en'))?.text).toBe('An SMS can take at most 3 messages: shorten the text.');
    const long = `${`Fibra Sur: ${'corte programado mañana de 9 a 11 en tu zona. '.repeat(10)}`.slice(0, 458)}.`;
    const ok = await op.notify.customers({ channel: 'SMS', customerIds: [c.id], text: long });
    expect(ok.queued).toBe(1);
    expect((await op.notify.customers({ channel: 'SMS', customerIds: [c.id], text: 'ó'.repeat(201) })).queued).toBe(1);
    // The whole text is kept and sent as one message; the carrier splits it.
    expect((await db().message.findMany({ where: { tenantId: a.id, channel: 'SMS', customerId: c.id }, select: { text: true } })).map((m) => m.text.length).sort()).toEqual([201, 459]);
    const ids = Array.from({ length: 501 }, () => crypto.randomUUID());
    expect(await fieldErrors(a, A.ids.OPERATOR, 'notify.customers', { channel: 'SMS', customerIds: ids, text: 'Hola' })).toEqual({ customerIds: 'Podés enviar a 500 clientes como máximo por vez. Elegí menos o enviá en tandas.' });
    expect((await fieldErrors(a, A.ids.OPERATOR, 'notify.customers', { channel: 'SMS', customerIds: ids, text: 'Hi' }, 'en'))?.customerIds).toMatch(/^You can send to at most 500 customers/);
    await rejects(op.notify.customers({ channel: 'SMS', customerIds: ids, text: 'Hola' }), 'BAD_REQUEST');
  });

  it('an invalid first number is logged with the reason; SMS not set up keeps every message as not sent', async () => {
    const bad = await customer(a, 'Mal número', ['4444']);
    const op = await as(a, A.ids.OPERATOR);
    expect(await op.notify.customers({ channel: 'SMS', customerIds: [bad.id], text: 'Hola' })).toEqual({ queued: 0, noPhone: 0, invalidPhone: 1, noDevice: 0, noProvider: 0 });
    const bCustomer = await customer(b, 'De B', ['11 4444-0004']);
    const bAdmin = await as(b, b.adminId);
    expect(await bAdmin.notify.customers({ channel: 'SMS', customerIds: [bCustomer.id], text: 'Hola' })).toEqual({ queued: 0, noPhone: 0, invalidPhone: 0, noDevice: 0, noProvider: 1 });
  });

  it('only the office; one customer of another tenant in the selection and nothing is sent', async () => {
    const mine = await customer(b, 'De B', ['11 4444-0005']);
    const theirs = await customer(a, 'De A', ['11 4444-0006']);
    await rejects(A.TECHNICIAN.notify.customers({ channel: 'SMS', customerIds: [theirs.id], text: 'Hola' }), 'FORBIDDEN');
    await rejects(A.TECHNICIAN.notify.channels(), 'FORBIDDEN');
    const before = await scopedDb(b.id).message.count();
    await rejects(B.OPERATOR.notify.customers({ channel: 'SMS', customerIds: [mine.id, theirs.id], text: 'Hola' }), 'NOT_FOUND');
    await rejects(B.OPERATOR.notify.customers({ channel: 'PUSH', customerIds: [theirs.id], title: 'x', text: 'y' }), 'NOT_FOUND');
    expect(await scopedDb(b.id).message.count()).toBe(before);
    expect(await scopedDb(a.id).message.count({ where: { customerId: theirs.id } })).toBe(0);
  });
});

describe('users.get — a staff member’s profile', () => {
  it('managers see it with the number of push devices; operators and technicians may not; another tenant’s is not found', async () => {
    const admin = await as(a, a.adminId);
    const profile = await admin.users.get({ id: A.ids.TECHNICIAN });
    expect(profile).toMatchObject({ id: A.ids.TECHNICIAN, role: 'TECHNICIAN', active: true, pushDevices: 2 });
    expect(profile).not.toHaveProperty('passwordHash');
    await rejects(A.OPERATOR.users.get({ id: A.ids.TECHNICIAN }), 'FORBIDDEN');
    await rejects(A.TECHNICIAN.users.get({ id: A.ids.TECHNICIAN }), 'FORBIDDEN');
    await rejects(B.ADMIN.users.get({ id: A.ids.TECHNICIAN }), 'NOT_FOUND');
  });
});

describe('tenants.updateSettings — the tenant’s SMS', () => {
  const base = { name: 'ISP con SMS', country: 'AR' as const, locale: 'es' as const, timeZone: 'America/Argentina/Buenos_Aires', currency: 'ARS' as const, portal: { loginField: 'TAX_ID' as const, allowDeleted: false } };

  it('admins switch it on with a sender (a number, an alphanumeric id or a Messaging Service); left out, it stays', async () => {
    const admin = await as(b, b.adminId);
    expect((await admin.tenants.settings()).sms).toEqual({ enabled: false, from: '' });
    expect((await admin.tenants.settings()).smsProvider).toBe(true);
    await admin.tenants.updateSettings({ ...base, sms: { enabled: true, from: '+5491155550000' } });
    forgetTenantCache();
    expect((await (await as(b, b.adminId)).tenants.settings()).sms).toEqual({ enabled: true, from: '+5491155550000' });
    await (await as(b, b.adminId)).tenants.updateSettings(base);
    forgetTenantCache();
    expect((await (await as(b, b.adminId)).tenants.settings()).sms).toEqual({ enabled: true, from: '+5491155550000' });
    expect(await (await as(b, B.ids.OPERATOR)).notify.channels()).toEqual({ sms: true });
    for (const from of ['ANTENA ISP', `MG${'0'.repeat(32)}`]) await (await as(b, b.adminId)).tenants.updateSettings({ ...base, sms: { enabled: true, from } });
  });

  it('a sender is required to switch it on, and must be one Twilio takes; supervisors may not change it; another tenant’s is its own', async () => {
    const admin = await as(b, b.adminId);
    expect(await fieldErrors(b, b.adminId, 'tenants.updateSettings', { ...base, sms: { enabled: true, from: '' } })).toEqual({ 'sms.from': 'Para activar los SMS indicá el remitente.' });
    expect((await fieldErrors(b, b.adminId, 'tenants.updateSettings', { ...base, sms: { enabled: true, from: '011 4444-5555' } }))?.['sms.from']).toMatch(/^Indicá un número en formato internacional/);
    await rejects(admin.tenants.updateSettings({ ...base, sms: { enabled: true, from: '' } }), 'BAD_REQUEST');
    await rejects(B.SUPERVISOR.tenants.updateSettings({ ...base, sms: { enabled: false, from: '' } }), 'FORBIDDEN');
    forgetTenantCache();
    expect((await (await as(a, a.adminId)).tenants.settings()).sms).toEqual({ enabled: true, from: 'Antena' });
  });
});
