// F11 (part) and D2: a customer sees only their own tickets with the public history, adds information,
// and their reply reaches the assigned technician's device as a push the test decrypts; internal notes
// never reach the portal.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/server/db';
import { startWorker, type Worker } from '@/server/notifications/worker';
import { asCustomer, createCustomer, rejects, type StaffOfEveryRole, type TestTenant, twoTenantsWithStaff, until } from '../factories';
import { httpCall } from '../factories/http';
import { startFakePushService } from '../fakes/push-service';

const push = await startFakePushService();
Object.assign(process.env, push.env);

let a: TestTenant, b: TestTenant, A: StaffOfEveryRole, B: StaffOfEveryRole;
let worker: Worker;
beforeAll(async () => {
  ({ a, b, A, B } = await twoTenantsWithStaff());
  worker = await startWorker(process.env.DATABASE_URL!, { pollMs: 100 });
});
afterAll(async () => {
  await worker?.stop();
  await push.close();
});

describe('a customer’s tickets in the portal', () => {
  it('lists only their own tickets, with the public history and never an internal note', async () => {
    const [mine, other] = [await createCustomer(a, { name: 'Elsa Gómez' }), await createCustomer(a, { name: 'Otro Cliente' })];
    const t = await A.OPERATOR.tickets.create({ customerId: mine.id, title: 'Corte intermitente', description: 'Se corta a la noche.' });
    const foreign = await A.OPERATOR.tickets.create({ customerId: other.id, title: 'Ajeno', description: 'x' });
    await A.OPERATOR.tickets.comment({ ticketId: t.id, body: 'Vamos a revisar el nodo.', public: true });
    await A.OPERATOR.tickets.comment({ ticketId: t.id, body: 'Nota interna: cliente moroso', public: false });
    const portal = await asCustomer(a, mine.id);

    expect((await portal.portal.tickets.list()).map((x) => x.title)).toEqual(['Corte intermitente']);
    const shown = await portal.portal.tickets.get({ id: t.id });
    expect(shown.comments.map((c) => [c.author, c.body, c.mine])).toEqual([[expect.any(String), 'Vamos a revisar el nodo.', false]]);
    expect(JSON.stringify(shown)).not.toContain('moroso');
    expect(JSON.stringify(shown)).not.toMatch(/price|cost/);

    await rejects(portal.portal.tickets.get({ id: foreign.id }), 'NOT_FOUND');
    await rejects(portal.portal.tickets.reply({ ticketId: foreign.id, body: 'hola' }), 'NOT_FOUND');
    // Another tenant's customer, and staff, get nothing.
    const stranger = await asCustomer(b, (await createCustomer(b)).id);
    expect(await stranger.portal.tickets.list()).toEqual([]);
    await rejects(stranger.portal.tickets.get({ id: t.id }), 'NOT_FOUND');
    await rejects(stranger.portal.tickets.reply({ ticketId: t.id, body: 'hola' }), 'NOT_FOUND');
    await rejects(A.OPERATOR.portal.tickets.list(), 'FORBIDDEN');
    await rejects(B.ADMIN.portal.tickets.reply({ ticketId: t.id, body: 'hola' }), 'FORBIDDEN');
  });

  it('a reply is a public comment marked as the customer’s, and pushes to the assigned technician; an empty one is a field error', async () => {
    const customer = await createCustomer(a, { name: 'Julio Ponce' });
    const device = push.device();
    await A.TECHNICIAN.push.subscribe({ ...device.subscription, label: 'Celular' });
    const t = await A.OPERATOR.tickets.create({ customerId: customer.id, title: 'Sin tono', description: 'x', assigneeId: A.ids.TECHNICIAN });

    const portal = await asCustomer(a, customer.id);
    await portal.portal.tickets.reply({ ticketId: t.id, body: 'Sigo sin tono desde las 8.' });
    // The device also got the new ticket's push; the reply's is the one about the reply.
    const got = await until(() => push.received.filter((r) => r.device === device.id).map((r) => device.decrypt(r.body)).find((p) => String(p.title).includes('respondió')));
    expect(got).toMatchObject({ title: `Ticket #${t.number}: respondió el cliente`, body: 'Sigo sin tono desde las 8.', url: expect.stringContaining(`/tech?ticket=${t.id}`) });

    const comments = await A.OPERATOR.tickets.comments({ id: t.id });
    expect(comments.at(-1)).toMatchObject({ public: true, body: 'Sigo sin tono desde las 8.', author: null, customer: { name: 'Julio Ponce' } });
    expect((await portal.portal.tickets.get({ id: t.id })).comments.at(-1)).toMatchObject({ mine: true, body: 'Sigo sin tono desde las 8.' });
    // The customer is not pushed about their own reply.
    expect(await db().message.count({ where: { ticketId: t.id, customerId: customer.id, reason: 'ticket.commented', userId: null } })).toBe(0);

    const empty = await httpCall({ host: a.host, session: { kind: 'customer', userId: customer.id, tenantId: a.id }, path: 'portal.tickets.reply', input: { ticketId: t.id, body: '   ' } });
    expect(empty.status).toBe(400);
    expect(Object.keys(empty.json.error?.json.data.fieldErrors ?? {})).toEqual(['body']);
    await A.TECHNICIAN.push.unsubscribe({ endpoint: device.subscription.endpoint });
  });
});
