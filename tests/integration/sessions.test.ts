// Sessions end when they should (issue 15, point 5). A session carries the person's session version
// and its own id; the caller's row, reloaded on every call, must still have that version, and the id
// must not be signed out. Every event that must end sessions is checked here with claims issued
// before it: sign out (this session only, a copy of its cookie included), sign out everywhere
// (staff and portal), a password change (own, or by an admin), a role change, deactivation (also
// after reactivation), a new portal password, a customer's deletion. Other people's sessions, and
// the person's other sessions where only one was signed out, keep working.
import { beforeAll, describe, expect, it } from 'vitest';
import { scopedDb } from '@/server/data/scoped';
import { forgetTenantCache } from '@/server/services/tenants/resolve';
import { revokeSession } from '@/server/services/auth/sessions';
import { signInStaff } from '@/server/services/auth/sign-in';
import { SESSION_MAX_AGE_SECONDS } from '@/server/auth/claims';
import type { SessionClaims } from '@/server/api/trpc';
import { callerOn, createCustomer, createUser, PASSWORD, rejects, signedIn, twoTenantsWithStaff, type StaffOfEveryRole, type TestTenant } from '../factories';
import { httpCall } from '../factories/http';

let a: TestTenant, b: TestTenant, A: StaffOfEveryRole, B: StaffOfEveryRole;
beforeAll(async () => ({ a, b, A, B } = await twoTenantsWithStaff()));

const staffSession = (tenant: TestTenant, userId: string) => signedIn({ kind: 'staff', userId, tenantId: tenant.id });
const customerSession = (tenant: TestTenant, customerId: string) => signedIn({ kind: 'customer', userId: customerId, tenantId: tenant.id });
const on = (tenant: TestTenant, claims: SessionClaims) => callerOn(tenant.host, claims);
const sessionEnd = () => new Date(Date.now() + SESSION_MAX_AGE_SECONDS * 1000);

/** The claims are alive: a staff call answers. */
async function staffAlive(tenant: TestTenant, claims: SessionClaims) {
  await expect((await on(tenant, claims)).users.me()).resolves.toMatchObject({ id: claims.userId });
}
async function staffEnded(tenant: TestTenant, claims: SessionClaims) {
  await rejects((await on(tenant, claims)).users.me(), 'UNAUTHORIZED');
}

describe('signing out ends this session for good', () => {
  it('a copy of the signed-out cookie is refused over HTTP; the same person’s other session and other people’s keep working', async () => {
    const u = await createUser(a, 'OPERATOR');
    const laptop = await staffSession(a, u.id);
    const phone = await staffSession(a, u.id);
    const colleague = await staffSession(a, A.ids.SUPERVISOR);
    const before = await httpCall({ host: a.host, session: laptop, path: 'users.me', type: 'query' });
    expect(before.status).toBe(200);

    await revokeSession(a.id, laptop.sessionId, sessionEnd());
    const after = await httpCall({ host: a.host, session: laptop, path: 'users.me', type: 'query' });
    expect(after.status).toBe(401);
    expect(after.json.error?.json.message).toBe('Tu sesión ya no es válida. Iniciá sesión de nuevo.');
    await staffEnded(a, laptop);
    await staffAlive(a, phone);
    await staffAlive(a, colleague);
  });

  it('a signed-out portal session is refused too', async () => {
    const c = await createCustomer(a, { portalPassword: true });
    const session = await customerSession(a, c.id);
    await expect((await on(a, session)).portal.me()).resolves.toMatchObject({ id: c.id });
    await revokeSession(a.id, session.sessionId, sessionEnd());
    await rejects((await on(a, session)).portal.me(), 'UNAUTHORIZED');
  });

  it('the revocation counts in its own tenant only, and is kept until the session would have ended anyway', async () => {
    const u = await createUser(a, 'OPERATOR');
    const s = await staffSession(a, u.id);
    const now = new Date();
    // An entry of tenant B with this id (impossible in practice: ids are random) changes nothing in A.
    await revokeSession(b.id, s.sessionId, new Date(now.getTime() + 60_000), now);
    await staffAlive(a, s);
    await revokeSession(a.id, s.sessionId, new Date(now.getTime() + 60_000), now);
    await staffEnded(a, s);
    // A later sign-out in A forgets A's entries whose sessions have ended by then; B's are B's business.
    const later = new Date(now.getTime() + 120_000);
    await revokeSession(a.id, (await staffSession(a, u.id)).sessionId, new Date(later.getTime() + 60_000), later);
    expect(await scopedDb(a.id).revokedSession.count({ where: { sessionId: s.sessionId } })).toBe(0);
    expect(await scopedDb(b.id).revokedSession.count({ where: { sessionId: s.sessionId } })).toBe(1);
  });
});

describe('sign out everywhere', () => {
  it('staff: every session of mine ends, this one included; nobody else’s', async () => {
    const u = await createUser(a, 'TECHNICIAN');
    const [laptop, phone, colleague] = await Promise.all([staffSession(a, u.id), staffSession(a, u.id), staffSession(a, A.ids.OPERATOR)]);
    await expect((await on(a, laptop)).account.signOutEverywhere()).resolves.toEqual({ signedOut: true });
    await staffEnded(a, laptop);
    await staffEnded(a, phone);
    await staffAlive(a, colleague);
    // Signing in again gives a session that works.
    await staffAlive(a, await staffSession(a, u.id));
  });

  it('portal: every session of the customer ends; other customers stay signed in', async () => {
    const [c, other] = await Promise.all([createCustomer(a, { portalPassword: true }), createCustomer(a, { portalPassword: true })]);
    const [one, two, theirs] = await Promise.all([customerSession(a, c.id), customerSession(a, c.id), customerSession(a, other.id)]);
    await expect((await on(a, one)).portal.account.signOutEverywhere()).resolves.toEqual({ signedOut: true });
    await rejects((await on(a, one)).portal.me(), 'UNAUTHORIZED');
    await rejects((await on(a, two)).portal.me(), 'UNAUTHORIZED');
    await expect((await on(a, theirs)).portal.me()).resolves.toMatchObject({ id: other.id });
  });

  it('is for one’s own sessions: wrong kind FORBIDDEN, no session or another tenant’s UNAUTHORIZED', async () => {
    const c = await createCustomer(a, { portalPassword: true });
    await rejects((await on(a, await customerSession(a, c.id))).account.signOutEverywhere(), 'FORBIDDEN');
    await rejects((await on(a, await staffSession(a, A.ids.ADMIN))).portal.account.signOutEverywhere(), 'FORBIDDEN');
    await rejects((await callerOn(a.host, null)).account.signOutEverywhere(), 'UNAUTHORIZED');
    await rejects((await callerOn(a.host, null)).portal.account.signOutEverywhere(), 'UNAUTHORIZED');
    // B's admin on A's host, with B's claims or claiming A: refused, and A's admin stays signed in.
    const adminA = await staffSession(a, A.ids.ADMIN);
    await rejects((await callerOn(a.host, await staffSession(b, B.ids.ADMIN))).account.signOutEverywhere(), 'UNAUTHORIZED');
    await rejects((await callerOn(a.host, { kind: 'staff', userId: B.ids.ADMIN, tenantId: a.id })).account.signOutEverywhere(), 'UNAUTHORIZED');
    const customerB = await createCustomer(b, { portalPassword: true });
    await rejects((await callerOn(a.host, await customerSession(b, customerB.id))).portal.account.signOutEverywhere(), 'UNAUTHORIZED');
    await staffAlive(a, adminA);
  });
});

describe('changing my password', () => {
  it('checks the current password, ends every older session, and the new password signs in', async () => {
    const u = await createUser(a, 'OPERATOR');
    const [here, elsewhere, colleague] = await Promise.all([staffSession(a, u.id), staffSession(a, u.id), staffSession(a, A.ids.SUPERVISOR)]);
    await expect((await on(a, here)).account.changePassword({ currentPassword: PASSWORD, newPassword: 'otra-frase-larga-7' })).resolves.toEqual({ changed: true });
    await staffEnded(a, here);
    await staffEnded(a, elsewhere);
    await staffAlive(a, colleague);
    expect(await signInStaff(a, u.email, PASSWORD, null)).toEqual({ ok: false, reason: 'invalid' });
    const again = await signInStaff(a, u.email, 'otra-frase-larga-7', null);
    expect(again).toMatchObject({ ok: true, user: { id: u.id, sessionVersion: here.version + 1 } });
  });

  it('a wrong current password is a translated field error and changes nothing; guessing it is slowed like signing in', async () => {
    const u = await createUser(a, 'OPERATOR');
    const session = await staffSession(a, u.id);
    const wrong = await httpCall({ host: a.host, session, path: 'account.changePassword', input: { currentPassword: 'no-es-esta', newPassword: 'otra-frase-larga-7' } });
    expect(wrong.status).toBe(400);
    expect(wrong.json.error?.json.data.fieldErrors).toEqual({ currentPassword: 'La contraseña actual no es correcta.' });
    await staffAlive(a, session);
    const caller = await on(a, session);
    // The same account bucket as the sign-in page (no address here: the account's own): 10 free
    // failures, and the one after them makes the next attempt wait 2 s.
    for (let i = 1; i <= 10; i++) await rejects(caller.account.changePassword({ currentPassword: `guess-${i}`, newPassword: 'otra-frase-larga-7' }), 'BAD_REQUEST');
    const slowed = await httpCall({ host: a.host, session, path: 'account.changePassword', input: { currentPassword: PASSWORD, newPassword: 'otra-frase-larga-7' }, locale: 'en' });
    expect(slowed.status).toBe(429);
    expect(slowed.json.error?.json.message).toMatch(/^Too many failed attempts\. Try again in \d+ seconds?\.$/);
    expect(await signInStaff(a, u.email, PASSWORD, null)).toMatchObject({ ok: false, reason: 'throttled' });
  });

  it('the new password follows the policy and must differ from the current one', async () => {
    const u = await createUser(a, 'OPERATOR', { email: 'lucia.policy@x.test', name: 'Lucía Policy' });
    const session = await staffSession(a, u.id);
    const call = (newPassword: string) => httpCall({ host: a.host, session, path: 'account.changePassword', input: { currentPassword: PASSWORD, newPassword } });
    expect((await call('1234567890')).json.error?.json.data.fieldErrors).toEqual({ newPassword: 'Esa contraseña es de las más usadas o aparece en filtraciones: elegí otra.' });
    expect((await call('corta-1')).json.error?.json.data.fieldErrors).toEqual({ newPassword: 'La contraseña debe tener al menos 10 caracteres.' });
    expect((await call('Lucia.Policy@x.test')).json.error?.json.data.fieldErrors).toEqual({ newPassword: 'La contraseña no puede ser igual al correo, al nombre ni al usuario de la cuenta.' });
    expect((await call(PASSWORD)).json.error?.json.data.fieldErrors).toEqual({ newPassword: 'La contraseña nueva tiene que ser distinta de la actual.' });
    await staffAlive(a, session);
    expect(await signInStaff(a, u.email, PASSWORD, null)).toMatchObject({ ok: true });
  });

  it('is for staff on their own tenant', async () => {
    const c = await createCustomer(a, { portalPassword: true });
    await rejects((await on(a, await customerSession(a, c.id))).account.changePassword({ currentPassword: PASSWORD, newPassword: 'otra-frase-larga-7' }), 'FORBIDDEN');
    await rejects((await callerOn(a.host, null)).account.changePassword({ currentPassword: PASSWORD, newPassword: 'otra-frase-larga-7' }), 'UNAUTHORIZED');
    await rejects((await callerOn(a.host, await staffSession(b, B.ids.OPERATOR))).account.changePassword({ currentPassword: PASSWORD, newPassword: 'otra-frase-larga-7' }), 'UNAUTHORIZED');
    expect(await signInStaff(b, (await scopedDb(b.id).user.findUniqueOrThrow({ where: { id: B.ids.OPERATOR } })).email, PASSWORD, null)).toMatchObject({ ok: true });
  });
});

describe('an admin’s changes end the user’s sessions', () => {
  it('a new password set by an admin', async () => {
    const u = await createUser(a, 'OPERATOR');
    const old = await staffSession(a, u.id);
    await A.ADMIN.users.update({ id: u.id, password: 'puesta-por-admin-1' });
    await staffEnded(a, old);
    await staffAlive(a, await staffSession(a, u.id));
  });

  it('a role change (the user signs in again under the new role); a name change ends nothing', async () => {
    const u = await createUser(a, 'OPERATOR');
    const old = await staffSession(a, u.id);
    await A.ADMIN.users.update({ id: u.id, name: 'Nombre Nuevo', phone: '+54 11 5555-1212' });
    await staffAlive(a, old);
    await A.ADMIN.users.update({ id: u.id, role: 'OPERATOR' });
    await staffAlive(a, old);
    await A.ADMIN.users.update({ id: u.id, role: 'SUPERVISOR' });
    await staffEnded(a, old);
    await expect((await on(a, await staffSession(a, u.id))).users.me()).resolves.toMatchObject({ role: 'SUPERVISOR' });
  });

  it('deactivation, for good: reactivating the user does not bring the old session back', async () => {
    const u = await createUser(a, 'OPERATOR');
    const old = await staffSession(a, u.id);
    await A.ADMIN.users.deactivate({ id: u.id });
    await staffEnded(a, old);
    await A.ADMIN.users.activate({ id: u.id });
    await staffEnded(a, old);
    expect(await signInStaff(a, u.email, PASSWORD, null)).toMatchObject({ ok: true });
  });
});

describe('an operator’s changes end the customer’s portal sessions', () => {
  it('a new portal password', async () => {
    const c = await createCustomer(a, { portalPassword: true });
    const old = await customerSession(a, c.id);
    await A.OPERATOR.customers.regeneratePortalPassword({ id: c.id });
    await rejects((await on(a, old)).portal.me(), 'UNAUTHORIZED');
    await expect((await on(a, await customerSession(a, c.id))).portal.me()).resolves.toMatchObject({ id: c.id });
  });

  it('deletion, even where the tenant lets deleted customers sign in (F2)', async () => {
    await scopedDb(a.id).tenant.update({ where: { id: a.id }, data: { settings: { portal: { loginField: 'TAX_ID', allowDeleted: true } } } });
    forgetTenantCache();
    try {
      const c = await createCustomer(a, { portalPassword: true });
      const old = await customerSession(a, c.id);
      await A.SUPERVISOR.customers.delete({ id: c.id });
      await rejects((await on(a, old)).portal.me(), 'UNAUTHORIZED');
      // Allowed back in with a new sign-in, as F2 says.
      await expect((await on(a, await customerSession(a, c.id))).portal.me()).resolves.toMatchObject({ id: c.id });
    } finally {
      await scopedDb(a.id).tenant.update({ where: { id: a.id }, data: { settings: {} } });
      forgetTenantCache();
    }
  });

  it('nothing of another tenant: B’s operator cannot end A’s customer’s sessions', async () => {
    const c = await createCustomer(a, { portalPassword: true });
    const session = await customerSession(a, c.id);
    await rejects(B.OPERATOR.customers.regeneratePortalPassword({ id: c.id }), 'NOT_FOUND');
    await rejects(B.ADMIN.customers.delete({ id: c.id }), 'NOT_FOUND');
    await expect((await on(a, session)).portal.me()).resolves.toMatchObject({ id: c.id });
  });
});
