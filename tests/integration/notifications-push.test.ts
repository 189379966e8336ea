// D2 + D6: Web Push for real — devices subscribe through the procedures, the worker sends through the
// web-push library to a local HTTPS push service that checks the VAPID signature, and the test
// decrypts each payload with the device's own keys. With it, the tenant's rules for who is told what:
// reassignment, new tickets (all technicians or the assignee, within working hours), the customer's
// public updates (never an internal note), the office on a technician's state change, the work history.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scopedDb } from '@/server/data/scoped';
import { db } from '@/server/db';
import { startWorker, type Worker } from '@/server/notifications/worker';
import type { TenantSettings } from '@/server/services/tenants/settings';
import { asCustomer, asStaff, createCustomer, createUser, rejects, type StaffOfEveryRole, type TestTenant, twoTenantsWithStaff, until } from '../factories';
import { httpCall } from '../factories/http';
import { startFakePushService } from '../fakes/push-service';
import { useFakeResend } from '../fakes/resend';

const push = await startFakePushService();
const resend = await useFakeResend();
Object.assign(process.env, push.env);

let a: TestTenant, b: TestTenant, A: StaffOfEveryRole, B: StaffOfEveryRole;
let worker: Worker;
beforeAll(async () => {
  ({ a, b, A, B } = await twoTenantsWithStaff());
  worker = await startWorker(process.env.DATABASE_URL!, { pollMs: 100 });
});
afterAll(async () => {
  await worker?.stop();
  await Promise.all([push.close(), resend.close()]);
});

/** Waits until the outbox is drained and no message of the tenant is waiting for a first attempt. */
async function settled(tenantId = a.id) {
  await until(async () => (await db().outboxEvent.count({ where: { tenantId, processedAt: null } })) === 0);
  await until(async () => (await db().message.count({ where: { tenantId, status: 'PENDING', attempts: 0, scheduledFor: null } })) === 0);
}

async function setRules(tenant: TestTenant, settings: { notifications?: Partial<TenantSettings['notifications']>; techApp?: Partial<TenantSettings['techApp']> }) {
  await db().tenant.update({ where: { id: tenant.id }, data: { settings } });
}

const pushesTo = (deviceId: string) => push.received.filter((r) => r.device === deviceId);
const messagesOf = (ticketId: string, channel: 'PUSH' | 'EMAIL') => scopedDb(a.id).message.findMany({ where: { ticketId, channel }, orderBy: { createdAt: 'asc' } });

describe('subscribing a device', () => {
  it('staff subscribe, list and unsubscribe their own devices; bad endpoints and keys get translated field errors', async () => {
    const device = push.device();
    await A.TECHNICIAN.push.subscribe({ ...device.subscription, label: 'Chrome · Android' });
    expect((await A.TECHNICIAN.push.devices()).map((d) => d.label)).toEqual(['Chrome · Android']);
    expect(await A.OPERATOR.push.devices()).toEqual([]);
    expect((await A.TECHNICIAN.push.publicKey()).publicKey).toMatch(/^[A-Za-z0-9_-]{87}$/);

    // Through the HTTP handler, as a browser sees it: 400 with translated per-field errors.
    const session = { kind: 'staff' as const, userId: A.ids.TECHNICIAN, tenantId: a.id };
    const notAllowed = await httpCall({ host: a.host, session, path: 'push.subscribe', input: { ...push.device().subscription, endpoint: 'https://push.evil.example/x' } });
    expect(notAllowed.status).toBe(400);
    expect(notAllowed.json.error?.json.data.fieldErrors).toEqual({ endpoint: 'La dirección de notificaciones no es de un servicio push admitido.' });
    const badKeys = await httpCall({ host: a.host, session, path: 'push.subscribe', input: { ...device.subscription, keys: { p256dh: 'AAAA', auth: device.subscription.keys.auth } } });
    expect(badKeys.json.error?.json.data.fieldErrors).toEqual({ 'keys.p256dh': 'Las claves de la suscripción push no son válidas.' });

    // Another tenant's staff cannot remove it; its owner can.
    expect(await B.ADMIN.push.unsubscribe({ endpoint: device.subscription.endpoint })).toEqual({ removed: 0 });
    expect(await B.ADMIN.push.devices()).toEqual([]);
    expect(await A.TECHNICIAN.push.unsubscribe({ endpoint: device.subscription.endpoint })).toEqual({ removed: 1 });
  });

  it('customers subscribe through the portal; each side is refused the other’s procedures', async () => {
    const customer = await createCustomer(a, { name: 'Delia Funes' });
    const portal = await asCustomer(a, customer.id);
    const device = push.device();
    await portal.portal.push.subscribe(device.subscription);
    expect((await portal.portal.push.devices()).map((d) => d.label)).toEqual(['Navegador']);
    await rejects(portal.push.subscribe(push.device().subscription), 'FORBIDDEN');
    await rejects(A.OPERATOR.portal.push.subscribe(push.device().subscription), 'FORBIDDEN');
    const other = await asCustomer(b, (await createCustomer(b)).id);
    expect(await other.portal.push.unsubscribe({ endpoint: device.subscription.endpoint })).toEqual({ removed: 0 });
  });

  it('a test push reaches each of my devices, signed with the installation’s VAPID key', async () => {
    const [phone, laptop] = [push.device(), push.device()];
    const user = await createUser(a, 'SUPERVISOR');
    const me = await asStaff(a, user.id);
    await me.push.subscribe({ ...phone.subscription, label: 'Teléfono' });
    await me.push.subscribe({ ...laptop.subscription, label: 'Teléfono' });
    expect(await me.push.test()).toEqual({ devices: 2 });
    const [onPhone, onLaptop] = await until(async () => (pushesTo(phone.id).length && pushesTo(laptop.id).length ? [pushesTo(phone.id)[0]!, pushesTo(laptop.id)[0]!] : null));
    expect(phone.decrypt(onPhone.body)).toMatchObject({ title: `${a.name}: notificaciones activadas`, body: 'Así vas a ver los avisos en este dispositivo.' });
    expect(laptop.decrypt(onLaptop.body)).toMatchObject({ title: `${a.name}: notificaciones activadas` });
    expect(onPhone.vapid).toMatchObject({ ok: true, aud: push.origin, publicKey: (await me.push.publicKey()).publicKey });
    expect(onPhone.headers.ttl).toBe('86400');
    // Two devices with the same label stay two recipients in the log (marked once the push service has
    // answered — a moment after it has the push, so wait for the worker's write).
    const logged = await until(async () => {
      const rows = await scopedDb(a.id).message.findMany({ where: { userId: user.id, channel: 'PUSH' }, orderBy: { recipient: 'asc' } });
      return rows.length === 2 && rows.every((m) => m.status !== 'PENDING') ? rows : null;
    });
    expect(logged.map((m) => [m.recipient, m.status, m.kind])).toEqual([
      [`${user.name} — Teléfono`, 'SENT', 'MANUAL'],
      [`${user.name} — Teléfono (2)`, 'SENT', 'MANUAL'],
    ]);
  });
});

describe('who is told what', () => {
  it('a reassignment pushes to the technician’s device (and e-mails them); a 410 removes the device and says why', async () => {
    await setRules(a, {});
    const device = push.device();
    await A.TECHNICIAN.push.subscribe({ ...device.subscription, label: 'Tablet' });
    const customer = await createCustomer(a, { name: 'Hugo Lezcano' });
    const t = await A.OPERATOR.tickets.create({ customerId: customer.id, title: 'Cable cortado', description: 'Se cortó el cable en la esquina.' });
    await A.OPERATOR.tickets.update({ id: t.id, version: 1, assigneeId: A.ids.TECHNICIAN });
    const received = await until(async () => pushesTo(device.id)[0]);
    expect(device.decrypt(received.body)).toEqual({ title: `Ticket #${t.number} asignado`, body: 'Cable cortado', url: expect.stringContaining(`/tech?ticket=${t.id}`), tag: expect.any(String) });
    const [message] = await until(async () => ((await messagesOf(t.id, 'PUSH'))[0]?.status === 'SENT' ? messagesOf(t.id, 'PUSH') : null));
    expect(message).toMatchObject({ reason: 'ticket.assigned', userId: A.ids.TECHNICIAN, recipient: expect.stringContaining('Tablet') });
    expect(received.headers.topic).toBe(message!.id.replace(/-/g, ''));
    expect((await messagesOf(t.id, 'EMAIL')).map((m) => m.reason)).toEqual(['ticket.assigned']);

    push.answerNext.push(410);
    await A.OPERATOR.tickets.update({ id: t.id, version: 2, assigneeId: A.ids.SUPERVISOR });
    await A.OPERATOR.tickets.update({ id: t.id, version: 3, assigneeId: A.ids.TECHNICIAN });
    const failed = await until(async () => (await messagesOf(t.id, 'PUSH')).find((m) => m.status === 'FAILED'));
    expect(failed).toMatchObject({ errorCode: 'subscriptionExpired', errorParams: { status: 410 } });
    expect(await A.TECHNICIAN.push.devices()).toEqual([]);
  });

  it('a push service answering 500 then 201: delivered once after a retry', async () => {
    await settled();
    const device = push.device();
    await A.TECHNICIAN.push.subscribe(device.subscription);
    push.answerNext.push(500);
    const t = await A.OPERATOR.tickets.create({ title: 'Reintento push', description: 'x' });
    await A.OPERATOR.tickets.update({ id: t.id, version: 1, assigneeId: A.ids.TECHNICIAN });
    const [message] = await until(async () => ((await messagesOf(t.id, 'PUSH'))[0]?.status === 'SENT' ? messagesOf(t.id, 'PUSH') : null));
    expect(message!.attempts).toBe(2);
    expect(pushesTo(device.id)).toHaveLength(2); // the 500 and the delivery
    await A.TECHNICIAN.push.unsubscribe({ endpoint: device.subscription.endpoint });
  });

  it('a new ticket pushes to every technician or only its assignee (E8); outside working hours it waits for the next start', async () => {
    const [t1, t2] = [await createUser(a, 'TECHNICIAN', { name: 'Técnica Uno' }), await createUser(a, 'TECHNICIAN', { name: 'Técnico Dos' })];
    const [d1, d2] = [push.device(), push.device()];
        await (await asStaff(a, t1.id)).push.subscribe(d1.subscription);
    await (await asStaff(a, t2.id)).push.subscribe(d2.subscription);

    await setRules(a, { techApp: { pushNewTicket: 'ALL' } });
    const all = await A.OPERATOR.tickets.create({ title: 'Corte general', description: 'Sin servicio en el barrio.' });
    await until(async () => pushesTo(d1.id).length === 1 && pushesTo(d2.id).length === 1);
    expect(d2.decrypt(pushesTo(d2.id)[0]!.body)).toMatchObject({ title: `Nuevo ticket #${all.number}`, body: 'Corte general' });

    await setRules(a, { techApp: { pushNewTicket: 'ASSIGNEE' } });
    await A.OPERATOR.tickets.create({ title: 'Solo para Dos', description: 'x', assigneeId: t2.id });
    await until(async () => pushesTo(d2.id).length === 2);
    await settled();
    expect(pushesTo(d1.id)).toHaveLength(1);

    // Working hours that exclude now: the push is logged as waiting, with its time, and not sent yet.
    const hour = new Date().getUTCHours();
    const start = `${String((hour + 3) % 24).padStart(2, '0')}:00`;
    const end = `${String((hour + 4) % 24).padStart(2, '0')}:00`;
    await setRules(a, { techApp: { pushNewTicket: 'ASSIGNEE', workingHours: { start, end } } });
    const later = await A.OPERATOR.tickets.create({ title: 'Fuera de horario', description: 'x', assigneeId: t2.id });
    await settled();
    const [waiting] = await messagesOf(later.id, 'PUSH');
    expect(waiting).toMatchObject({ status: 'PENDING', attempts: 0 });
    expect(waiting!.scheduledFor!.getTime()).toBeGreaterThan(Date.now() + 2 * 60 * 60 * 1000);
    const [job] = await db().$queryRaw<{ start_after: Date }[]>`SELECT start_after FROM pgboss.job WHERE data->>'messageId' = ${waiting!.id}`;
    expect(job!.start_after.getTime()).toBe(waiting!.scheduledFor!.getTime());
    expect(pushesTo(d2.id)).toHaveLength(2);
    await setRules(a, {});
  });

  it('a public comment and a state change tell the customer; an internal note tells nobody; a customer without a device is logged as not sent', async () => {
    await setRules(a, {});
    const customer = await createCustomer(a, { name: 'Marta Ibáñez', emails: ['marta@example.com'] });
    const device = push.device();
    await (await asCustomer(a, customer.id)).portal.push.subscribe(device.subscription);
    const t = await A.OPERATOR.tickets.create({ customerId: customer.id, title: 'Lento de noche', description: 'x' });
    await A.OPERATOR.tickets.comment({ ticketId: t.id, body: 'Nota interna: revisar el nodo', public: false });
    await A.OPERATOR.tickets.comment({ ticketId: t.id, body: 'Mañana pasa un técnico.', public: true });
    const got = await until(async () => pushesTo(device.id)[0]);
    expect(device.decrypt(got.body)).toMatchObject({ title: `Novedades del ticket #${t.number}`, body: 'Mañana pasa un técnico.' });
    await settled();
    const all = await scopedDb(a.id).message.findMany({ where: { ticketId: t.id } });
    expect(all.map((m) => m.text).join('\n')).not.toContain('Nota interna');
    // A back-office ticket: the customer gets pushes, not e-mails (those are for tickets the customer opened).
    expect(all.filter((m) => m.customerId === customer.id).map((m) => m.channel)).toEqual(['PUSH']);
    expect(pushesTo(device.id).map((r) => JSON.stringify(device.decrypt(r.body))).join()).not.toContain('Nota interna');

    const other = await createCustomer(a, { name: 'Sin Dispositivo' });
    const t2 = await A.OPERATOR.tickets.create({ customerId: other.id, title: 'Sin app', description: 'x' });
    await A.OPERATOR.tickets.comment({ ticketId: t2.id, body: 'Respuesta pública', public: true });
    await settled();
    expect(await messagesOf(t2.id, 'PUSH')).toMatchObject([{ customerId: other.id, recipient: 'Sin Dispositivo', status: 'NOT_SENT', errorCode: 'noDevice' }]);
  });

  it('a ticket the customer opened: its public updates are also e-mailed to the customer', async () => {
    const customer = await createCustomer(a, { name: 'Iris Paz', emails: ['iris@example.com'] });
    const t = await A.OPERATOR.tickets.create({ customerId: customer.id, title: 'Desde el portal', description: 'x' });
    await db().ticket.update({ where: { id: t.id }, data: { channel: 'PORTAL' } });
    const before = resend.delivered.length;
    await A.OPERATOR.tickets.comment({ ticketId: t.id, body: 'Ya lo estamos viendo.', public: true });
    const mail = await until(async () => resend.delivered.slice(before).find((d) => (d.body.to as string[])[0] === 'iris@example.com'));
    expect(mail.body.subject).toBe(`Novedades de tu ticket #${t.number}: Desde el portal`);
    expect(mail.body.text).toContain('Ya lo estamos viendo.');
  });

  it('a technician’s state change e-mails the office (the area’s address, else the tenant’s; none: logged as not sent)', async () => {
    const stateRows = await scopedDb(a.id).ticketState.findMany({ where: { archivedAt: null }, orderBy: { position: 'asc' } });
    const next = stateRows.find((s) => s.stage === 'PENDING' && !s.isDefault) ?? stateRows.find((s) => s.stage === 'FINISHED')!;

    await setRules(a, { notifications: { officeEmail: 'oficina@isp.example' } });
    const t = await A.OPERATOR.tickets.create({ title: 'Cambio del técnico', description: 'x', assigneeId: A.ids.TECHNICIAN });
    await A.TECHNICIAN.tickets.update({ id: t.id, version: 1, stateId: next.id });
    const [mail] = await until(async () => {
      const list = (await messagesOf(t.id, 'EMAIL')).filter((m) => m.reason === 'ticket.stateChanged');
      return list[0]?.status === 'SENT' ? list : null;
    });
    expect(mail).toMatchObject({ recipient: 'oficina@isp.example' });
    expect(mail!.text).toContain(next.name);

    const area = await scopedDb(a.id).ticketArea.create({ data: { tenantId: a.id, name: `Redes ${Date.now()}`, email: 'redes@isp.example' } });
    const withArea = await A.OPERATOR.tickets.create({ title: 'Del área', description: 'x', assigneeId: A.ids.TECHNICIAN, areaId: area.id });
    await A.TECHNICIAN.tickets.update({ id: withArea.id, version: 1, stateId: next.id });
    await until(async () => (await messagesOf(withArea.id, 'EMAIL')).find((m) => m.reason === 'ticket.stateChanged' && m.recipient === 'redes@isp.example'));

    await setRules(a, {});
    const nowhere = await A.OPERATOR.tickets.create({ title: 'Sin oficina', description: 'x', assigneeId: A.ids.TECHNICIAN });
    await A.TECHNICIAN.tickets.update({ id: nowhere.id, version: 1, stateId: next.id });
    const logged = await until(async () => (await messagesOf(nowhere.id, 'EMAIL')).find((m) => m.reason === 'ticket.stateChanged'));
    expect(logged).toMatchObject({ recipient: 'Oficina', status: 'NOT_SENT', errorCode: 'noAddress' });

    // An operator's state change is not reported to the office.
    const byOffice = await A.OPERATOR.tickets.create({ title: 'Cambio de oficina', description: 'x' });
    await A.OPERATOR.tickets.update({ id: byOffice.id, version: 1, stateId: next.id });
    await settled();
    expect((await messagesOf(byOffice.id, 'EMAIL')).filter((m) => m.reason === 'ticket.stateChanged')).toEqual([]);
  });

  it('finishing e-mails the work history to the customer once, public entries only, when the tenant turned it on', async () => {
    await setRules(a, { notifications: { emailHistoryOnFinish: true } });
    const finished = (await scopedDb(a.id).ticketState.findMany({ where: { archivedAt: null, stage: 'FINISHED' } }))[0]!;
    const closed = (await scopedDb(a.id).ticketState.findMany({ where: { archivedAt: null, stage: 'CLOSED' } }))[0]!;
    const customer = await createCustomer(a, { name: 'Nora Vidal', emails: ['nora@example.com'] });
    const t = await A.OPERATOR.tickets.create({ customerId: customer.id, title: 'Instalación', description: 'x' });
    await A.OPERATOR.tickets.comment({ ticketId: t.id, body: 'Se cambió el conector.', public: true });
    await A.OPERATOR.tickets.comment({ ticketId: t.id, body: 'El cliente fue grosero', public: false });
    await A.OPERATOR.tickets.update({ id: t.id, version: 1, stateId: finished.id });
    await A.OPERATOR.tickets.update({ id: t.id, version: 2, stateId: closed.id });
    await settled();
    const history = (await messagesOf(t.id, 'EMAIL')).filter((m) => m.reason === 'ticket.finished' || m.reason === 'ticket.closed');
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ recipient: 'nora@example.com', reason: 'ticket.finished' });
    expect(history[0]!.text).toContain('Se cambió el conector.');
    expect(history[0]!.text).toContain(finished.name);
    expect(history[0]!.text).not.toContain('grosero');
    await setRules(a, {});
  });
});

describe('the notification settings (D1/D2/E8)', () => {
  it('admins change them, supervisors read them, operators get neither; each tenant keeps its own; bad hours are a field error', async () => {
    const current = await A.SUPERVISOR.tenants.notificationSettings();
    const filters = { filterLocality: true, filterTechnician: false, filterCategory: true, filterState: true };
    expect(current.techApp).toEqual({ seeAllTickets: false, onlyOpenTickets: false, pushNewTicket: 'ASSIGNEE', workingHours: null, ...filters });
    const changed = { notifications: { ...current.notifications, officeEmail: 'soporte@isp.example', emailHistoryOnFinish: true }, techApp: { seeAllTickets: true, onlyOpenTickets: false, pushNewTicket: 'ALL' as const, workingHours: { start: '08:00', end: '17:30' }, ...filters, filterTechnician: true } };
    await A.ADMIN.tenants.updateNotificationSettings(changed);
    // A new request resolves the tenant afresh (the callers above hold the tenant of their own request).
    expect(await (await asStaff(a, A.ids.SUPERVISOR)).tenants.notificationSettings()).toEqual(changed);
    // The rest of the tenant's settings are kept.
    expect((await A.ADMIN.tenants.settings()).portal).toEqual({ loginField: 'TAX_ID', allowDeleted: false });
    await rejects(A.SUPERVISOR.tenants.updateNotificationSettings(changed), 'FORBIDDEN');
    await rejects(A.OPERATOR.tenants.notificationSettings(), 'FORBIDDEN');
    expect((await B.ADMIN.tenants.notificationSettings()).notifications.officeEmail).toBe('');

    const session = { kind: 'staff' as const, userId: a.adminId, tenantId: a.id };
    const bad = await httpCall({ host: a.host, session, path: 'tenants.updateNotificationSettings', input: { ...changed, techApp: { pushNewTicket: 'ALL', workingHours: { start: '09:00', end: '09:00' } } } });
    expect(bad.json.error?.json.data.fieldErrors).toEqual({ 'techApp.workingHours.end': 'El horario debe terminar a otra hora que la de comienzo.' });
    await setRules(a, {});
  });
});
