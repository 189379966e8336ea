// Issue 15, point 6 — sign-up abuse. An ISP that signs up is pending until its admin follows the
// link e-mailed to them (through the outbox, the real worker and the Resend SDK talking to a local
// stand-in); until then nothing of it is reachable. Links are single-use, hashed at rest and
// expiring; sign-ups and resent links are limited per client address (and per sign-up), atomically;
// sign-ups never verified are deleted by the worker and free their subdomain.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Prisma } from '@/generated/prisma/client';
import { appRouter, createCaller } from '@/server/api/root';
import { createContext, type SessionClaims } from '@/server/api/trpc';
import { db } from '@/server/db';
import { translateError } from '@/i18n/catalog';
import { SLUG_SKELETON_SQL, slugSkeleton } from '@/lib/slugs';
import { startWorker, type Worker } from '@/server/notifications/worker';
import { consumeVerificationLink, deleteExpiredSignUps } from '@/server/services/tenants/sign-up';
import { resolvePendingTenantByHost, resolveTenantByHost } from '@/server/services/tenants/resolve';
import { createTenant, rejects, signedIn, until } from '../factories';
import { useFakeResend } from '../fakes/resend';

const resend = await useFakeResend('avisos@antena.test');

let worker: Worker;
beforeAll(async () => {
  worker = await startWorker(process.env.DATABASE_URL!, { pollMs: 200, signUpCleanupMs: 300 });
});
afterAll(async () => {
  await worker?.stop();
  await resend.close();
});

let lastAddress = 0;
/** Each test signs up from addresses of its own, so the per-address limit counts only its sign-ups. */
const newAddress = () => `198.51.100.${++lastAddress}`;

async function onHost(host: string, ip: string | null = null, session: SessionClaims | null = null) {
  return createCaller(await createContext({ host, session, ip, locale: 'es' }));
}
const fromRoot = (ip: string) => onHost('localhost:3000', ip);

const form = (slug: string, overrides: Partial<{ name: string; adminName: string; adminEmail: string }> = {}) => ({
  name: overrides.name ?? `Red ${slug}`,
  slug,
  country: 'AR' as const,
  adminName: overrides.adminName ?? 'Valeria Gómez',
  adminEmail: overrides.adminEmail ?? `admin@${slug}.test`,
  adminPassword: 'una-clave-larga',
});

/** The link of the e-mails the stand-in accepted for `to`, newest last. */
function linksTo(to: string): string[] {
  return resend.delivered.filter((d) => (d.body.to as string[]).includes(to)).map((d) => /https?:\/\/\S+\/auth\/handoff\?token=[\w-]+/.exec(String(d.body.text))![0]);
}
const tokenOf = (link: string) => new URL(link).searchParams.get('token')!;
const emailTo = (to: string, count = 1) => until(() => linksTo(to).length >= count && linksTo(to), { what: `e-mail ${count} to ${to}` });

/** A sign-up from a fresh address, and the link the worker e-mailed for it. */
async function signedUp(slug: string, overrides: Parameters<typeof form>[1] = {}) {
  const result = await (await fromRoot(newAddress())).tenants.signUp(form(slug, overrides));
  const [link] = await emailTo(result.email);
  return { result, link: link!, host: `${slug}.localhost:3000`, tenant: (await resolvePendingTenantByHost(`${slug}.localhost`))! };
}

/** The error's message as the HTTP answer gives it (the tRPC error formatter translates the AppError's key). */
function translated(error: unknown): string {
  const cause = (error as { cause: { messageKey: string; params?: Record<string, string | number> } }).cause;
  return translateError('es', cause.messageKey, cause.params);
}

describe('a sign-up waits for its admin’s e-mail', () => {
  it('is created pending, e-mailed a link in the product’s name, and made live by following the link once', async () => {
    const before = Date.now();
    const { result, link, host } = await signedUp('rio-verde', { name: 'Río Verde <b>Fibra</b>', adminEmail: 'Valeria@RioVerde.test' });
    expect(result).toMatchObject({ slug: 'rio-verde', email: 'valeria@rioverde.test', delivery: 'email' });
    expect(result.expiresAt.getTime()).toBeGreaterThanOrEqual(before + 48 * 3_600_000);
    expect(result.expiresAt.getTime()).toBeLessThan(Date.now() + 48 * 3_600_000 + 1_000);
    expect(result).not.toHaveProperty('signInUrl');

    // Not live: its host resolves to nothing, for every page, procedure and sign-in.
    expect(await resolveTenantByHost(host)).toBeNull();
    const pending = (await resolvePendingTenantByHost(host))!;
    expect(pending).toMatchObject({ slug: 'rio-verde', name: 'Río Verde <b>Fibra</b>' });

    // The link: on the tenant's subdomain, its token kept only as a SHA-256.
    expect(link).toMatch(/^http:\/\/rio-verde\.localhost:3000\/auth\/handoff\?token=[\w-]{43}$/);
    const token = tokenOf(link);
    const rows = await db().signInToken.findMany({ where: { tenantId: pending.id } });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.tokenHash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(rows[0]!.expiresAt).toEqual(result.expiresAt);

    // The e-mail goes to an address nobody confirmed: from the product, with nothing the signer typed
    // freely (the company's or their own name) — only the subdomain and the link.
    const sent = resend.delivered.find((d) => (d.body.to as string[]).includes('valeria@rioverde.test'))!.body;
    expect(sent.from).toBe('Antena <avisos@antena.test>');
    expect(sent.subject).toBe('Confirmá tu correo para activar rio-verde.localhost:3000 en Antena');
    for (const typed of ['Río Verde', 'Fibra', 'Valeria', 'Gómez']) expect(JSON.stringify([sent.subject, sent.text, sent.html]), typed).not.toContain(typed);
    expect(sent.html).toContain(`href="${link}"`);
    expect(sent.text).toContain(link);
    const logged = await until(() => db().message.findFirst({ where: { tenantId: pending.id, status: 'SENT' } }), { what: 'the e-mail logged as sent' });
    expect(logged).toMatchObject({ channel: 'EMAIL', reason: 'tenant.verification', recipient: 'valeria@rioverde.test', status: 'SENT' });

    // Followed twice at once (a double click): one sign-in.
    const [first, second] = await Promise.all([consumeVerificationLink(host, token), consumeVerificationLink(host, token)]);
    expect([first, second].filter(Boolean)).toHaveLength(1);
    const admin = first ?? second;
    expect(admin).toMatchObject({ tenantId: pending.id, kind: 'staff', name: 'Valeria Gómez', email: 'valeria@rioverde.test' });
    const live = (await resolveTenantByHost(host))!;
    expect(live.id).toBe(pending.id);
    expect(await db().tenant.findUniqueOrThrow({ where: { id: pending.id }, select: { verifiedAt: true, expiresAt: true } })).toMatchObject({ expiresAt: null, verifiedAt: expect.any(Date) });
    const me = await (await onHost(host, null, await signedIn({ kind: 'staff', userId: admin!.id, tenantId: live.id }))).users.me();
    expect(me).toMatchObject({ role: 'ADMIN', email: 'valeria@rioverde.test' });

    // Once only.
    expect(await consumeVerificationLink(host, token)).toBeNull();
  });

  it('is reachable by no procedure — as nobody, as its own admin, as a customer — until verified', async () => {
    const { tenant, host } = await signedUp('nadie-la-ve');
    const admin = await db().user.findFirstOrThrow({ where: { tenantId: tenant.id } });
    const personas: Record<string, SessionClaims | null> = {
      nobody: null,
      admin: await signedIn({ kind: 'staff', userId: admin.id, tenantId: tenant.id }),
      customer: await signedIn({ kind: 'customer', userId: admin.id, tenantId: tenant.id }),
    };
    // Root-domain procedures parse their input first: give them a valid one, so only the host decides.
    const inputs: Record<string, unknown> = {
      'tenants.signUp': form('otra-desde-pendiente'),
      'tenants.resendVerification': { slug: 'nadie-la-ve', email: admin.email },
    };
    const procedures = Object.keys((appRouter._def as unknown as { procedures: Record<string, unknown> }).procedures);
    expect(procedures.length).toBeGreaterThan(20);
    const answers: string[] = [];
    for (const path of procedures) {
      for (const [persona, session] of Object.entries(personas)) {
        const caller = await onHost(host, null, session);
        const fn = path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller) as (input: unknown) => Promise<unknown>;
        const outcome = await fn(inputs[path]).then(
          () => 'answered',
          (e: { code?: string }) => e.code,
        );
        if (outcome !== 'NOT_FOUND') answers.push(`${path} as ${persona}: ${outcome}`);
      }
    }
    expect(answers).toEqual([]);
    expect(await resolveTenantByHost(host)).toBeNull();
  });
});

describe('the verification link', () => {
  it('works only on its own subdomain, only until it expires, and only while its sign-up waits', async () => {
    const other = await createTenant();
    const { link, host, tenant } = await signedUp('enlace-vence');
    const token = tokenOf(link);
    expect(await consumeVerificationLink(other.host, token)).toBeNull();
    expect(await consumeVerificationLink('localhost:3000', token)).toBeNull();
    expect(await consumeVerificationLink(host, 'not-a-token')).toBeNull();
    expect(await consumeVerificationLink(host, '')).toBeNull();

    await db().signInToken.updateMany({ where: { tenantId: tenant.id }, data: { expiresAt: new Date(Date.now() - 1_000) } });
    expect(await consumeVerificationLink(host, token)).toBeNull();
    expect(await resolveTenantByHost(host)).toBeNull();

    // A sign-up whose own time ran out is verified by no link, even one still valid.
    await db().signInToken.updateMany({ where: { tenantId: tenant.id }, data: { expiresAt: new Date(Date.now() + 3_600_000) } });
    await db().tenant.update({ where: { id: tenant.id }, data: { expiresAt: new Date(Date.now() - 1_000) } });
    expect(await resolvePendingTenantByHost(host)).toBeNull();
    expect(await consumeVerificationLink(host, token)).toBeNull();
    // (The worker's cleanup may have deleted it by now: either way, never verified.)
    expect((await db().tenant.findUnique({ where: { id: tenant.id }, select: { verifiedAt: true } }))?.verifiedAt ?? null).toBeNull();
  });

  it('can be sent again; following any one spends them all', async () => {
    const { result, link: first, host } = await signedUp('dos-enlaces');
    const again = await (await fromRoot(newAddress())).tenants.resendVerification({ slug: 'dos-enlaces', email: result.email });
    expect(again).toEqual({ delivery: 'email' });
    const [, second] = await emailTo(result.email, 2);
    expect(second).not.toBe(first);
    expect(await consumeVerificationLink(host, tokenOf(second!))).toMatchObject({ kind: 'staff' });
    expect(await consumeVerificationLink(host, tokenOf(first))).toBeNull();
    // Verified: no more links for it.
    await rejects((await fromRoot(newAddress())).tenants.resendVerification({ slug: 'dos-enlaces', email: result.email }), 'NOT_FOUND');
  });

  it('is sent again only to whoever knows the sign-up’s subdomain and address, a few times an hour', async () => {
    const { result } = await signedUp('reenvios');
    const live = await createTenant();
    const ip = newAddress();
    const root = await fromRoot(ip);
    await rejects(root.tenants.resendVerification({ slug: 'reenvios', email: 'otra@persona.test' }), 'NOT_FOUND');
    await rejects(root.tenants.resendVerification({ slug: 'no-existe', email: result.email }), 'NOT_FOUND');
    await rejects(root.tenants.resendVerification({ slug: live.slug, email: `admin@${live.slug}.test` }), 'NOT_FOUND');
    await rejects((await onHost(live.host, ip)).tenants.resendVerification({ slug: 'reenvios', email: result.email }), 'NOT_FOUND');
    // Three an hour per sign-up, from any address.
    for (let i = 0; i < 3; i++) await (await fromRoot(newAddress())).tenants.resendVerification({ slug: 'reenvios', email: result.email });
    const refused = await rejects((await fromRoot(newAddress())).tenants.resendVerification({ slug: 'reenvios', email: result.email }), 'TOO_MANY_REQUESTS');
    expect(translated(refused)).toMatch(/^Ya se pidieron varios enlaces\. Probá de nuevo en \d+ minutos?\.$/);
    // Ten an hour per address, whatever it asks for (three above counted; the call on a tenant's host never got that far).
    for (let i = 0; i < 7; i++) await rejects(root.tenants.resendVerification({ slug: 'no-existe', email: result.email }), 'NOT_FOUND');
    await rejects(root.tenants.resendVerification({ slug: 'no-existe', email: result.email }), 'TOO_MANY_REQUESTS');
  });
});

describe('sign-ups per client address', () => {
  it('are limited atomically: of eight at once from one address, five are created', async () => {
    const ip = newAddress();
    const outcomes = await Promise.all(
      Array.from({ length: 8 }, async (_, i) => (await fromRoot(ip)).tenants.signUp(form(`rafaga-${'abcdefgh'[i]}`)).then(
        () => 'created',
        (e: { code?: string }) => (e.code === 'TOO_MANY_REQUESTS' ? translated(e) : `${e.code}`),
      )),
    );
    expect(outcomes.filter((o) => o === 'created')).toHaveLength(5);
    const refusals = outcomes.filter((o) => o !== 'created');
    expect(refusals).toHaveLength(3);
    for (const r of refusals) expect(r).toMatch(/^Se crearon demasiadas cuentas desde tu conexión\. Probá de nuevo en \d+ minutos?\.$/);
    expect(await db().tenant.count({ where: { slug: { startsWith: 'rafaga-' } } })).toBe(5);
    // Another address is not held back; a taken subdomain is refused without counting.
    const other = await fromRoot(newAddress());
    await other.tenants.signUp(form('rafaga-otra'));
    const taken = await db().tenant.findFirstOrThrow({ where: { slug: { startsWith: 'rafaga-' } }, select: { slug: true } });
    await rejects((await fromRoot(ip)).tenants.signUp(form(taken.slug)), 'CONFLICT');
  });
});

describe('sign-ups never verified', () => {
  it('are deleted by the worker with everything they had, freeing their subdomain; nothing else is touched', async () => {
    const expired = await signedUp('caduca');
    const waiting = await signedUp('espera');
    const live = await createTenant();
    const spent = await db().signUpLimit.create({ data: { key: 'old-window', hits: 9, expiresAt: new Date(Date.now() - 1_000) } });
    await db().tenant.update({ where: { id: expired.tenant.id }, data: { expiresAt: new Date(Date.now() - 1_000) } });
    await until(async () => !(await db().tenant.findUnique({ where: { id: expired.tenant.id } })), { what: 'the worker’s cleanup' });
    for (const table of ['User', 'Message', 'SignInToken', 'OutboxEvent', 'TicketState', 'TicketCategory'] as const) {
      const rows = await db().$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM "${table}" WHERE "tenantId" = $1::uuid`, expired.tenant.id);
      expect(rows[0]!.n, table).toBe(0);
    }
    expect(await db().signUpLimit.findUnique({ where: { key: spent.key } })).toBeNull();
    expect(await resolvePendingTenantByHost(waiting.host)).toMatchObject({ id: waiting.tenant.id });
    expect(await resolveTenantByHost(live.host)).toMatchObject({ id: live.id });
    expect(await deleteExpiredSignUps()).toBe(0);
    // Its subdomain is free again.
    await (await fromRoot(newAddress())).tenants.signUp(form('caduca'));
  });
});

describe('look-alike slugs in the database', () => {
  it('the migration filled Tenant.slugSkeleton with the same skeleton the code computes', async () => {
    const slugs = ['fibra-sur', 'flbrasur', 'supp0rt', 'adrnin', 'vvebmail', 'red-1nternet-2', 'a0123456789i'];
    const rows = await db().$queryRaw<{ slug: string; skeleton: string }[]>`
      SELECT slug, ${Prisma.raw(SLUG_SKELETON_SQL)} AS skeleton FROM unnest(${slugs}::text[]) AS slug`;
    expect(rows.map((r) => r.skeleton)).toEqual(slugs.map(slugSkeleton));
    const dir = path.join(process.cwd(), 'prisma', 'migrations');
    const migration = readdirSync(dir).find((d) => d.endsWith('_signup_verification'))!;
    expect(readFileSync(path.join(dir, migration, 'migration.sql'), 'utf8')).toContain(SLUG_SKELETON_SQL);
  });

  it('keeps two look-alikes from being created at once', async () => {
    const outcomes = await Promise.allSettled([
      (await fromRoot(newAddress())).tenants.signUp(form('nortenet')),
      (await fromRoot(newAddress())).tenants.signUp(form('norte-net')),
      (await fromRoot(newAddress())).tenants.signUp(form('n0rtenet')),
    ]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    for (const o of outcomes) {
      if (o.status === 'rejected') {
        expect((o.reason as { code: string }).code).toBe('CONFLICT');
        expect(JSON.stringify((o.reason as { cause: unknown }).cause)).toMatch(/validation\.slug(Confusable|Taken)/);
      }
    }
  });
});
