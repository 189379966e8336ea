// A2 procedures: staff users — allowed, wrong role and cross-tenant cases, and the guard rails
// (a tenant keeps an active admin; nobody deactivates or demotes themselves).
import { beforeAll, describe, expect, it } from 'vitest';
import { scopedDb } from '@/server/data/scoped';
import { signInStaff } from '@/server/services/auth/sign-in';
import { httpCall } from '../factories/http';
import { asStaff, createUser, PASSWORD, rejects, type StaffOfEveryRole, type TestTenant, twoTenantsWithStaff } from '../factories';

let a: TestTenant, A: StaffOfEveryRole, B: StaffOfEveryRole;
beforeAll(async () => ({ a, A, B } = await twoTenantsWithStaff()));

describe('users.me', () => {
  it('returns the caller and their permissions, for every staff role', async () => {
    const me = await A.TECHNICIAN.users.me();
    expect(me).toMatchObject({ kind: 'staff', id: A.ids.TECHNICIAN, role: 'TECHNICIAN' });
    expect(me.permissions).not.toContain('billing.read');
    expect((await A.ADMIN.users.me()).permissions).toContain('users.manage');
  });
});

describe('users.list', () => {
  it('lists the tenant’s staff for admins and supervisors, never another tenant’s', async () => {
    const list = await A.SUPERVISOR.users.list({});
    expect(list.map((u) => u.id).sort()).toEqual(Object.values(A.ids).sort());
    expect(JSON.stringify(list)).not.toContain('passwordHash');
    expect((await B.ADMIN.users.list({})).map((u) => u.id)).not.toContain(A.ids.ADMIN);
  });
  it('refuses operators and technicians', async () => {
    await rejects(A.OPERATOR.users.list({}), 'FORBIDDEN');
    await rejects(A.TECHNICIAN.users.list({}), 'FORBIDDEN');
  });
});

describe('users.create', () => {
  it('lets an admin create a user who can then sign in', async () => {
    const u = await A.ADMIN.users.create({ name: 'Nueva Técnica', email: 'Nueva@Tecnica.test', role: 'TECHNICIAN', password: 'segura-123' });
    expect(u).toMatchObject({ email: 'nueva@tecnica.test', role: 'TECHNICIAN', active: true });
    expect(await signInStaff(a, 'nueva@tecnica.test', 'segura-123', null)).toMatchObject({ ok: true });
  });
  it('refuses a duplicate e-mail in the tenant; the same e-mail in another tenant is another account', async () => {
    await A.ADMIN.users.create({ name: 'Repetido', email: 'repetido@x.test', role: 'OPERATOR', password: 'segura-123' });
    const error = await rejects(A.ADMIN.users.create({ name: 'Repetido 2', email: 'repetido@x.test', role: 'OPERATOR', password: 'segura-123' }), 'CONFLICT');
    expect(error.cause).toMatchObject({ fieldErrors: { email: { key: 'validation.emailTaken' } } });
    await expect(B.ADMIN.users.create({ name: 'Repetido', email: 'repetido@x.test', role: 'ADMIN', password: 'otra-clave-1' })).resolves.toMatchObject({ role: 'ADMIN' });
  });
  it('refuses supervisors (read only) and technicians', async () => {
    await rejects(A.SUPERVISOR.users.create({ name: 'No Puede', email: 'np@x.test', role: 'ADMIN', password: 'segura-123' }), 'FORBIDDEN');
    await rejects(A.TECHNICIAN.users.create({ name: 'No Puede', email: 'np@x.test', role: 'ADMIN', password: 'segura-123' }), 'FORBIDDEN');
  });
});

describe('users.update', () => {
  it('changes role and password', async () => {
    const u = await createUser(a, 'OPERATOR');
    await A.ADMIN.users.update({ id: u.id, role: 'SUPERVISOR', password: 'cambiada-99' });
    expect((await scopedDb(a.id).user.findUnique({ where: { id: u.id } }))?.role).toBe('SUPERVISOR');
    expect(await signInStaff(a, u.email, 'cambiada-99', null)).toMatchObject({ ok: true });
  });
  it('keeps names free of bidi controls and invisible characters, on create and on edit (issue 15)', async () => {
    const u = await A.ADMIN.users.create({ name: '\u202Enimda\u202C Técnica', email: 'rlo@tecnica.test', role: 'TECHNICIAN', password: 'Tres-Caballos-Azules-2026' });
    expect(u.name).toBe('nimda Técnica');
    await A.ADMIN.users.update({ id: u.id, name: 'Ana\u200B \u2067Técnica\u2069\uFEFF' });
    expect((await A.ADMIN.users.get({ id: u.id })).name).toBe('Ana Técnica');
  });
  it('a role change applies to the next call of that user: their open session ends, and a new one has the new role', async () => {
    const u = await createUser(a, 'OPERATOR');
    const caller = await asStaff(a, u.id);
    await expect(caller.customers.nextCode()).resolves.toBeTruthy();
    await A.ADMIN.users.update({ id: u.id, role: 'TECHNICIAN' });
    await rejects(caller.customers.nextCode(), 'UNAUTHORIZED');
    await rejects((await asStaff(a, u.id)).customers.nextCode(), 'FORBIDDEN');
  });
  it('an admin cannot demote themselves', async () => {
    const error = await rejects(A.ADMIN.users.update({ id: A.ids.ADMIN, role: 'OPERATOR' }), 'BAD_REQUEST');
    expect(error.cause).toMatchObject({ fieldErrors: { role: { key: 'validation.cannotDemoteSelf' } } });
    expect((await scopedDb(a.id).user.findUnique({ where: { id: A.ids.ADMIN } }))?.role).toBe('ADMIN');
  });
  it('refuses supervisors and other tenants', async () => {
    const u = await createUser(a, 'OPERATOR');
    await rejects(A.SUPERVISOR.users.update({ id: u.id, role: 'ADMIN' }), 'FORBIDDEN');
    await rejects(B.ADMIN.users.update({ id: u.id, role: 'ADMIN' }), 'NOT_FOUND');
    expect((await scopedDb(a.id).user.findUnique({ where: { id: u.id } }))?.role).toBe('OPERATOR');
  });
});

describe('users.deactivate / activate', () => {
  it('a deactivated user cannot sign in, and their open session stops working at once', async () => {
    const u = await createUser(a, 'OPERATOR');
    const session = await asStaff(a, u.id);
    await A.ADMIN.users.deactivate({ id: u.id });
    expect(await signInStaff(a, u.email, PASSWORD, null)).toEqual({ ok: false, reason: 'invalid' });
    await rejects(session.customers.list({}), 'UNAUTHORIZED');
    await A.ADMIN.users.activate({ id: u.id });
    expect(await signInStaff(a, u.email, PASSWORD, null)).toMatchObject({ ok: true });
  });
  it('nobody deactivates themselves', async () => {
    const error = await rejects(A.ADMIN.users.deactivate({ id: A.ids.ADMIN }), 'CONFLICT');
    expect(error.cause).toMatchObject({ messageKey: 'cannotDeactivateSelf' });
    expect((await scopedDb(a.id).user.findUnique({ where: { id: A.ids.ADMIN } }))?.active).toBe(true);
  });
  it('refuses supervisors and other tenants', async () => {
    const u = await createUser(a, 'OPERATOR');
    await rejects(A.SUPERVISOR.users.deactivate({ id: u.id }), 'FORBIDDEN');
    await rejects(B.ADMIN.users.deactivate({ id: u.id }), 'NOT_FOUND');
    await rejects(B.ADMIN.users.activate({ id: u.id }), 'NOT_FOUND');
    expect((await scopedDb(a.id).user.findUnique({ where: { id: u.id } }))?.active).toBe(true);
  });
});

describe('users.setBase (G6: a technician’s base)', () => {
  const BASE = { address: 'Depósito Bernal — Av. San Martín 500', latitude: -34.7075, longitude: -58.2812 };

  it('an admin sets and removes it; the profile shows it to those who read profiles', async () => {
    const tech = await createUser(a, 'TECHNICIAN');
    expect(await A.ADMIN.users.setBase({ id: tech.id, base: BASE })).toEqual({ id: tech.id, base: BASE });
    expect((await A.SUPERVISOR.users.get({ id: tech.id })).base).toEqual(BASE);
    expect(await A.ADMIN.users.setBase({ id: tech.id, base: null })).toEqual({ id: tech.id, base: null });
    expect((await A.ADMIN.users.get({ id: tech.id })).base).toBeNull();
  });

  it('refuses coordinates out of range and an empty address on their fields, and a base for a non-technician; nothing is saved', async () => {
    const tech = await createUser(a, 'TECHNICIAN');
    const session = { kind: 'staff' as const, userId: A.ids.ADMIN, tenantId: a.id };
    const bad = await httpCall({ host: a.host, session, path: 'users.setBase', input: { id: tech.id, base: { address: ' ', latitude: 91, longitude: -181 } } });
    expect(bad.status).toBe(400);
    expect(bad.json.error!.json.data.fieldErrors).toEqual({
      'base.address': 'Este campo es obligatorio.',
      'base.latitude': 'La latitud debe estar entre -90 y 90.',
      'base.longitude': 'La longitud debe estar entre -180 y 180.',
    });
    const operator = await createUser(a, 'OPERATOR');
    const notTech = await rejects(A.ADMIN.users.setBase({ id: operator.id, base: BASE }), 'BAD_REQUEST');
    expect(notTech.cause).toMatchObject({ fieldErrors: { base: { key: 'users.baseOnlyTechnicians' } } });
    const rows = await scopedDb(a.id).user.findMany({ where: { id: { in: [tech.id, operator.id] } }, select: { baseAddress: true, baseLatitude: true } });
    expect(rows.every((r) => r.baseAddress === null && r.baseLatitude === null)).toBe(true);
  });

  it('refuses supervisors, operators and technicians, and other tenants', async () => {
    const tech = await createUser(a, 'TECHNICIAN');
    for (const role of ['SUPERVISOR', 'OPERATOR', 'TECHNICIAN'] as const) await rejects(A[role].users.setBase({ id: tech.id, base: BASE }), 'FORBIDDEN');
    await rejects(B.ADMIN.users.setBase({ id: tech.id, base: BASE }), 'NOT_FOUND');
    expect((await scopedDb(a.id).user.findUnique({ where: { id: tech.id } }))?.baseAddress).toBeNull();
  });
});
