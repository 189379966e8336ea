// Bad answers from the e-mail provider (the "bad input"): a 200 whose body is not JSON, a
// 200 without an e-mail id, no answer at all. Each time the message's log says exactly why, it is
// retried under the same idempotency key and delivered once, and the rest of the batch goes on.
// The real Resend SDK talks to the local stand-in; the worker runs for real (pg-boss).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { scopedDb } from '@/server/data/scoped';
import { startWorker, type Worker } from '@/server/notifications/worker';
import { createCustomer, type StaffOfEveryRole, type TestTenant, twoTenantsWithStaff, until } from '../factories';
import { useFakeResend, type Misbehaviour } from '../fakes/resend';

const resend = await useFakeResend('avisos@antena.test');
process.env.WORKER_SEND_TIMEOUT_SECONDS = '1';

let a: TestTenant, A: StaffOfEveryRole;
let worker: Worker;
beforeAll(async () => {
  ({ a, A } = await twoTenantsWithStaff());
  worker = await startWorker(process.env.DATABASE_URL!, { pollMs: 200 });
});
afterAll(async () => {
  await worker?.stop();
  await resend.close();
});

/** Three tickets assigned together (one dispatch, one delivery batch); the provider misbehaves on the first request. */
async function batchWith(misbehaviour: Misbehaviour, label: string) {
  const customer = await createCustomer(a);
  const before = resend.requests.length;
  resend.misbehaveNext.push(misbehaviour);
  const tickets = await Promise.all([1, 2, 3].map((i) => A.OPERATOR.tickets.create({ customerId: customer.id, title: `${label} ${i}`, description: 'x', assigneeId: A.ids.TECHNICIAN })));
  const ids = tickets.map((t) => t.id);
  const messages = () => scopedDb(a.id).message.findMany({ where: { ticketId: { in: ids }, channel: 'EMAIL' } });
  // The misbehaved one is logged with its reason after its first attempt, the other two are sent.
  const first = await until(async () => {
    const list = await messages();
    const bad = list.find((m) => m.errorCode !== null);
    return list.length === 3 && bad && list.filter((m) => m.status === 'SENT').length === 2 ? { bad, list } : null;
  });
  expect(first.bad).toMatchObject({ status: 'PENDING', attempts: 1 });
  const firstKey = resend.requests[before]!.headers['idempotency-key'];
  expect(first.bad.id).toBe(firstKey);
  // Retried with backoff under the same key, and delivered once.
  const sent = await until(async () => {
    const m = await scopedDb(a.id).message.findUniqueOrThrow({ where: { id: first.bad.id } });
    return m.status === 'SENT' ? m : null;
  });
  expect(sent).toMatchObject({ attempts: 2, errorCode: null, errorParams: null });
  const mine = resend.requests.slice(before);
  expect(mine.filter((r) => r.headers['idempotency-key'] === firstKey)).toHaveLength(2);
  const messageIds = new Set(first.list.map((m) => m.id));
  expect(resend.delivered.filter((d) => d.key && messageIds.has(d.key))).toHaveLength(3);
  return { code: first.bad.errorCode, params: first.bad.errorParams };
}

it('a 200 that is not JSON: logged as such, retried, delivered once; the batch goes on', async () => {
  const error = await batchWith('not-json', 'Respuesta HTML');
  expect(error).toEqual({ code: 'noAnswer', params: { provider: 'resend', detail: 'Unable to fetch data. The request could not be resolved.' } });
});

it('a 200 without an e-mail id: logged with what came back, retried, delivered once', async () => {
  const error = await batchWith('no-id', 'Sin id');
  expect(error).toEqual({ code: 'noMessageId', params: { provider: 'resend', detail: '{"object":"email"}' } });
});

it('no answer: timed out after WORKER_SEND_TIMEOUT_SECONDS, retried, delivered once; the ticket’s save was not held up', async () => {
  const t0 = Date.now();
  const error = await batchWith('hang', 'Sin respuesta');
  expect(error).toEqual({ code: 'timedOut', params: { provider: 'resend', seconds: 1 } });
  expect(Date.now() - t0).toBeLessThan(15_000);
});
