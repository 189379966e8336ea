// A1/A6 procedures: self-service sign-up (root domain only) and the tenant's settings. (The sign-up's
// verification, limits and cleanup: sign-up.test.ts and sign-up-no-provider.test.ts.)
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/server/db';
import { createCaller } from '@/server/api/root';
import { createContext } from '@/server/api/trpc';
import { consumeVerificationLink } from '@/server/services/tenants/sign-up';
import { resolvePendingTenantByHost, resolveTenantByHost } from '@/server/services/tenants/resolve';
import { callerOn, createTenant, rejects, staffOfEveryRole, type TestTenant } from '../factories';
import { httpCall } from '../factories/http';

const signUp = (slug: string) => ({ name: 'Red del Valle', slug, country: 'CO' as const, adminName: 'Valeria Gómez', adminEmail: 'valeria@redvalle.test', adminPassword: 'una-clave-larga' });
let address = 0;
/** The root domain, from an address of its own (sign-ups are limited per address). */
const fromRoot = async () => createCaller(await createContext({ host: 'localhost:3000', session: null, ip: `192.0.2.${++address}`, locale: 'es' }));
/** The token of the newest verification link written for a tenant (its e-mail, kept in the message log). */
async function linkToken(tenantId: string) {
  const message = await db().message.findFirstOrThrow({ where: { tenantId, reason: 'tenant.verification' }, orderBy: { createdAt: 'desc' } });
  return /\/auth\/handoff\?token=([\w-]+)/.exec(message.text)![1]!;
}

describe('tenants.signUp', () => {
  it('creates the tenant with country defaults and its admin, waiting for the link that makes it live', async () => {
    const result = await (await fromRoot()).tenants.signUp(signUp('redvalle'));
    // No e-mail provider in this file: the link went to the server's log, and the page is told so.
    expect(result).toMatchObject({ slug: 'redvalle', email: 'valeria@redvalle.test', delivery: 'log' });
    expect(await resolveTenantByHost('redvalle.localhost')).toBeNull();
    const tenant = (await resolvePendingTenantByHost('redvalle.localhost'))!;
    expect(tenant).toMatchObject({ name: 'Red del Valle', country: 'CO', locale: 'es', timeZone: 'America/Bogota', currency: 'COP', settings: { portal: { loginField: 'TAX_ID', allowDeleted: false } } });
    const admin = await db().user.findFirst({ where: { tenantId: tenant.id } });
    expect(admin).toMatchObject({ role: 'ADMIN', email: 'valeria@redvalle.test', active: true });
    expect(await consumeVerificationLink('redvalle.localhost:3000', await linkToken(tenant.id))).toMatchObject({ id: admin!.id });
    expect(await resolveTenantByHost('redvalle.localhost')).toMatchObject({ id: tenant.id });
  });

  it('refuses a taken, reserved, punycode, look-alike or malformed subdomain with a translated field error', async () => {
    await (await fromRoot()).tenants.signUp(signUp('tomado'));
    await createTenant({ slug: 'fibrasur' });
    const reason = async (slug: string, status: number) => {
      const answer = await httpCall({ host: 'localhost:3000', session: null, path: 'tenants.signUp', input: signUp(slug) });
      expect(answer.status, slug).toBe(status);
      expect(Object.keys(answer.json.error?.json.data.fieldErrors ?? {}), slug).toEqual(['slug']);
      return answer.json.error?.json.data.fieldErrors?.slug;
    };
    expect(await reason('tomado', 409)).toBe('Ese subdominio ya está en uso.');
    expect(await reason('www', 400)).toBe('Ese subdominio está reservado.');
    expect(await reason('autodiscover', 400)).toBe('Ese subdominio está reservado.');
    expect(await reason('supp0rt', 400)).toBe('Se parece demasiado a «support», un nombre reservado.');
    expect(await reason('xn--fbrasur-2za', 400)).toBe('No se aceptan subdominios en punycode (xn--…): usá letras sin acentos, números y guiones.');
    expect(await reason('fibra--sur', 400)).toBe('No uses dos guiones seguidos.');
    expect(await reason('fibra-sur', 409)).toBe('Se parece demasiado a «fibrasur», el subdominio de otra empresa.');
    expect(await reason('flbrasur', 409)).toBe('Se parece demasiado a «fibrasur», el subdominio de otra empresa.');
    expect(await reason('t0mado', 409)).toBe('Se parece demasiado a «tomado», el subdominio de otra empresa.');
    expect(await reason('-Mal_', 400)).toBe('Solo minúsculas, números y guiones (hasta 40).');
    expect(await db().tenant.count({ where: { slug: { in: ['fibra-sur', 'flbrasur', 't0mado', 'supp0rt'] } } })).toBe(0);
  });

  it('lets the subdomain of a sign-up whose time ran out, and its look-alikes, be taken at once', async () => {
    await (await fromRoot()).tenants.signUp(signUp('redsur'));
    await rejects((await fromRoot()).tenants.signUp(signUp('red-sur')), 'CONFLICT');
    const old = await db().tenant.update({ where: { slug: 'redsur' }, data: { expiresAt: new Date(Date.now() - 1_000) } });
    const taken = await (await fromRoot()).tenants.signUp(signUp('red-sur'));
    expect(taken.slug).toBe('red-sur');
    expect(await db().tenant.findUnique({ where: { id: old.id } })).toBeNull();
    expect(await db().user.count({ where: { tenantId: old.id } })).toBe(0);
  });

  it('is only offered on the root domain', async () => {
    const t = await createTenant();
    await rejects((await callerOn(t.host, null)).tenants.signUp(signUp('desde-tenant')), 'NOT_FOUND');
    expect(await resolveTenantByHost('desde-tenant.localhost')).toBeNull();
    expect(await db().tenant.count({ where: { slug: 'desde-tenant' } })).toBe(0);
  });

  it('the test factories create live tenants', async () => {
    const t = await createTenant();
    expect(await resolveTenantByHost(t.host)).toMatchObject({ id: t.id });
    expect(await db().tenant.findUniqueOrThrow({ where: { id: t.id }, select: { verifiedAt: true, expiresAt: true } })).toEqual({ verifiedAt: expect.any(Date), expiresAt: null });
  });
});

describe('tenants.settings / updateSettings', () => {
  let a: TestTenant;
  let b: TestTenant;
  let A: Awaited<ReturnType<typeof staffOfEveryRole>>;
  beforeAll(async () => {
    [a, b] = await Promise.all([createTenant(), createTenant()]);
    A = await staffOfEveryRole(a);
  });

  const update = { name: 'Nuevo Nombre', country: 'IT' as const, locale: 'it' as const, timeZone: 'Europe/Rome', currency: 'EUR' as const, portal: { loginField: 'EMAIL' as const, allowDeleted: true } };

  it('admins read and change them; supervisors only read', async () => {
    expect(await A.SUPERVISOR.tenants.settings()).toMatchObject({ slug: a.slug, country: 'AR', currency: 'ARS' });
    await rejects(A.SUPERVISOR.tenants.updateSettings(update), 'FORBIDDEN');
    await A.ADMIN.tenants.updateSettings(update);
    expect(await (await callerOn(a.host, { kind: 'staff', userId: A.ids.ADMIN, tenantId: a.id })).tenants.settings()).toMatchObject({ ...update, slug: a.slug });
  });

  it('operators and technicians may not read them', async () => {
    await rejects(A.OPERATOR.tenants.settings(), 'FORBIDDEN');
    await rejects(A.TECHNICIAN.tenants.settings(), 'FORBIDDEN');
  });

  it('changes only the caller’s tenant', async () => {
    const before = await db().tenant.findUnique({ where: { id: b.id } });
    await A.ADMIN.tenants.updateSettings({ ...update, name: 'Solo A' });
    expect(await db().tenant.findUnique({ where: { id: b.id } })).toEqual(before);
  });

  it('refuses an unknown time zone with a field error', async () => {
    const error = await rejects(A.ADMIN.tenants.updateSettings({ ...update, timeZone: 'Mars/Olympus' }), 'BAD_REQUEST');
    expect(JSON.stringify(error.cause)).toContain('validation.timeZone');
  });
});
