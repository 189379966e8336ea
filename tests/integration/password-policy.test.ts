// The password policy everywhere a password is set (issue 15, point 7): an ISP's sign-up, a user
// created or given a new password by an admin, one's own password change (sessions.test.ts), and a
// generated portal password. Each refusal is a translated field error and writes nothing.
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/server/db';
import { scopedDb } from '@/server/data/scoped';
import { passwordIssue } from '@/server/services/auth/password-policy';
import { signInStaff } from '@/server/services/auth/sign-in';
import { createCustomer, createUser, PASSWORD, rejects, twoTenantsWithStaff, type StaffOfEveryRole, type TestTenant } from '../factories';
import { httpCall } from '../factories/http';

let a: TestTenant, A: StaffOfEveryRole;
beforeAll(async () => ({ a, A } = await twoTenantsWithStaff()));

const COMMON = 'Esa contraseña es de las más usadas o aparece en filtraciones: elegí otra.';
const SHORT = 'La contraseña debe tener al menos 10 caracteres.';
const PERSONAL = 'La contraseña no puede ser igual al correo, al nombre ni al usuario de la cuenta.';

describe('users.create', () => {
  const create = (password: string, email = 'nuevo.policy@x.test') =>
    httpCall({ host: a.host, session: { kind: 'staff', userId: A.ids.ADMIN, tenantId: a.id }, path: 'users.create', input: { name: 'Nuevo Policy', email, role: 'OPERATOR', password } });

  it('refuses the review’s passwords, short ones, common ones in any case, and the user’s own e-mail or name', async () => {
    for (const [password, message] of [
      ['password', SHORT],
      ['12345678', SHORT],
      ['Password123', COMMON],
      ['1234567890', COMMON],
      ['nuevo.policy@x.test', PERSONAL],
      ['NUEVO.POLICY', PERSONAL],
      ['Nuevo Policy', PERSONAL],
      ['nuevopolicy', PERSONAL],
    ] as const) {
      const res = await create(password);
      expect(res.status, password).toBe(400);
      expect(res.json.error?.json.data.fieldErrors, password).toEqual({ password: message });
    }
    expect(await scopedDb(a.id).user.count({ where: { email: 'nuevo.policy@x.test' } })).toBe(0);
    expect((await create('una-frase-de-verdad')).status).toBe(200);
  });

  it('a name long enough to be a password is refused as the password', async () => {
    const res = await httpCall({
      host: a.host,
      session: { kind: 'staff', userId: A.ids.ADMIN, tenantId: a.id },
      path: 'users.create',
      input: { name: 'Maximiliano Robles', email: 'maxi.policy@x.test', role: 'OPERATOR', password: 'maximiliano robles' },
    });
    expect(res.json.error?.json.data.fieldErrors).toEqual({ password: PERSONAL });
  });
});

describe('users.update (a new password set by an admin)', () => {
  it('follows the same rule, with the user’s e-mail and name from the database', async () => {
    const u = await createUser(a, 'OPERATOR', { email: 'carla.update@x.test', name: 'Carla Update' });
    const session = { kind: 'staff' as const, userId: A.ids.ADMIN, tenantId: a.id };
    for (const [password, message] of [
      ['qwertyuiop', COMMON],
      ['corta', SHORT],
      ['carla.update', PERSONAL],
      ['Carla Update', PERSONAL],
    ] as const) {
      const res = await httpCall({ host: a.host, session, path: 'users.update', input: { id: u.id, password } });
      expect(res.json.error?.json.data.fieldErrors, password).toEqual({ password: message });
    }
    // Nor the new name given in the same change.
    const renamed = await httpCall({ host: a.host, session, path: 'users.update', input: { id: u.id, name: 'Carla Renombrada', password: 'carla renombrada' } });
    expect(renamed.json.error?.json.data.fieldErrors).toEqual({ password: PERSONAL });
    expect(await signInStaff(a, u.email, PASSWORD, null)).toMatchObject({ ok: true });
    expect((await scopedDb(a.id).user.findUniqueOrThrow({ where: { id: u.id } })).name).toBe('Carla Update');
  });
});

describe('tenants.signUp (the first admin’s password)', () => {
  const signUp = (slug: string, adminPassword: string) => ({ name: 'Red Segura', slug, country: 'AR' as const, adminName: 'Rocío Segura', adminEmail: 'rocio@redsegura.test', adminPassword });

  it('refuses short, common and personal passwords, and creates nothing', async () => {
    for (const [password, message] of [
      ['12345678', SHORT],
      ['password1234', COMMON],
      ['rocio@redsegura.test', PERSONAL],
      ['Rocío Segura', PERSONAL],
    ] as const) {
      const res = await httpCall({ host: 'localhost:3000', session: null, path: 'tenants.signUp', input: signUp('red-segura', password) });
      expect(res.status, password).toBe(400);
      expect(res.json.error?.json.data.fieldErrors, password).toEqual({ adminPassword: message });
    }
    expect(await db().tenant.count({ where: { slug: 'red-segura' } })).toBe(0);
    const ok = await httpCall({ host: 'localhost:3000', session: null, path: 'tenants.signUp', input: signUp('red-segura', 'una-clave-larga') });
    expect(ok.status).toBe(200);
  });
});

describe('customers.regeneratePortalPassword', () => {
  it('gives passwords that pass the policy', async () => {
    const c = await createCustomer(a, { portalPassword: true });
    for (let i = 0; i < 5; i++) {
      const { password } = await A.OPERATOR.customers.regeneratePortalPassword({ id: c.id });
      expect(passwordIssue(password, [c.name, c.code, c.taxId, ...c.emails])).toBeNull();
    }
    await rejects(A.TECHNICIAN.customers.regeneratePortalPassword({ id: c.id }), 'FORBIDDEN');
  });
});
