// C16/G6: technicians' live location. positions.report (technicians): translated field errors for
// impossible positions, throttling (a minute or 100 m) on the server, nothing stored outside the
// tenant's working hours; positions.latest and positions.distances (the office); the 30-day purge;
// wrong roles FORBIDDEN; another tenant's ids NOT_FOUND or nothing.
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/server/db';
import { scopedDb } from '@/server/data/scoped';
import { haversineKm } from '@/lib/route';
import { forgetTenantCache } from '@/server/services/tenants/resolve';
import { purgeOldPositions } from '@/server/maintenance/positions';
import { DEMO_USERS, seedDemoPositions } from '@/server/seed/demo';
import { httpCall } from '../factories/http';
import { asCustomer, asStaff, createConnection, createCustomer, createUser, rejects, twoTenantsWithStaff, type StaffOfEveryRole, type TestTenant } from '../factories';

let a: TestTenant, b: TestTenant, A: StaffOfEveryRole, B: StaffOfEveryRole;
beforeAll(async () => ({ a, b, A, B } = await twoTenantsWithStaff()));

/** A point `metres` north of `from` (a degree of latitude is 111,195 m on the haversine's sphere). */
const north = (from: { latitude: number; longitude: number }, metres: number) => ({ latitude: from.latitude + metres / 111_195, longitude: from.longitude });
const ago = (ms: number) => new Date(Date.now() - ms);

async function newTechnician(tenant: TestTenant, name?: string) {
  const user = await createUser(tenant, 'TECHNICIAN', name ? { name } : {});
  return { id: user.id, caller: await asStaff(tenant, user.id) };
}

const storedOf = (userId: string) => scopedDb(a.id).technicianPosition.findMany({ where: { userId }, orderBy: { recordedAt: 'asc' } });

describe('positions.report: bad input', () => {
  it('refuses a position outside −90..90 / −180..180 and a negative accuracy, with translated field errors', async () => {
    const session = { kind: 'staff' as const, userId: A.ids.TECHNICIAN, tenantId: a.id };
    const res = await httpCall({ host: a.host, session, path: 'positions.report', input: { latitude: 91, longitude: -180.5, accuracy: -1 } });
    expect(res.status).toBe(400);
    expect(res.json.error!.json.data.fieldErrors).toEqual({
      latitude: 'La latitud debe estar entre -90 y 90.',
      longitude: 'La longitud debe estar entre -180 y 180.',
      accuracy: 'La precisión debe ser un número de metros entre 0 y 100.000.',
    });
    const en = await httpCall({ host: a.host, session, path: 'positions.report', input: { latitude: -90.01, longitude: 0 }, locale: 'en' });
    expect(en.json.error!.json.data.fieldErrors).toEqual({ latitude: expect.stringMatching(/latitude/i) });
    expect(en.json.error!.json.data.fieldErrors!.latitude).not.toBe('La latitud debe estar entre -90 y 90.');
    expect(await storedOf(A.ids.TECHNICIAN)).toEqual([]);
  });

  it('refuses a time in the future (beyond two minutes of clock skew) or more than a day old', async () => {
    const session = { kind: 'staff' as const, userId: A.ids.TECHNICIAN, tenantId: a.id };
    const future = await httpCall({ host: a.host, session, path: 'positions.report', input: { latitude: -34.6, longitude: -58.4, recordedAt: new Date(Date.now() + 10 * 60_000) } });
    expect(future.json.error!.json.data.fieldErrors).toEqual({ recordedAt: 'La hora de la posición no puede ser futura.' });
    const old = await httpCall({ host: a.host, session, path: 'positions.report', input: { latitude: -34.6, longitude: -58.4, recordedAt: ago(25 * 3_600_000) } });
    expect(old.json.error!.json.data.fieldErrors).toEqual({ recordedAt: 'La posición tiene más de un día; no se guarda.' });
    await rejects(A.TECHNICIAN.positions.report({ latitude: Number.NaN, longitude: 0 }), 'BAD_REQUEST');
    await rejects(A.TECHNICIAN.positions.report({ latitude: 0, longitude: Number.POSITIVE_INFINITY }), 'BAD_REQUEST');
    expect(await storedOf(A.ids.TECHNICIAN)).toEqual([]);
  });

  it('takes a time a little ahead of the server’s clock as now', async () => {
    const t = await newTechnician(a);
    const before = Date.now();
    expect(await t.caller.positions.report({ latitude: -34.6, longitude: -58.4, recordedAt: new Date(Date.now() + 60_000) })).toEqual({ stored: true });
    const [row] = await storedOf(t.id);
    expect(row!.recordedAt.getTime()).toBeGreaterThanOrEqual(before);
    expect(row!.recordedAt.getTime()).toBeLessThanOrEqual(Date.now());
  });
});

describe('positions.report: throttled on the server (a minute or 100 m)', () => {
  it('59 s and 50 m after the last stored one: not stored; 61 s, or 150 m: stored', async () => {
    const t = await newTechnician(a);
    const t0 = ago(10 * 60_000);
    const here = { latitude: -34.6037, longitude: -58.3816 };
    const at = (ms: number) => new Date(t0.getTime() + ms);
    expect(await t.caller.positions.report({ ...here, accuracy: 12, recordedAt: t0 })).toEqual({ stored: true });
    // 59 s later, 50 m away: too soon and too near.
    const fifty = north(here, 50);
    expect(haversineKm({ lat: here.latitude, lng: here.longitude }, { lat: fifty.latitude, lng: fifty.longitude })).toBeCloseTo(0.05, 6);
    expect(await t.caller.positions.report({ ...fifty, recordedAt: at(59_000) })).toEqual({ stored: false, reason: 'throttled' });
    // 61 s later, 50 m away: a minute has passed.
    expect(await t.caller.positions.report({ ...fifty, recordedAt: at(61_000) })).toEqual({ stored: true });
    // 10 s after that, 150 m from it: moved far enough.
    const far = north(fifty, 150);
    expect(await t.caller.positions.report({ ...far, recordedAt: at(71_000) })).toEqual({ stored: true });
    // 5 s after that, 99 m from it: neither.
    expect(await t.caller.positions.report({ ...north(far, 99), recordedAt: at(76_000) })).toEqual({ stored: false, reason: 'throttled' });
    // A report older than the last stored one is not stored.
    expect(await t.caller.positions.report({ ...north(far, 5_000), recordedAt: at(30_000) })).toEqual({ stored: false, reason: 'older' });
    const rows = await storedOf(t.id);
    expect(rows.map((r) => r.recordedAt.getTime() - t0.getTime())).toEqual([0, 61_000, 71_000]);
    expect(rows[0]).toMatchObject({ latitude: here.latitude, longitude: here.longitude, accuracy: 12 });
    expect(rows[1]!.accuracy).toBeNull();
  });

  it('two reports at once: one is stored', async () => {
    const t = await newTechnician(a);
    const results = await Promise.all(Array.from({ length: 6 }, () => t.caller.positions.report({ latitude: -34.61, longitude: -58.41 })));
    expect(results.filter((r) => r.stored)).toHaveLength(1);
    expect(await storedOf(t.id)).toHaveLength(1);
  });
});

describe('positions.report: working hours', () => {
  /** HH:MM in the tenant's time zone, `minutes` from now. */
  const localTime = (tenant: TestTenant, minutes: number) =>
    new Intl.DateTimeFormat('en-GB', { timeZone: tenant.timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(Date.now() + minutes * 60_000));

  async function setWorkingHours(tenant: TestTenant, workingHours: { start: string; end: string } | null) {
    const row = await db().tenant.findUniqueOrThrow({ where: { id: tenant.id }, select: { settings: true } });
    const settings = (row.settings ?? {}) as Record<string, Record<string, unknown>>;
    await db().tenant.update({ where: { id: tenant.id }, data: { settings: { ...settings, techApp: { ...(settings.techApp ?? {}), workingHours } } } });
    forgetTenantCache();
  }

  it('outside the tenant’s working hours (its time zone) nothing is stored; within them, it is', async () => {
    const t = await newTechnician(a);
    try {
      await setWorkingHours(a, { start: localTime(a, 120), end: localTime(a, 180) });
      const caller = await asStaff(a, t.id);
      expect(await caller.positions.report({ latitude: -34.6, longitude: -58.4 })).toEqual({ stored: false, reason: 'outsideWorkingHours' });
      expect(await storedOf(t.id)).toEqual([]);
      await setWorkingHours(a, { start: localTime(a, -60), end: localTime(a, 60) });
      expect(await (await asStaff(a, t.id)).positions.report({ latitude: -34.6, longitude: -58.4 })).toEqual({ stored: true });
      expect(await storedOf(t.id)).toHaveLength(1);
    } finally {
      await setWorkingHours(a, null);
    }
  });
});

describe('positions.latest and positions.distances (the office)', () => {
  let ticketId: string;
  let noConnectionTicketId: string;
  let near: Awaited<ReturnType<typeof newTechnician>>;
  let far: Awaited<ReturnType<typeof newTechnician>>;
  let gone: Awaited<ReturnType<typeof newTechnician>>;
  const CONNECTION = { latitude: -34.6, longitude: -58.4 };

  beforeAll(async () => {
    const customer = await createCustomer(a);
    const connection = await createConnection(a, customer.id);
    expect(connection).toMatchObject(CONNECTION);
    ticketId = (await A.OPERATOR.tickets.create({ customerId: customer.id, connectionId: connection.id, title: 'Sin señal', description: 'Revisar la ONT.' })).id;
    noConnectionTicketId = (await A.OPERATOR.tickets.create({ description: 'Consulta sin conexión' })).id;
    [near, far, gone] = await Promise.all([newTechnician(a, 'Zoe Cerca'), newTechnician(a, 'Alba Lejos'), newTechnician(a, 'Inés Inactiva')]);
    await near.caller.positions.report({ ...north(CONNECTION, 500), accuracy: 8 });
    await far.caller.positions.report({ ...north(CONNECTION, 2_400), recordedAt: ago(5 * 60_000) });
    await far.caller.positions.report({ ...north(CONNECTION, 2_000) });
    await gone.caller.positions.report(CONNECTION);
    await db().user.update({ where: { id: gone.id }, data: { active: false } });
  });

  it('latest: each active technician with their last position (or none), by name', async () => {
    const list = await A.OPERATOR.positions.latest();
    const byId = new Map(list.map((x) => [x.userId, x]));
    expect(byId.has(gone.id)).toBe(false);
    expect(byId.get(A.ids.TECHNICIAN)?.position).toBeNull();
    expect(byId.get(far.id)).toMatchObject({ name: 'Alba Lejos', position: { ...north(CONNECTION, 2_000), accuracy: null } });
    expect(byId.get(near.id)).toMatchObject({ name: 'Zoe Cerca', position: { ...north(CONNECTION, 500), accuracy: 8 } });
    expect(byId.get(near.id)!.position!.recordedAt).toBeInstanceOf(Date);
    expect(list.map((x) => x.name)).toEqual([...list.map((x) => x.name)].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0)));
    // Only technicians.
    expect(list.map((x) => x.userId)).not.toContain(A.ids.OPERATOR);
  });

  it('latest for one technician (their profile); a non-technician has none; another tenant’s user is NOT_FOUND', async () => {
    expect(await A.SUPERVISOR.positions.latest({ userId: far.id })).toEqual([{ userId: far.id, name: 'Alba Lejos', position: expect.objectContaining(north(CONNECTION, 2_000)) }]);
    // A deactivated technician's profile still shows where they were last.
    expect((await A.ADMIN.positions.latest({ userId: gone.id }))[0]!.position).toMatchObject(CONNECTION);
    expect(await A.ADMIN.positions.latest({ userId: A.ids.OPERATOR })).toEqual([]);
    await rejects(B.ADMIN.positions.latest({ userId: far.id }), 'NOT_FOUND');
    await rejects(A.ADMIN.positions.latest({ userId: B.ids.TECHNICIAN }), 'NOT_FOUND');
    const others = await B.OPERATOR.positions.latest();
    expect(others.map((x) => x.userId)).toEqual([B.ids.TECHNICIAN]);
    expect(JSON.stringify(others)).not.toContain('Alba Lejos');
  });

  it('distances: every active technician to the ticket’s connection, nearest first, unknown last', async () => {
    // (Technicians of the tests above reported too, some right at the connection.)
    const list = await A.OPERATOR.positions.distances({ ticketId });
    const of = (id: string) => list.find((x) => x.userId === id)!;
    expect(of(near.id).distanceKm).toBeCloseTo(0.5, 3);
    expect(of(far.id).distanceKm).toBeCloseTo(2.0, 3);
    expect(of(far.id).recordedAt).toBeInstanceOf(Date);
    expect(list.findIndex((x) => x.userId === near.id)).toBeLessThan(list.findIndex((x) => x.userId === far.id));
    const known = list.filter((x) => x.distanceKm !== null).map((x) => x.distanceKm!);
    expect(known).toEqual([...known].sort((x, y) => x - y));
    const unknown = list.slice(known.length);
    expect(unknown.length).toBeGreaterThan(0);
    expect(unknown.every((x) => x.distanceKm === null && x.recordedAt === null)).toBe(true);
    expect(unknown.map((x) => x.userId)).toContain(A.ids.TECHNICIAN);
    expect(list.map((x) => x.userId)).not.toContain(gone.id);
  });

  it('distances: a ticket without a connection, or one without coordinates, has no distances', async () => {
    expect((await A.ADMIN.positions.distances({ ticketId: noConnectionTicketId })).every((x) => x.distanceKm === null)).toBe(true);
    const customer = await createCustomer(a);
    const connection = await scopedDb(a.id).connection.create({ data: { tenantId: a.id, customerId: customer.id, address: 'Sin coordenadas 1' } });
    const ticket = await A.OPERATOR.tickets.create({ customerId: customer.id, connectionId: connection.id, description: 'Sin coordenadas' });
    const list = await A.ADMIN.positions.distances({ ticketId: ticket.id });
    expect(list.length).toBeGreaterThan(2);
    expect(list.every((x) => x.distanceKm === null)).toBe(true);
  });

  it('distances: from the base when the app sent no position in the last 12 hours; a recent position wins; an old one without a base is shown with its age', async () => {
    const [based, stale, staleBased] = await Promise.all([newTechnician(a, 'Bea Base'), newTechnician(a, 'Saúl Viejo'), newTechnician(a, 'Tere Vieja')]);
    await A.ADMIN.users.setBase({ id: based.id, base: { address: 'Depósito Norte', ...north(CONNECTION, 3_000) } });
    // Positions of 13 hours ago (stored as a report of then would be; a report is kept only within working hours).
    const old = (userId: string, metres: number) => scopedDb(a.id).technicianPosition.create({ data: { tenantId: a.id, userId, ...north(CONNECTION, metres), recordedAt: ago(13 * 3_600_000) } });
    await old(stale.id, 1_000);
    await old(staleBased.id, 100);
    await A.ADMIN.users.setBase({ id: staleBased.id, base: { address: 'Depósito Sur', ...north(CONNECTION, 4_000) } });
    // A recent position beats the base.
    await A.ADMIN.users.setBase({ id: near.id, base: { address: 'Lejos', ...north(CONNECTION, 9_000) } });
    const list = await A.OPERATOR.positions.distances({ ticketId });
    const of = (id: string) => list.find((x) => x.userId === id)!;
    expect(of(based.id)).toMatchObject({ from: 'base', recordedAt: null });
    expect(of(based.id).distanceKm).toBeCloseTo(3.0, 3);
    expect(of(staleBased.id)).toMatchObject({ from: 'base', recordedAt: null });
    expect(of(staleBased.id).distanceKm).toBeCloseTo(4.0, 3);
    expect(of(stale.id)).toMatchObject({ from: 'live', recordedAt: expect.any(Date) });
    expect(of(stale.id).distanceKm).toBeCloseTo(1.0, 3);
    expect(of(near.id)).toMatchObject({ from: 'live' });
    expect(of(near.id).distanceKm).toBeCloseTo(0.5, 3);
    // No coordinates on the ticket's connection: no distance, but the place is known.
    expect(of(A.ids.TECHNICIAN).from).toBeNull();
    const none = await A.OPERATOR.positions.distances({ ticketId: noConnectionTicketId });
    expect(none.find((x) => x.userId === based.id)).toMatchObject({ distanceKm: null, from: 'base' });
    await A.ADMIN.users.setBase({ id: near.id, base: null });
  });

  it('distances: another tenant’s ticket is NOT_FOUND', async () => {
    await rejects(B.ADMIN.positions.distances({ ticketId }), 'NOT_FOUND');
    await rejects(B.OPERATOR.positions.distances({ ticketId }), 'NOT_FOUND');
  });
});

describe('roles', () => {
  it('technicians cannot read positions; the office and customers cannot report', async () => {
    await rejects(A.TECHNICIAN.positions.latest(), 'FORBIDDEN');
    await rejects(A.TECHNICIAN.positions.latest({ userId: A.ids.TECHNICIAN }), 'FORBIDDEN');
    await rejects(A.TECHNICIAN.positions.distances({ ticketId: '00000000-0000-7000-8000-000000000000' }), 'FORBIDDEN');
    for (const role of ['ADMIN', 'SUPERVISOR', 'OPERATOR'] as const) await rejects(A[role].positions.report({ latitude: -34.6, longitude: -58.4 }), 'FORBIDDEN');
    const customer = await asCustomer(a, (await createCustomer(a, { portalPassword: true })).id);
    await rejects(customer.positions.report({ latitude: -34.6, longitude: -58.4 }), 'FORBIDDEN');
    await rejects(customer.positions.latest(), 'FORBIDDEN');
    expect(await scopedDb(a.id).technicianPosition.count({ where: { userId: { in: [A.ids.ADMIN, A.ids.SUPERVISOR, A.ids.OPERATOR] } } })).toBe(0);
  });

  it('a technician’s report is stored in their own tenant only', async () => {
    const t = await newTechnician(b);
    expect(await t.caller.positions.report({ latitude: -34.5, longitude: -58.5 })).toEqual({ stored: true });
    expect(await scopedDb(a.id).technicianPosition.count({ where: { userId: t.id } })).toBe(0);
    expect(await scopedDb(b.id).technicianPosition.count({ where: { userId: t.id } })).toBe(1);
  });
});

describe('the 30-day purge', () => {
  it('deletes positions older than 30 days in every tenant, and only those', async () => {
    const now = new Date();
    const DAY = 86_400_000;
    const [ta, tb] = await Promise.all([newTechnician(a), newTechnician(b)]);
    const row = (tenant: TestTenant, userId: string, ageMs: number) => ({ tenantId: tenant.id, userId, latitude: -34.6, longitude: -58.4, recordedAt: new Date(now.getTime() - ageMs) });
    await db().technicianPosition.createMany({
      data: [
        row(a, ta.id, 45 * DAY),
        row(a, ta.id, 30 * DAY + 60_000),
        row(a, ta.id, 30 * DAY - 60_000),
        row(a, ta.id, 2 * DAY),
        row(b, tb.id, 31 * DAY),
        row(b, tb.id, 29 * DAY),
      ],
    });
    const before = await db().technicianPosition.count();
    expect(await purgeOldPositions(now)).toBe(3);
    expect(await db().technicianPosition.count()).toBe(before - 3);
    const left = await db().technicianPosition.findMany({ where: { userId: { in: [ta.id, tb.id] } }, orderBy: { recordedAt: 'asc' } });
    expect(left.map((r) => Math.round((now.getTime() - r.recordedAt.getTime()) / 60_000))).toEqual([30 * 1440 - 1, 29 * 1440, 2 * 1440]);
    // Nothing left to do.
    expect(await purgeOldPositions(now)).toBe(0);
  });
});

describe('the demo technician’s positions (demo seed)', () => {
  it('lays the morning’s track once, ending minutes ago; again only when none of the last 30 days is left', async () => {
    const tenant = (await twoTenantsWithStaff()).a;
    const technician = await createUser(tenant, 'TECHNICIAN', { email: DEMO_USERS[3]!.email, name: DEMO_USERS[3]!.name });
    expect(await seedDemoPositions(tenant.id)).toBe(8);
    expect(await seedDemoPositions(tenant.id)).toBe(0);
    const admin = await asStaff(tenant, tenant.adminId);
    const [latest] = await admin.positions.latest({ userId: technician.id });
    expect(latest!.position).toMatchObject({ latitude: -34.7206, longitude: -58.2546 });
    expect(Date.now() - latest!.position!.recordedAt.getTime()).toBeGreaterThan(3 * 60_000);
    expect(Date.now() - latest!.position!.recordedAt.getTime()).toBeLessThan(6 * 60_000);
    // A month later, after the purge: laid again.
    const later = new Date(Date.now() + 31 * 86_400_000);
    expect(await purgeOldPositions(later)).toBeGreaterThanOrEqual(8);
    expect(await seedDemoPositions(tenant.id, later)).toBe(8);
  });
});
