// D3–D5: the message logs. Filters (status, type, a date range of the tenant's days, an accent-
// insensitive search over recipient, subject, text and customer), paging, one message as sent, and
// resending one or a selection — an e-mail copy is queued and reaches the local Resend stand-in; a
// push copy goes to the person's devices as they are now, through a local push service; a person
// who still has no device gets a copy logged as not sent, never queued. Saved filters per log.
// Every procedure: allowed, wrong role (technician), other tenant.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scopedDb } from '@/server/data/scoped';
import { db } from '@/server/db';
import { startWorker, type Worker } from '@/server/notifications/worker';
import { NO_ADDRESS, NO_DEVICE } from '@/server/notifications/recipients';
import { asStaff, createCustomer, createTenant, rejects, type StaffOfEveryRole, type TestTenant, twoTenantsWithStaff, until } from '../factories';
import { httpCall } from '../factories/http';
import { startFakePushService } from '../fakes/push-service';
import { useFakeResend } from '../fakes/resend';

const push = await startFakePushService();
const resend = await useFakeResend();
Object.assign(process.env, push.env);

let a: TestTenant, A: StaffOfEveryRole, B: StaffOfEveryRole;
let worker: Worker;
let rosa: { id: string }, nandu: { id: string }, mute: { id: string };
const ids: Record<string, string> = {};

// Buenos Aires is UTC−3 all year: 02:30Z on the 10th is still the 9th there, 03:30Z is the 10th.
const ROWS = [
  { key: 'e1', channel: 'EMAIL', status: 'SENT', kind: 'AUTOMATIC', at: '2026-03-10T02:30:00Z', recipient: 'rosa@example.com', subject: 'Reparación programada en Wilde', customer: 'rosa' },
  { key: 'e2', channel: 'EMAIL', status: 'FAILED', kind: 'MANUAL', at: '2026-03-10T03:30:00Z', recipient: 'rosa@example.com', subject: 'Ticket #7 asignado', customer: 'rosa', reason: { code: 'providerError', params: { provider: 'resend', status: 422, detail: 'validation_error: Invalid `to` field.' } } },
  { key: 'e3', channel: 'EMAIL', status: 'NOT_SENT', kind: 'AUTOMATIC', at: '2026-03-11T12:00:00Z', recipient: 'Ñandú Gómez', subject: 'Su reclamo fue cerrado', customer: 'nandu', reason: NO_ADDRESS },
  { key: 'e4', channel: 'EMAIL', status: 'PENDING', kind: 'AUTOMATIC', at: '2026-03-12T12:00:00Z', recipient: 'oficina@example.com', subject: 'Cambio de estado', customer: null },
  { key: 's1', channel: 'SMS', status: 'SENT', kind: 'MANUAL', at: '2026-03-10T12:00:00Z', recipient: '+54 11 5555-0000', subject: null, text: 'Corte programado de energía el jueves', customer: 'rosa' },
  { key: 'p1', channel: 'PUSH', status: 'NOT_SENT', kind: 'AUTOMATIC', at: '2026-03-10T13:00:00Z', recipient: 'TECHNICIAN', subject: 'Nuevo ticket #9', text: 'Sin señal en la calle 9', customer: 'rosa', reason: NO_DEVICE, user: 'TECHNICIAN' },
  { key: 'p2', channel: 'PUSH', status: 'NOT_SENT', kind: 'AUTOMATIC', at: '2026-03-10T14:00:00Z', recipient: 'Cliente Mudo', subject: 'Tu ticket #9', text: 'Tu ticket cambió de estado', customer: 'mute', reason: NO_DEVICE },
] as const;

beforeAll(async () => {
  ({ a, A, B } = await twoTenantsWithStaff());
  [rosa, nandu, mute] = await Promise.all([
    createCustomer(a, { name: 'Rosa Quiroga', emails: ['rosa@example.com'] }),
    createCustomer(a, { name: 'Ñandú Gómez', emails: [] }),
    createCustomer(a, { name: 'Cliente Mudo', emails: [] }),
  ]);
  const customers = { rosa: rosa.id, nandu: nandu.id, mute: mute.id };
  const technician = await db().user.findUniqueOrThrow({ where: { id: A.ids.TECHNICIAN } });
  for (const r of ROWS) {
    const m = await scopedDb(a.id).message.create({
      data: {
        tenantId: a.id,
        channel: r.channel,
        status: r.status,
        kind: r.kind,
        reason: 'ticket.assigned',
        recipient: r.recipient === 'TECHNICIAN' ? technician.name : r.recipient,
        subject: r.subject,
        text: 'text' in r ? r.text : `Hola. ${r.subject}`,
        html: r.channel === 'EMAIL' ? `<p>Hola. <b>${r.subject}</b></p>` : null,
        link: 'https://demo.example/tickets/9',
        locale: 'es',
        errorCode: 'reason' in r ? r.reason.code : null,
        errorParams: 'reason' in r && 'params' in r.reason ? r.reason.params : undefined,
        customerId: r.customer ? customers[r.customer] : null,
        userId: 'user' in r ? A.ids.TECHNICIAN : null,
        createdAt: new Date(r.at),
      },
    });
    ids[r.key] = m.id;
  }
  worker = await startWorker(process.env.DATABASE_URL!, { pollMs: 100 });
});
afterAll(async () => {
  await worker?.stop();
  await Promise.all([push.close(), resend.close()]);
});

const keysOf = (items: { id: string }[]) => items.map((m) => Object.entries(ids).find(([, id]) => id === m.id)?.[0] ?? 'new');
const emailLog = async (input: Record<string, unknown> = {}) => keysOf((await A.OPERATOR.messages.list({ channel: 'EMAIL', ...input })).items);

describe('the logs’ lists', () => {
  it('lists one channel newest first, with customer, ticket link data and the provider’s reason', async () => {
    expect(await emailLog()).toEqual(['e4', 'e3', 'e2', 'e1']);
    expect(keysOf((await A.ADMIN.messages.list({ channel: 'SMS' })).items)).toEqual(['s1']);
    expect(keysOf((await A.SUPERVISOR.messages.list({ channel: 'PUSH' })).items)).toEqual(['p2', 'p1']);
    const { items } = await A.OPERATOR.messages.list({ channel: 'EMAIL', status: 'FAILED' });
    expect(items[0]).toMatchObject({
      customer: { id: rosa.id, name: 'Rosa Quiroga' },
      errorCode: 'providerError',
      errorParams: { provider: 'resend', status: 422, detail: 'validation_error: Invalid `to` field.' },
      kind: 'MANUAL',
      text: null,
    });
    // An SMS's or a push's text is in the list; an e-mail's body only in its view.
    expect((await A.OPERATOR.messages.list({ channel: 'SMS' })).items[0]!.text).toBe('Corte programado de energía el jueves');
  });

  it('filters by status, type and a range of the tenant’s days', async () => {
    expect(await emailLog({ status: 'NOT_SENT' })).toEqual(['e3']);
    expect(await emailLog({ status: 'PENDING' })).toEqual(['e4']);
    expect(await emailLog({ kind: 'MANUAL' })).toEqual(['e2']);
    expect(await emailLog({ kind: 'AUTOMATIC', status: 'SENT' })).toEqual(['e1']);
    // 02:30Z on the 10th is the 9th in Buenos Aires; 03:30Z is the 10th.
    expect(await emailLog({ from: '2026-03-10', to: '2026-03-10' })).toEqual(['e2']);
    expect(await emailLog({ to: '2026-03-09' })).toEqual(['e1']);
    expect(await emailLog({ from: '2026-03-11' })).toEqual(['e4', 'e3']);
    await rejects(A.OPERATOR.messages.list({ channel: 'EMAIL', from: '2026-03-11', to: '2026-03-10' }), 'BAD_REQUEST');
    await rejects(A.OPERATOR.messages.list({ channel: 'EMAIL', from: '10/03/2026' }), 'BAD_REQUEST');
  });

  it('searches recipient, subject, an SMS’s or push’s text and the customer, without regard to accents or case', async () => {
    expect(await emailLog({ query: 'reparacion' })).toEqual(['e1']);
    expect(await emailLog({ query: 'REPARACIÓN wilde' })).toEqual(['e1']);
    expect(await emailLog({ query: 'nandu' })).toEqual(['e3']);
    expect(await emailLog({ query: 'quiroga' })).toEqual(['e2', 'e1']);
    // A word in the customer and a word in the subject.
    expect(await emailLog({ query: 'quiroga asignado' })).toEqual(['e2']);
    expect(await emailLog({ query: 'oficina@example' })).toEqual(['e4']);
    expect(await emailLog({ query: '100%' })).toEqual([]);
    expect(keysOf((await A.OPERATOR.messages.list({ channel: 'SMS', query: 'energia' })).items)).toEqual(['s1']);
    expect(keysOf((await A.OPERATOR.messages.list({ channel: 'PUSH', query: 'senal' })).items)).toEqual(['p1']);
    // An e-mail's body is not searched (only what the list shows).
    expect(await emailLog({ query: 'hola' })).toEqual([]);
  });

  it('a search for a rare word in a big log reads the trigram index on the message’s search text, not the whole log', async () => {
    const big = await createTenant();
    await db().$executeRaw`
      INSERT INTO "Message" (id, "tenantId", channel, reason, recipient, locale, subject, text, "createdAt", "updatedAt")
      SELECT gen_random_uuid(), ${big.id}::uuid, 'EMAIL', 'ticket.assigned', 'cliente' || i || '@example.com', 'es',
             CASE WHEN i = 7 THEN 'Reparación urgente' ELSE 'Ticket #' || i || ' asignado' END, 'Hola', now() - i * interval '1 minute', now()
      FROM generate_series(1, 20000) i`;
    await db().$executeRaw`ANALYZE "Message"`;
    const plan = await db().$queryRaw<{ 'QUERY PLAN': string }[]>`
      EXPLAIN SELECT m.id FROM "Message" m WHERE m."tenantId" = ${big.id}::uuid AND m.channel = 'EMAIL'::"MessageChannel"
      AND message_search_text(m.channel, m.recipient, m.subject, m.text) LIKE '%reparacion%' ORDER BY m."createdAt" DESC, m.id DESC LIMIT 26`;
    expect(plan.map((r) => r['QUERY PLAN']).join('\n')).toContain('Message_tenantId_channel_search_idx');
    const admin = await asStaff(big, big.adminId);
    expect((await admin.messages.list({ channel: 'EMAIL', query: 'reparacion' })).items.map((m) => m.subject)).toEqual(['Reparación urgente']);
  });

  it('pages newest first', async () => {
    const first = await A.OPERATOR.messages.list({ channel: 'EMAIL', pageSize: 3 });
    expect([keysOf(first.items), first.hasMore]).toEqual([['e4', 'e3', 'e2'], true]);
    const second = await A.OPERATOR.messages.list({ channel: 'EMAIL', pageSize: 3, page: 2 });
    expect([keysOf(second.items), second.hasMore]).toEqual([['e1'], false]);
  });

  it('a customer’s messages of every channel', async () => {
    expect(keysOf((await A.OPERATOR.messages.list({ customerId: rosa.id })).items)).toEqual(['p1', 's1', 'e2', 'e1']);
    expect(keysOf((await A.OPERATOR.messages.list({ customerId: rosa.id, channel: 'SMS' })).items)).toEqual(['s1']);
    await rejects(A.OPERATOR.messages.list({}), 'BAD_REQUEST');
  });

  it('only the office, only its tenant', async () => {
    await rejects(A.TECHNICIAN.messages.list({ channel: 'EMAIL' }), 'FORBIDDEN');
    expect((await B.ADMIN.messages.list({ channel: 'EMAIL' })).items).toEqual([]);
    expect((await B.ADMIN.messages.list({ customerId: rosa.id })).items).toEqual([]);
    expect((await B.ADMIN.messages.list({ channel: 'EMAIL', query: 'reparacion' })).items).toEqual([]);
  });
});

describe('a message as it was sent', () => {
  it('shows subject, text, HTML, link and reason; technicians and other tenants are refused', async () => {
    expect(await A.SUPERVISOR.messages.get({ id: ids.e2! })).toMatchObject({
      subject: 'Ticket #7 asignado',
      text: 'Hola. Ticket #7 asignado',
      html: '<p>Hola. <b>Ticket #7 asignado</b></p>',
      link: 'https://demo.example/tickets/9',
      status: 'FAILED',
      errorCode: 'providerError',
      errorParams: { provider: 'resend', status: 422, detail: 'validation_error: Invalid `to` field.' },
      sentBy: null, // automatic
    });
    await rejects(A.TECHNICIAN.messages.get({ id: ids.e2! }), 'FORBIDDEN');
    await rejects(B.ADMIN.messages.get({ id: ids.e2! }), 'NOT_FOUND');
  });
});

describe('resending', () => {
  it('one e-mail: a manual copy with the same content and link is queued and reaches the provider; the original keeps its history', async () => {
    const before = resend.delivered.length;
    const result = await A.OPERATOR.messages.resend({ ids: [ids.e2!] });
    expect(result).toMatchObject({ resent: 1, queued: 1, notSent: 0 });
    const copy = await until(async () => {
      const m = await scopedDb(a.id).message.findUnique({ where: { id: result.ids[0]! } });
      return m?.status === 'SENT' ? m : null;
    });
    expect(copy).toMatchObject({ kind: 'MANUAL', channel: 'EMAIL', recipient: 'rosa@example.com', subject: 'Ticket #7 asignado', link: 'https://demo.example/tickets/9', customerId: rosa.id, attempts: 1 });
    // The copy names who asked for it; the original, automatic, names no one.
    expect(copy.sentById).toBe(A.ids.OPERATOR);
    const sent = resend.delivered.slice(before);
    expect(sent.map((d) => [d.body.to, d.body.subject])).toEqual([[['rosa@example.com'], 'Ticket #7 asignado']]);
    expect((await scopedDb(a.id).message.findUniqueOrThrow({ where: { id: ids.e2! } })).status).toBe('FAILED');
    // The new row is first in the log.
    expect((await A.OPERATOR.messages.list({ channel: 'EMAIL' })).items[0]!.id).toBe(copy.id);
  });

  it('a selection: a push goes to the person’s devices as they are now; a person still without one gets a copy kept as not sent, not queued', async () => {
    // The technician had no device when p1 was written; now has two.
    const phone = push.device();
    const laptop = push.device();
    await A.TECHNICIAN.push.subscribe({ ...phone.subscription, label: 'Chrome · Android' });
    await A.TECHNICIAN.push.subscribe({ ...laptop.subscription, label: 'Firefox · Linux' });
    // An e-mail logged without an address goes to the customer's address as it is now (still none for Ñandú).
    const result = await A.ADMIN.messages.resend({ ids: [ids.p1!, ids.p2!, ids.e3!, ids.s1!] });
    expect(result).toMatchObject({ resent: 4, queued: 3, notSent: 2 });
    const copies = await scopedDb(a.id).message.findMany({ where: { id: { in: result.ids } }, orderBy: { recipient: 'asc' } });
    const technician = await db().user.findUniqueOrThrow({ where: { id: A.ids.TECHNICIAN } });
    expect(copies.map((c) => [c.channel, c.recipient, c.kind, c.subscriptionId === null])).toEqual(
      [
        ['SMS', '+54 11 5555-0000', 'MANUAL', true],
        ['PUSH', 'Cliente Mudo', 'MANUAL', true],
        ['EMAIL', 'Ñandú Gómez', 'MANUAL', true],
        ['PUSH', `${technician.name} — Chrome · Android`, 'MANUAL', false],
        ['PUSH', `${technician.name} — Firefox · Linux`, 'MANUAL', false],
      ].sort((x, y) => String(x[1]).localeCompare(String(y[1]))),
    );
    const technicianCopies = copies.filter((c) => c.userId === A.ids.TECHNICIAN);
    expect(technicianCopies.every((c) => c.customerId === rosa.id && c.link === 'https://demo.example/tickets/9' && c.subject === 'Nuevo ticket #9')).toBe(true);
    // The two pushes are delivered, each to its own device, and decrypt to the message.
    const delivered = await until(async () => {
      const rows = await scopedDb(a.id).message.findMany({ where: { id: { in: technicianCopies.map((c) => c.id) }, status: 'SENT' } });
      return rows.length === 2 ? rows : null;
    });
    expect(delivered).toHaveLength(2);
    for (const device of [phone, laptop]) {
      const received = push.received.filter((r) => r.device === device.id);
      expect(received).toHaveLength(1);
      expect(device.decrypt(received[0]!.body)).toMatchObject({ title: 'Nuevo ticket #9', body: 'Sin señal en la calle 9' });
    }
    // Still no device, still no address: logged with the reason, never queued.
    const notSent = copies.filter((c) => c.status === 'NOT_SENT');
    expect(notSent.map((c) => c.errorCode).sort()).toEqual([NO_ADDRESS.code, NO_DEVICE.code].sort());
    const event = await db().outboxEvent.findFirstOrThrow({ where: { tenantId: a.id, type: 'message.resend' }, orderBy: { createdAt: 'desc' } });
    const queued = (event.payload as { messageIds: string[] }).messageIds;
    expect(queued).toHaveLength(3);
    expect(queued.some((id) => notSent.some((c) => c.id === id))).toBe(false);
    await new Promise((r) => setTimeout(r, 500));
    for (const c of notSent) expect(await scopedDb(a.id).message.findUniqueOrThrow({ where: { id: c.id } })).toMatchObject({ status: 'NOT_SENT', attempts: 0 });
  });

  it('the same push selected for two devices is sent once to each device', async () => {
    const sentPushes = await scopedDb(a.id).message.findMany({ where: { channel: 'PUSH', userId: A.ids.TECHNICIAN, status: 'SENT' }, select: { id: true } });
    expect(sentPushes).toHaveLength(2);
    const result = await A.OPERATOR.messages.resend({ ids: sentPushes.map((m) => m.id) });
    expect(result).toMatchObject({ resent: 2, queued: 2, notSent: 0 });
  });

  it('an e-mail logged without an address goes to the address the customer has now', async () => {
    await scopedDb(a.id).customer.update({ where: { id: nandu.id }, data: { emails: ['nandu@example.com'] } });
    const before = resend.delivered.length;
    const result = await A.OPERATOR.messages.resend({ ids: [ids.e3!] });
    expect(result).toMatchObject({ resent: 1, queued: 1, notSent: 0 });
    await until(async () => (await scopedDb(a.id).message.findUnique({ where: { id: result.ids[0]! } }))?.status === 'SENT');
    expect(resend.delivered.slice(before).map((d) => d.body.to)).toEqual([['nandu@example.com']]);
  });

  it('at most 100 at once, said in the caller’s language; technicians and other tenants are refused', async () => {
    const many = Array.from({ length: 101 }, () => ids.e1!);
    await rejects(A.OPERATOR.messages.resend({ ids: many }), 'BAD_REQUEST');
    const session = { kind: 'staff' as const, userId: A.ids.OPERATOR, tenantId: a.id };
    const es = await httpCall({ host: a.host, session, path: 'messages.resend', input: { ids: many } });
    expect(es.status).toBe(400);
    expect(es.json.error?.json.data.fieldErrors).toEqual({ ids: 'Podés reenviar como máximo 100 mensajes a la vez.' });
    const en = await httpCall({ host: a.host, session, path: 'messages.resend', input: { ids: many }, locale: 'en' });
    expect(en.json.error?.json.data.fieldErrors).toEqual({ ids: 'You can resend at most 100 messages at a time.' });

    const count = () => scopedDb(a.id).message.count();
    const total = await count();
    await rejects(A.TECHNICIAN.messages.resend({ ids: [ids.e1!] }), 'FORBIDDEN');
    await rejects(B.ADMIN.messages.resend({ ids: [ids.e1!] }), 'NOT_FOUND');
    // One of another tenant's in a selection: nothing is resent.
    await rejects(A.ADMIN.messages.resend({ ids: [ids.e1!, '01900000-0000-7000-8000-000000000000'] }), 'NOT_FOUND');
    expect(await count()).toBe(total);
  });
});

describe('saved filters of the logs (“Mis filtros”)', () => {
  it('each log keeps its own, per user; only those who may read the logs', async () => {
    const saved = await A.OPERATOR.preferences.saveFilter({ scope: 'messages.email', name: 'No enviados', query: '?status=NOT_SENT&page=3' });
    expect(saved).toMatchObject({ name: 'No enviados', query: 'status=NOT_SENT' });
    expect(await A.OPERATOR.preferences.filters({ scope: 'messages.email' })).toEqual([saved]);
    expect(await A.OPERATOR.preferences.filters({ scope: 'messages.sms' })).toEqual([]);
    expect(await A.SUPERVISOR.preferences.filters({ scope: 'messages.email' })).toEqual([]);
    await rejects(A.TECHNICIAN.preferences.saveFilter({ scope: 'messages.push', name: 'x', query: 'status=SENT' }), 'FORBIDDEN');
    await rejects(A.TECHNICIAN.preferences.filters({ scope: 'messages.push' }), 'FORBIDDEN');
    expect(await A.TECHNICIAN.preferences.filters({ scope: 'tickets' })).toEqual([]);
    await rejects(B.ADMIN.preferences.removeFilter({ id: saved.id }), 'NOT_FOUND');
    expect(await A.OPERATOR.preferences.removeFilter({ id: saved.id })).toEqual({ id: saved.id });
  });
});
