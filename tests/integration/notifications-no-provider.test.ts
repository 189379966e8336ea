// D6 without an e-mail provider: nothing is silently dropped — the message is kept in the log as
// not sent, with the reason, ready to be resent once RESEND_API_KEY is set.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { scopedDb } from '@/server/data/scoped';
import { startWorker, type Worker } from '@/server/notifications/worker';
import { createCustomer, type StaffOfEveryRole, type TestTenant, twoTenantsWithStaff, until } from '../factories';

delete process.env.RESEND_API_KEY;

let a: TestTenant, A: StaffOfEveryRole;
let worker: Worker;
beforeAll(async () => {
  ({ a, A } = await twoTenantsWithStaff());
  worker = await startWorker(process.env.DATABASE_URL!, { pollMs: 200 });
});
afterAll(() => worker?.stop());

it('keeps the technician’s e-mail as not sent: no provider configured', async () => {
  const customer = await createCustomer(a);
  const t = await A.OPERATOR.tickets.create({ customerId: customer.id, title: 'Sin proveedor', description: 'x', assigneeId: A.ids.TECHNICIAN });
  const messages = await until(async () => {
    const list = await scopedDb(a.id).message.findMany({ where: { ticketId: t.id, channel: 'EMAIL' } });
    return list.length && list[0]!.status !== 'PENDING' ? list : null;
  });
  expect(messages).toHaveLength(1);
  expect(messages[0]).toMatchObject({ channel: 'EMAIL', status: 'NOT_SENT', errorCode: 'noProvider', errorParams: null, reason: 'ticket.assigned' });
  expect(messages[0]!.text).toContain(`#${t.number}`);
});
