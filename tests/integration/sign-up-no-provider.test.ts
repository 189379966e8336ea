// Sign-up on a server with no e-mail provider (RESEND_API_KEY unset, as on a developer's machine):
// the verification link still goes through the outbox and the worker (the e-mail is logged as not
// sent, resendable), and it is also written to the server's log — where the page tells the signer to
// look — and following it from there makes the tenant live.
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { createCaller } from '@/server/api/root';
import { createContext } from '@/server/api/trpc';
import { db } from '@/server/db';
import { startWorker, type Worker } from '@/server/notifications/worker';
import { consumeVerificationLink } from '@/server/services/tenants/sign-up';
import { resolveTenantByHost } from '@/server/services/tenants/resolve';
import { until } from '../factories';

delete process.env.RESEND_API_KEY;

let worker: Worker;
beforeAll(async () => {
  worker = await startWorker(process.env.DATABASE_URL!, { pollMs: 200 });
});
afterAll(() => worker?.stop());

const fromRoot = async (ip: string) => createCaller(await createContext({ host: 'localhost:3000', session: null, ip, locale: 'es' }));

/** The server's log lines (the logger writes JSON lines to stdout) while `run` runs. */
async function logOf(run: () => Promise<unknown>) {
  const lines: Record<string, unknown>[] = [];
  const spy = vi.spyOn(console, 'log').mockImplementation((line: unknown) => {
    if (typeof line === 'string' && line.startsWith('{')) lines.push(JSON.parse(line) as Record<string, unknown>);
  });
  try {
    await run();
  } finally {
    spy.mockRestore();
  }
  return lines;
}

it('writes the link to the server’s log, tells the page so, and the link from the log verifies the tenant', async () => {
  let delivery: string | undefined;
  const log = await logOf(async () => {
    ({ delivery } = await (await fromRoot('203.0.113.10')).tenants.signUp({ name: 'Sin Correo', slug: 'sin-correo', country: 'IT', adminName: 'Giulia Rossi', adminEmail: 'giulia@sincorreo.test', adminPassword: 'una-clave-larga' }));
  });
  expect(delivery).toBe('log');
  const line = log.find((l) => typeof l.link === 'string')!;
  expect(line).toMatchObject({ level: 'warn', tenant: 'sin-correo', email: 'giulia@sincorreo.test' });
  expect(line.link).toMatch(/^http:\/\/sin-correo\.localhost:3000\/auth\/handoff\?token=[\w-]{43}$/);
  expect(line.msg).toContain(String(line.link));
  expect(line.msg).toContain('RESEND_API_KEY');

  // The e-mail itself is in the message log, kept as not sent: nothing could carry it.
  const tenant = await db().tenant.findUniqueOrThrow({ where: { slug: 'sin-correo' } });
  const message = await until(() => db().message.findFirst({ where: { tenantId: tenant.id, status: { not: 'PENDING' } } }), { what: 'the worker' });
  expect(message).toMatchObject({ channel: 'EMAIL', status: 'NOT_SENT', errorCode: 'noProvider', recipient: 'giulia@sincorreo.test', locale: 'es' });

  const token = new URL(String(line.link)).searchParams.get('token')!;
  expect(await consumeVerificationLink('sin-correo.localhost:3000', token)).toMatchObject({ kind: 'staff', name: 'Giulia Rossi' });
  expect(await resolveTenantByHost('sin-correo.localhost')).toMatchObject({ id: tenant.id, country: 'IT', locale: 'it' });
});

it('writes a link asked for again to the log too', async () => {
  await (await fromRoot('203.0.113.11')).tenants.signUp({ name: 'Otra Sin Correo', slug: 'otra-sin-correo', country: 'AR', adminName: 'Ana', adminEmail: 'ana@otra.test', adminPassword: 'una-clave-larga' });
  let delivery: string | undefined;
  const log = await logOf(async () => {
    ({ delivery } = await (await fromRoot('203.0.113.11')).tenants.resendVerification({ slug: 'otra-sin-correo', email: 'ana@otra.test' }));
  });
  expect(delivery).toBe('log');
  expect(log.filter((l) => typeof l.link === 'string' && l.tenant === 'otra-sin-correo')).toHaveLength(1);
});
