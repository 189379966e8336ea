// A1/A6 procedures: self-service sign-up (root domain only) and the tenant's settings.
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/server/db';
import { consumeHandoffToken } from '@/server/services/auth/sign-in';
import { resolveTenantByHost } from '@/server/services/tenants/resolve';
import { callerOn, createTenant, rejects, staffOfEveryRole, type TestTenant } from '../factories';
import { httpCall } from '../factories/http';

const signUp = (slug: string) => ({ name: 'Red del Valle', slug, country: 'CO' as const, adminName: 'Valeria Gómez', adminEmail: 'valeria@redvalle.test', adminPassword: 'una-clave-larga' });

describe('tenants.signUp', () => {
  it('creates the tenant with country defaults, its admin, and a one-time sign-in link to the new subdomain', async () => {
    const root = await callerOn('localhost:3000', null);
    const result = await root.tenants.signUp(signUp('redvalle'));
    expect(result.signInUrl).toMatch(/^http:\/\/redvalle\.localhost:3000\/auth\/handoff\?token=/);
    const tenant = (await resolveTenantByHost('redvalle.localhost'))!;
    expect(tenant).toMatchObject({ name: 'Red del Valle', country: 'CO', locale: 'es', timeZone: 'America/Bogota', currency: 'COP', settings: { portal: { loginField: 'TAX_ID', allowDeleted: false } } });
    const admin = await db().user.findFirst({ where: { tenantId: tenant.id } });
    expect(admin).toMatchObject({ role: 'ADMIN', email: 'valeria@redvalle.test', active: true });
    const token = decodeURIComponent(result.signInUrl.split('token=')[1]!);
    expect(await consumeHandoffToken(tenant, token)).toMatchObject({ id: admin!.id });
  });

  it('refuses a taken, reserved or malformed subdomain with a field error', async () => {
    const root = await callerOn('localhost:3000', null);
    await root.tenants.signUp(signUp('tomado'));
    const taken = await httpCall({ host: 'localhost:3000', session: null, path: 'tenants.signUp', input: signUp('tomado') });
    expect(taken.status).toBe(409);
    expect(taken.json.error?.json.data.fieldErrors).toEqual({ slug: 'Ese subdominio ya está en uso.' });
    const reserved = await httpCall({ host: 'localhost:3000', session: null, path: 'tenants.signUp', input: signUp('www') });
    expect(reserved.json.error?.json.data.fieldErrors?.slug).toBe('Ese subdominio está reservado.');
    const bad = await httpCall({ host: 'localhost:3000', session: null, path: 'tenants.signUp', input: signUp('-Mal_') });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.json.error?.json.data.fieldErrors ?? {})).toEqual(['slug']);
  });

  it('is only offered on the root domain', async () => {
    const t = await createTenant();
    await rejects((await callerOn(t.host, null)).tenants.signUp(signUp('desde-tenant')), 'NOT_FOUND');
    expect(await resolveTenantByHost('desde-tenant.localhost')).toBeNull();
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
