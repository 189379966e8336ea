// D6 durability: 1,000 e-mails, the worker as its own process (`npm run worker`'s command), killed
// with SIGKILL in the middle of the batch — at the moment the provider has accepted an e-mail and not
// yet answered, the window between sending and recording — and a new worker started. Every message
// must reach the provider exactly once (counted at the local Resend stand-in, which honours the
// Idempotency-Key as Resend does), and every message must end SENT with the provider's id.
//
// The 1,000 messages come the realistic way: 1,000 tickets created through the tRPC procedure with a
// technician assigned, each writing its `ticket.assigned` outbox event in the ticket's own statement.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { scopedDb } from '@/server/data/scoped';
import { createCustomer, createTenant, createUser, staffOfEveryRole, type StaffOfEveryRole, type TestTenant, until } from '../factories';
import { startFakeResend } from '../fakes/resend';

const TOTAL = 1000;
const KILL_AT = 300;
const ROOT = path.resolve(import.meta.dirname, '../..');
const resend = await startFakeResend();

let a: TestTenant, A: StaffOfEveryRole;
const technicians: { id: string; email: string }[] = [];
const children: ChildProcess[] = [];
const output: string[] = [];

/** `npm run worker`, as a child process, with short recovery timings so the test stays short. */
function startWorkerProcess(): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/worker.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      RESEND_API_KEY: 're_crash_key',
      RESEND_BASE_URL: resend.url,
      EMAIL_FROM: 'avisos@antena.test',
      WORKER_SEND_TIMEOUT_SECONDS: '2',
      WORKER_JOB_EXPIRE_SECONDS: '4',
      WORKER_MAINTENANCE_SECONDS: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (c: Buffer) => output.push(c.toString()));
  child.stderr!.on('data', (c: Buffer) => output.push(c.toString()));
  children.push(child);
  return child;
}

const exited = (child: ChildProcess) => (child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise<void>((resolve) => child.once('exit', () => resolve())));

beforeAll(async () => {
  a = await createTenant();
  A = await staffOfEveryRole(a);
  for (let i = 0; i < 5; i++) {
    const u = await createUser(a, 'TECHNICIAN', { name: `Técnico ${i + 1}` });
    technicians.push({ id: u.id, email: u.email });
  }
  const customer = await createCustomer(a, { name: 'Rosa Quiroga' });
  // Ten at a time, like ten operators at work.
  for (let from = 0; from < TOTAL; from += 10) {
    await Promise.all(
      Array.from({ length: 10 }, (_, k) =>
        A.OPERATOR.tickets.create({ customerId: customer.id, title: `Sin señal ${from + k + 1}`, description: 'No hay señal desde ayer.', assigneeId: technicians[(from + k) % technicians.length]!.id }),
      ),
    );
  }
}, 120_000);

afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await Promise.all(children.map(exited));
  await resend.close();
});

it('a worker killed with SIGKILL mid-batch and restarted: all 1,000 e-mails delivered, none twice', async () => {
  const t0 = Date.now();
  const first = startWorkerProcess();
  // Killed from inside the provider: the 300th e-mail is accepted, its answer not yet sent.
  let killedWith = 0;
  resend.hooks.onDelivered = (count) => {
    if (count === KILL_AT && !killedWith) {
      first.kill('SIGKILL');
      killedWith = count;
    }
  };
  await exited(first);
  expect(first.signalCode).toBe('SIGKILL');
  const tKill = Date.now();
  const deliveredAtKill = resend.delivered.length;
  expect(deliveredAtKill).toBeGreaterThanOrEqual(KILL_AT);
  expect(deliveredAtKill).toBeLessThan(TOTAL);
  const db = scopedDb(a.id);
  // E-mails only: the same tickets also log pushes to the technicians, not sent (they have no device).
  const emails = { channel: 'EMAIL' } as const;
  const recordedAtKill = await db.message.count({ where: { ...emails, status: 'SENT' } });

  startWorkerProcess();
  await until(async () => (await db.message.count({ where: { ...emails, status: 'SENT' } })) === TOTAL, { ms: 120_000, what: 'every e-mail SENT', context: () => `--- worker output ---\n${output.join('')}` });
  const tDone = Date.now();

  // The messages: one per ticket, each SENT with the provider's id, none failed or pending.
  const messages = await db.message.findMany({ where: emails, select: { id: true, status: true, providerId: true, recipient: true, subject: true, errorCode: true } });
  expect(messages).toHaveLength(TOTAL);
  expect(messages.filter((m) => m.status !== 'SENT')).toEqual([]);
  expect(messages.every((m) => m.providerId && m.errorCode === null)).toBe(true);

  // The provider: exactly 1,000 distinct e-mails, each message once, by key and by recipient + subject.
  expect(resend.delivered).toHaveLength(TOTAL);
  const deliveredKeys = resend.delivered.map((d) => d.key);
  expect(new Set(deliveredKeys).size).toBe(TOTAL);
  expect(new Set(deliveredKeys)).toEqual(new Set(messages.map((m) => m.id)));
  const addressed = resend.delivered.map((d) => `${(d.body.to as string[]).join(',')}|${d.body.subject as string}`);
  expect(new Set(addressed).size).toBe(TOTAL);
  expect(new Set(addressed)).toEqual(new Set(messages.map((m) => `${m.recipient}|${m.subject}`)));
  // Each message's recorded id is the one the provider gave it.
  const idByKey = new Map(resend.delivered.map((d) => [d.key, d.id]));
  expect(messages.every((m) => idByKey.get(m.id) === m.providerId)).toBe(true);

  // The crash window: requests repeated under a key the provider had already accepted (sent, not
  // recorded when the worker died), each answered with the first e-mail's id — not a second e-mail.
  const perKey = new Map<string, number>();
  for (const r of resend.requests) {
    const key = r.headers['idempotency-key'] as string;
    perKey.set(key, (perKey.get(key) ?? 0) + 1);
  }
  const repeatedKeys = [...perKey].filter(([, n]) => n > 1).map(([key]) => key);
  const repeats = resend.requests.filter((r, i) => resend.requests.findIndex((q) => q.headers['idempotency-key'] === r.headers['idempotency-key']) !== i);
  // At least the e-mail whose answer the kill cut off is sent again.
  expect(repeats.length).toBeGreaterThanOrEqual(1);
  expect(repeats.every((r) => r.answer?.status === 200 && r.answer.id === idByKey.get(r.headers['idempotency-key'] as string))).toBe(true);
  expect(resend.requests.every((r) => r.answer?.status === 200)).toBe(true);

  console.log(
    `crash test: killed at ${deliveredAtKill} accepted / ${recordedAtKill} recorded as sent; ` +
      `${resend.requests.length} requests for ${TOTAL} e-mails, ${repeats.length} repeated under ${repeatedKeys.length} keys (answered with the first id); ` +
      `first worker ran ${((tKill - t0) / 1000).toFixed(1)} s, recovery after the kill ${((tDone - tKill) / 1000).toFixed(1)} s`,
  );
  // Two worker processes started and 1,000 e-mails sent: minutes, not seconds, when other work holds the two cores.
}, 180_000);
