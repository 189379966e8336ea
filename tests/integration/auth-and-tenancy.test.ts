// A1 and sign-in: the host names the tenant; a session works only on its own tenant's host;
// staff and customers sign in, slowed down after failures (the backoff in detail:
// login-throttle.test.ts); the sign-up handoff token works exactly once.
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/server/db';
import { scopedDb } from '@/server/data/scoped';
import { forgetTenantCache, resolveTenantByHost } from '@/server/services/tenants/resolve';
import { consumeHandoffToken, createHandoffToken, signInCustomer, signInStaff } from '@/server/services/auth/sign-in';
import { BUCKETS } from '@/server/services/auth/throttle';
import { callerOn, createCustomer, createTenant, createUser, PASSWORD, rejects, type TestTenant } from '../factories';
import { httpCall } from '../factories/http';

let a: TestTenant;
let b: TestTenant;

beforeAll(async () => {
  [a, b] = await Promise.all([createTenant(), createTenant()]);
});

describe('tenant resolution', () => {
  it('resolves subdomains and registered custom domains; unknown hosts are nobody', async () => {
    expect((await resolveTenantByHost(`${a.slug}.localhost:3000`))?.id).toBe(a.id);
    expect(await resolveTenantByHost('nadie.localhost:3000')).toBeNull();
    expect(await resolveTenantByHost('localhost:3000')).toBeNull();
    await db().tenantDomain.create({ data: { tenantId: a.id, host: 'soporte.isp-a.test' } });
    expect((await resolveTenantByHost('Soporte.ISP-A.test'))?.id).toBe(a.id);
  });

  it('an unknown host answers NOT_FOUND with a translated message', async () => {
    const res = await httpCall({ host: 'nadie.localhost:3000', session: null, path: 'users.me', type: 'query' });
    expect(res.status).toBe(404);
    expect(res.json.error?.json.message).toBe('Esta dirección no corresponde a ninguna empresa.');
  });

  it('a session of tenant B is refused on tenant A’s host, even with a valid user id of B', async () => {
    const userB = await createUser(b, 'ADMIN');
    const forged = await callerOn(a.host, { kind: 'staff', userId: userB.id, tenantId: b.id });
    await rejects(forged.users.me(), 'UNAUTHORIZED');
    // Claiming tenant A with B's user id: the user is not found in A.
    const claimed = await callerOn(a.host, { kind: 'staff', userId: userB.id, tenantId: a.id });
    await rejects(claimed.users.me(), 'UNAUTHORIZED');
  });

  it('no session is UNAUTHORIZED, a customer session is FORBIDDEN for staff procedures', async () => {
    await rejects((await callerOn(a.host, null)).users.me(), 'UNAUTHORIZED');
    const customer = await createCustomer(a);
    await rejects((await callerOn(a.host, { kind: 'customer', userId: customer.id, tenantId: a.id })).users.me(), 'FORBIDDEN');
  });

  it('a session whose user id is not even a UUID is UNAUTHORIZED, never an error', async () => {
    await rejects((await callerOn(a.host, { kind: 'staff', userId: 'not-a-uuid', tenantId: a.id })).users.me(), 'UNAUTHORIZED');
    await rejects((await callerOn(a.host, { kind: 'customer', userId: 'not-a-uuid', tenantId: a.id })).portal.me(), 'UNAUTHORIZED');
  });

  it('portal.me answers the signed-in customer; staff are FORBIDDEN; a customer of B is refused on A', async () => {
    const customer = await createCustomer(a, { name: 'Marta Portal' });
    expect(await (await callerOn(a.host, { kind: 'customer', userId: customer.id, tenantId: a.id })).portal.me()).toEqual({
      kind: 'customer',
      id: customer.id,
      name: 'Marta Portal',
    });
    const admin = await createUser(a, 'ADMIN');
    await rejects((await callerOn(a.host, { kind: 'staff', userId: admin.id, tenantId: a.id })).portal.me(), 'FORBIDDEN');
    const customerB = await createCustomer(b);
    await rejects((await callerOn(a.host, { kind: 'customer', userId: customerB.id, tenantId: b.id })).portal.me(), 'UNAUTHORIZED');
    await rejects((await callerOn(a.host, { kind: 'customer', userId: customerB.id, tenantId: a.id })).portal.me(), 'UNAUTHORIZED');
  });
});

describe('staff sign-in', () => {
  it('signs in with e-mail (any case) and password, within the host tenant only', async () => {
    const u = await createUser(a, 'OPERATOR', { email: 'mismo@correo.test' });
    await createUser(b, 'ADMIN', { email: 'mismo@correo.test' });
    const inA = await signInStaff(a, 'MISMO@correo.test', PASSWORD, null);
    expect(inA).toMatchObject({ ok: true, user: { id: u.id, tenantId: a.id, kind: 'staff' } });
    const inB = await signInStaff(b, 'mismo@correo.test', PASSWORD, null);
    expect(inB.ok && inB.user.tenantId).toBe(b.id);
    expect(await signInStaff(a, 'mismo@correo.test', 'wrong-password', null)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('slows an account down after repeated failures from one address, even for the right password, and says for how long', async () => {
    const u = await createUser(a, 'OPERATOR');
    const ip = '198.51.100.20';
    const now = new Date();
    for (let i = 0; i < BUCKETS.pair.free; i++) expect(await signInStaff(a, u.email, 'nope', ip, now)).toEqual({ ok: false, reason: 'invalid' });
    // The failure past the free ones makes the next attempt wait (2 s, then 4 s, 8 s …): said in seconds.
    expect(await signInStaff(a, u.email, 'nope', ip, now)).toEqual({ ok: false, reason: 'throttled', seconds: 2 });
    expect(await signInStaff(a, u.email, PASSWORD, ip, now)).toEqual({ ok: false, reason: 'throttled', seconds: 2 });
    // The same e-mail in another tenant is another account, not slowed.
    const other = await createUser(b, 'OPERATOR', { email: u.email });
    expect(await signInStaff(b, other.email, PASSWORD, ip)).toMatchObject({ ok: true });
  });

  it('slows an address that tries many accounts, without locking the accounts behind it', async () => {
    const ip = '203.0.113.7';
    const now = new Date();
    for (let i = 0; i < BUCKETS.address.free; i++) await signInStaff(a, `nadie${i}@x.test`, 'nope', ip, now);
    expect(await signInStaff(a, 'otro@x.test', 'nope', ip, now)).toEqual({ ok: false, reason: 'throttled', seconds: 1 });
    const u = await createUser(a, 'OPERATOR');
    // A first sign-in from that address waits its turn (a second here, at most a minute, never a lock)…
    expect(await signInStaff(a, u.email, PASSWORD, ip, now)).toEqual({ ok: false, reason: 'throttled', seconds: 1 });
    expect(await signInStaff(a, u.email, PASSWORD, ip, new Date(now.getTime() + 1_000))).toMatchObject({ ok: true });
    // … and from another address it goes through at once.
    expect(await signInStaff(a, u.email, PASSWORD, '203.0.113.8', now)).toMatchObject({ ok: true });
  });

  it('a success clears the account counter', async () => {
    const u = await createUser(a, 'OPERATOR');
    const ip = '198.51.100.30';
    for (let i = 0; i < BUCKETS.pair.free - 1; i++) await signInStaff(a, u.email, 'nope', ip);
    expect(await signInStaff(a, u.email, PASSWORD, ip)).toMatchObject({ ok: true });
    for (let i = 0; i < BUCKETS.pair.free; i++) expect(await signInStaff(a, u.email, 'nope', ip)).toEqual({ ok: false, reason: 'invalid' });
  });
});

describe('customer sign-in (F1, F2)', () => {
  it('uses the field the tenant chose: tax id (default), code or e-mail', async () => {
    const c = await createCustomer(a, { code: 'CLI-77', taxId: '28765432', emails: ['cliente77@mail.test'], portalPassword: true });
    expect(await signInCustomer(a, '28.765.432', PASSWORD, null)).toMatchObject({ ok: true, user: { id: c.id } });
    expect(await signInCustomer(a, 'CLI-77', PASSWORD, null)).toMatchObject({ ok: false });
    await scopedDb(a.id).tenant.update({ where: { id: a.id }, data: { settings: { portal: { loginField: 'CODE', allowDeleted: false } } } });
    forgetTenantCache();
    const byCode = (await resolveTenantByHost(a.host))!;
    expect(await signInCustomer(byCode, 'CLI-77', PASSWORD, null)).toMatchObject({ ok: true });
    await scopedDb(a.id).tenant.update({ where: { id: a.id }, data: { settings: { portal: { loginField: 'EMAIL', allowDeleted: false } } } });
    forgetTenantCache();
    const byEmail = (await resolveTenantByHost(a.host))!;
    expect(await signInCustomer(byEmail, 'Cliente77@mail.test', PASSWORD, null)).toMatchObject({ ok: true });
    await scopedDb(a.id).tenant.update({ where: { id: a.id }, data: { settings: {} } });
    forgetTenantCache();
  });

  it('refuses deleted customers unless the tenant allows them (F2), and customers without a portal password', async () => {
    const deleted = await createCustomer(a, { taxId: '29111000', status: 'DELETED', portalPassword: true });
    expect(await signInCustomer(a, '29111000', PASSWORD, null)).toEqual({ ok: false, reason: 'invalid' });
    const deletedSession = await callerOn(a.host, { kind: 'customer', userId: deleted.id, tenantId: a.id });
    await rejects(deletedSession.portal.me(), 'UNAUTHORIZED');
    const allowing = { ...a, settings: { ...a.settings, portal: { ...a.settings.portal, loginField: 'TAX_ID' as const, allowDeleted: true } } };
    expect(await signInCustomer(allowing, '29111000', PASSWORD, null)).toMatchObject({ ok: true });
    await scopedDb(a.id).tenant.update({ where: { id: a.id }, data: { settings: { portal: { loginField: 'TAX_ID', allowDeleted: true } } } });
    forgetTenantCache();
    const laterSession = await callerOn(a.host, { kind: 'customer', userId: deleted.id, tenantId: a.id });
    expect(await laterSession.portal.me()).toMatchObject({ id: deleted.id, kind: 'customer' });
    await scopedDb(a.id).tenant.update({ where: { id: a.id }, data: { settings: {} } });
    forgetTenantCache();
    await createCustomer(a, { taxId: '29222000' });
    expect(await signInCustomer(a, '29222000', PASSWORD, null)).toEqual({ ok: false, reason: 'invalid' });
  });
});

describe('sign-up handoff token', () => {
  it('signs the new admin in once, only on its own tenant, and expires', async () => {
    const token = await createHandoffToken(a.id, a.adminId);
    expect(await consumeHandoffToken(b, token)).toBeNull();
    expect(await consumeHandoffToken(a, token)).toMatchObject({ id: a.adminId, kind: 'staff' });
    expect(await consumeHandoffToken(a, token)).toBeNull();
    const old = await createHandoffToken(a.id, a.adminId);
    await db().signInToken.updateMany({ where: { tenantId: a.id, usedAt: null }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await consumeHandoffToken(a, old)).toBeNull();
  });
});
