// The notification outbox (issue 4): the worker as in production — its own process, started with
// `npm run worker`'s command — delivering e-mail to a local stand-in for Resend that answers at
// once. Tickets are created through the tRPC procedure with a technician assigned, so each writes
// its `ticket.assigned` outbox event in the ticket's own statement, exactly as the back office does.
//
// outbox.latency: the worker idle, one assignment at a time; from the call that creates the
//   ticket to the provider receiving the e-mail (each after a random pause, so the samples fall
//   anywhere in the worker's 250 ms poll).
// outbox.rate: the worker paused (SIGSTOP) while RATE_N assignments are committed, then resumed
//   (SIGCONT): messages delivered per second from the resume to the last e-mail received — the
//   whole chain, outbox → messages + jobs → provider → recorded as sent.
// It uses a tenant of its own (slug `outbox-bench`), so it needs none of the generated data.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { ROOT, stopChild } from '@/cli/runtime';
import { createCaller } from '@/server/api/root';
import { createContext } from '@/server/api/trpc';
import { scopedDb } from '@/server/data/scoped';
import { db } from '@/server/db';
import { hashPassword } from '@/server/services/auth/passwords';
import { customerSearchText } from '@/server/services/customers/search-text';
import { createTenant } from '@/server/services/tenants/tenants';
import { startFakeResend } from '../fakes/resend';
import { latencyEntry, value, type Entry } from './stats';

const SLUG = 'outbox-bench';
const TECHNICIANS = 10;
const LATENCY_N = 60;
const RATE_N = 3000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The bench tenant, its operator, technicians and one customer; created once and reused. */
async function benchTenant() {
  let tenant = await db().tenant.findUnique({ where: { slug: SLUG }, select: { id: true } });
  if (!tenant) {
    ({ tenant } = await createTenant({ slug: SLUG, name: 'Outbox Bench', country: 'AR', adminName: 'Admin', adminEmail: `admin@${SLUG}.test`, adminPassword: 'bench-password-1' }));
    const scoped = scopedDb(tenant.id);
    const passwordHash = await hashPassword('bench-password-1');
    await scoped.user.create({ data: { tenantId: tenant.id, role: 'OPERATOR', name: 'Operadora', email: `operadora@${SLUG}.test`, passwordHash } });
    await scoped.user.createMany({
      data: Array.from({ length: TECHNICIANS }, (_, i) => ({ tenantId: tenant!.id, role: 'TECHNICIAN' as const, name: `Técnico ${i + 1}`, email: `tecnico${i + 1}@${SLUG}.test`, passwordHash })),
    });
    const customer = { name: 'Rosa Quiroga', code: 'C1', taxId: '20123456', emails: ['rosa@example.com'] };
    await scoped.customer.create({ data: { tenantId: tenant.id, ...customer, taxIdType: 'DNI', searchText: customerSearchText(customer) } });
  }
  const scoped = scopedDb(tenant.id);
  const operator = await scoped.user.findFirstOrThrow({ where: { role: 'OPERATOR' }, select: { id: true, sessionVersion: true } });
  const technicians = (await scoped.user.findMany({ where: { role: 'TECHNICIAN' }, orderBy: { email: 'asc' }, select: { id: true } })).map((u) => u.id);
  const customer = await scoped.customer.findFirstOrThrow({ select: { id: true } });
  const caller = createCaller(await createContext({ host: `${SLUG}.localhost:3000`, session: { kind: 'staff', userId: operator.id, tenantId: tenant.id, version: operator.sessionVersion, sessionId: randomUUID() }, ip: null, locale: 'es' }));
  return { tenantId: tenant.id, caller, technicians, customerId: customer.id };
}

export async function measureOutbox(databaseUrl: string, log: (m: string) => void): Promise<Entry[]> {
  const { caller, technicians, customerId } = await benchTenant();
  const pending = await db().outboxEvent.count({ where: { processedAt: null } });
  if (pending) log(`outbox: ${pending} unprocessed outbox events from earlier runs will be handled first`);
  const resend = await startFakeResend();
  let worker: ChildProcess | undefined;
  try {
    worker = spawn(process.execPath, [...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : []), '--import', 'tsx', 'src/cli/worker.ts'], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: databaseUrl, RESEND_API_KEY: 're_bench', RESEND_BASE_URL: resend.url, EMAIL_FROM: 'avisos@antena.test' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve, reject) => {
      worker!.stdout!.on('data', (c: Buffer) => c.toString().includes('delivering notifications') && resolve());
      worker!.once('exit', (code) => reject(new Error(`the worker exited (${code})`)));
    });
    // Whatever earlier runs left is delivered before measuring.
    await sleep(2000);

    let n = 0;
    const assign = (title: string) => caller.tickets.create({ customerId, title, description: 'No hay señal desde ayer.', assigneeId: technicians[n++ % technicians.length]! });
    const received = async (from: number, count: number) => {
      while (resend.delivered.length < from + count) await sleep(2);
    };

    // Latency, one at a time, the worker idle before each.
    log(`outbox: latency, ${LATENCY_N} assignments one at a time…`);
    const times: number[] = [];
    for (let i = 0; i < LATENCY_N + 5; i++) {
      await sleep(300 + Math.random() * 400);
      const before = resend.requests.length;
      const t0 = performance.now();
      const { number } = await assign(`Latencia ${i}`);
      const deadline = t0 + 30_000;
      let request: (typeof resend.requests)[number] | undefined;
      while (!(request = resend.requests.slice(before).find((r) => String(r.body.subject).includes(`#${number} `)))) {
        if (performance.now() > deadline) throw new Error(`ticket #${number}: no e-mail after 30 s`);
        await sleep(2);
      }
      if (i >= 5) times.push(request.at - t0); // the first five warm the worker and the app code
    }
    const entries: Entry[] = [latencyEntry('outbox.latency', times)];

    // Rate: a backlog written while the worker is paused, then delivered.
    log(`outbox: rate, ${RATE_N} assignments written while the worker is paused…`);
    await sleep(1000);
    worker.kill('SIGSTOP');
    const base = resend.delivered.length;
    for (let from = 0; from < RATE_N; from += 20) await Promise.all(Array.from({ length: Math.min(20, RATE_N - from) }, (_, k) => assign(`Lote ${from + k}`)));
    const t0 = performance.now();
    worker.kill('SIGCONT');
    await received(base, RATE_N);
    const seconds = (performance.now() - t0) / 1000;
    const firstAt = resend.requests.find((r) => resend.delivered.length && r.answer?.id === resend.delivered[base]!.id)!.at;
    entries.push(value('outbox.rate', RATE_N / seconds, `messages/s (${RATE_N} e-mails, outbox → provider, worker process as in npm run worker)`));
    log(`outbox: ${RATE_N} in ${seconds.toFixed(2)} s; the first e-mail ${(firstAt - t0).toFixed(0)} ms after the resume`);
    if (resend.delivered.length !== base + RATE_N || resend.requests.some((r) => r.answer?.status !== 200)) throw new Error('outbox: the provider saw duplicates or failures');
    return entries;
  } finally {
    if (worker) {
      worker.kill('SIGCONT');
      await stopChild(worker, 'SIGTERM');
    }
    await resend.close();
  }
}
