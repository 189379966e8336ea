// E7: maps.connections and maps.extent — the tenant's connections in a map's view, as points or as
// clusters counted ahead in "ConnectionMapCell" (kept by triggers on "Connection"). Allowed,
// wrong-role and cross-tenant cases; bounds, the antimeridian, the switch to clusters, counts per
// status, the size of the answer at any zoom, bad input in the caller's language; and the cells
// staying equal to a recount through inserts, moves, status changes and deletions.
import { beforeAll, describe, expect, it } from 'vitest';
import { ConnectionStatus } from '@/generated/prisma/enums';
import { db } from '@/server/db';
import { scopedDb } from '@/server/data/scoped';
import { CONNECTION_STATUSES } from '@/server/services/customers/schemas';
import { cellX, cellY, gridLevel, MAP_CELL_LEVELS, MAP_CELLS_MAX, MAP_LABEL_MAX, MAP_POINTS_MAX, type MapConnections } from '@/server/services/maps/connections';
import { asCustomer, createCustomer, createTenant, rejects, staffOfEveryRole, type StaffOfEveryRole, type TestTenant } from '../factories';
import { httpCall } from '../factories/http';

type Status = (typeof CONNECTION_STATUSES)[number];
type Spot = { lat: number; lng: number; status?: Status; code?: string | null; address?: string };

/** Connections of one customer of the tenant, written in one statement (as the CSV import writes a batch). */
async function place(tenant: TestTenant, spots: Spot[]): Promise<void> {
  const customer = await createCustomer(tenant);
  const tag = Math.random().toString(36).slice(2, 8);
  await db().$executeRaw`
    INSERT INTO "Connection" (id, "tenantId", "customerId", code, address, latitude, longitude, status, "updatedAt")
    SELECT gen_random_uuid(), ${tenant.id}::uuid, ${customer.id}::uuid, u.code, u.address, u.lat, u.lng, u.status::"ConnectionStatus", now()
    FROM unnest(${spots.map((p, i) => (p.code === undefined ? `K-${i}-${tag}` : p.code))}::text[], ${spots.map((p, i) => p.address ?? `Calle ${i}`)}::text[],
                ${spots.map((p) => p.lat)}::float8[], ${spots.map((p) => p.lng)}::float8[], ${spots.map((p) => p.status ?? 'ENABLED')}::text[]) AS u(code, address, lat, lng, status)`;
}

/** A deterministic spread of `n` spots in a box, statuses cycling ENABLED, ENABLED, BLOCKED, NO_SERVICE. */
function spread(n: number, box: { south: number; west: number; north: number; east: number }, seed = 1): Spot[] {
  let s = seed;
  const random = () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
  const statuses: Status[] = ['ENABLED', 'ENABLED', 'BLOCKED', 'NO_SERVICE'];
  return Array.from({ length: n }, (_, i) => ({
    lat: box.south + random() * (box.north - box.south),
    lng: box.west + random() * (box.east - box.west),
    status: statuses[i % statuses.length],
  }));
}

type Cell = { level: number; y: number; x: number; status: string; count: number; lat: number; lng: number };

/** The kept cells of a tenant (non-empty) must equal the same counted again from its connections (sums within float rounding). */
async function expectCellsToMatchRecount(tenantId: string): Promise<Cell[]> {
  const kept = await db().$queryRaw<Cell[]>`
    SELECT level::int, y, x, status::text, count, "sumLat" AS lat, "sumLng" AS lng
    FROM "ConnectionMapCell" WHERE "tenantId" = ${tenantId}::uuid AND count <> 0 ORDER BY 1, 2, 3, 4`;
  const recount = await db().$queryRaw<Cell[]>`
    SELECT l.level::int, antena_map_y(c.latitude, l.level) AS y, antena_map_x(c.longitude, l.level) AS x, c.status::text, count(*)::int AS count,
           sum(c.latitude) AS lat, sum(c.longitude) AS lng
    FROM "Connection" c CROSS JOIN unnest(antena_map_levels()) AS l(level)
    WHERE c."tenantId" = ${tenantId}::uuid AND c.latitude IS NOT NULL AND c.longitude IS NOT NULL
    GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`;
  const key = (c: Cell) => `${c.level}/${c.y}/${c.x}/${c.status}:${c.count}`;
  expect(kept.map(key)).toEqual(recount.map(key));
  kept.forEach((c, i) => {
    expect(Math.abs(c.lat - recount[i]!.lat), key(c)).toBeLessThan(1e-6);
    expect(Math.abs(c.lng - recount[i]!.lng), key(c)).toBeLessThan(1e-6);
  });
  return recount;
}

const CITY = { south: -34.75, west: -58.45, north: -34.55, east: -58.25 };
const VIEW = { ...CITY, zoom: 12 };
const session = (t: TestTenant, userId: string) => ({ kind: 'staff' as const, userId, tenantId: t.id });

let a: TestTenant, b: TestTenant;
let A: StaffOfEveryRole, B: StaffOfEveryRole;

beforeAll(async () => {
  [a, b] = await Promise.all([createTenant(), createTenant()]);
  [A, B] = await Promise.all([staffOfEveryRole(a), staffOfEveryRole(b)]);
});

describe('the grid', () => {
  it('the statuses the answer counts are the database enum’s, and the grids kept are the service’s', async () => {
    expect([...CONNECTION_STATUSES].sort()).toEqual(Object.values(ConnectionStatus).sort());
    const [levels] = await db().$queryRaw<{ levels: number[] }[]>`SELECT antena_map_levels() AS levels`;
    expect(levels!.levels).toEqual([...MAP_CELL_LEVELS]);
  });

  it('numbers cells in JavaScript as PostgreSQL does (tile numbering; poles and ±180° clamped)', async () => {
    const samples = [
      [-34.6037, -58.3816],
      [45.4642, 9.19],
      [4.711, -74.0721],
      [0, 0],
      [89.9, 179.99],
      [-90, -180],
      [90, 180],
      [-85.06, 179.999999],
    ];
    for (const level of [0, 3, 11, 14, 17, 22]) {
      for (const [lat, lng] of samples) {
        const [row] = await db().$queryRaw<{ y: number; x: number }[]>`SELECT antena_map_y(${lat}::float8, ${level}::int) AS y, antena_map_x(${lng}::float8, ${level}::int) AS x`;
        expect({ y: cellY(lat!, level), x: cellX(lng!, level) }, `${lat},${lng} at ${level}`).toEqual(row);
      }
    }
    // Zoom 0 is one tile: four cells of 64 pixels across.
    expect(cellX(-180, 2)).toBe(0);
    expect(cellX(179.9, 2)).toBe(3);
  });

  it('makes the cells larger until the view holds at most MAP_CELLS_MAX of them', () => {
    expect(gridLevel({ ...VIEW, zoom: 12 })).toBe(14);
    // The whole world at the closest zoom: far fewer levels than 22.
    const world = { south: -90, west: -180, north: 90, east: 180, zoom: 20 };
    const level = gridLevel(world);
    expect(level).toBeLessThan(6);
    expect(2 ** level * 2 ** level).toBeLessThanOrEqual(MAP_CELLS_MAX);
  });
});

describe('maps.connections', () => {
  let small: TestTenant, staff: StaffOfEveryRole;
  beforeAll(async () => {
    small = await createTenant();
    staff = await staffOfEveryRole(small);
    await place(small, [
      { lat: -34.6, lng: -58.4, status: 'ENABLED', code: 'C-1', address: 'Av. Mitre 100' },
      { lat: -34.65, lng: -58.3, status: 'BLOCKED', code: null, address: 'Belgrano 200' },
      { lat: -34.7, lng: -58.35, status: 'NO_SERVICE', code: 'C-3', address: 'Rivadavia 300' },
      // Outside the view: north of it, west of it, and one without coordinates.
      { lat: -34.5, lng: -58.4, code: 'FUERA-N' },
      { lat: -34.6, lng: -58.6, code: 'FUERA-O' },
    ]);
    await scopedDb(small.id).connection.create({ data: { tenantId: small.id, customerId: (await createCustomer(small)).id, code: 'SIN-GEO', address: 'Camino 1' } });
  });

  it('answers the connections inside the bounds as points, for every staff role', async () => {
    for (const role of ['ADMIN', 'SUPERVISOR', 'OPERATOR', 'TECHNICIAN'] as const) {
      const answer = await staff[role].maps.connections(VIEW);
      expect(answer.kind, role).toBe('points');
      if (answer.kind !== 'points') continue;
      expect(answer.points.map((p) => p.label).sort()).toEqual(['Belgrano 200', 'C-1 · Av. Mitre 100', 'C-3 · Rivadavia 300']);
      expect(answer.points.find((p) => p.label.startsWith('C-1'))).toMatchObject({ lat: -34.6, lng: -58.4, status: 'ENABLED' });
      expect(answer.points.find((p) => p.label.startsWith('C-3'))).toMatchObject({ status: 'NO_SERVICE' });
    }
  });

  it('rounds coordinates to 5 decimals and sends labels as stored text, cut to MAP_LABEL_MAX characters', async () => {
    const t = await createTenant();
    const s = await staffOfEveryRole(t);
    const markup = '<img src=x onerror=alert(1)>';
    await place(t, [
      { lat: -34.612345678, lng: -58.387654321, code: 'XSS', address: markup },
      { lat: -34.62, lng: -58.38, code: 'LARGO', address: 'Avenida del Libertador General San Martín 12345, piso 3' },
      { lat: -34.63, lng: -58.38, code: 'CTRL', address: 'Línea\u0007uno\ttab' },
    ]);
    const answer = await s.TECHNICIAN.maps.connections(VIEW);
    if (answer.kind !== 'points') throw new Error('points expected');
    const byCode = (code: string) => answer.points.find((p) => p.label.startsWith(code))!;
    expect(byCode('XSS')).toMatchObject({ lat: -34.61235, lng: -58.38765, label: `XSS · ${markup}` });
    expect(byCode('LARGO').label.length).toBeLessThanOrEqual(MAP_LABEL_MAX);
    expect(byCode('LARGO').label).toBe('LARGO · Avenida del Libertador General…');
    expect(byCode('CTRL').label).toBe('CTRL · Línea uno tab');
  });

  it('handles a view across the antimeridian (west > east), and refuses one with west = east', async () => {
    const t = await createTenant();
    const s = await staffOfEveryRole(t);
    await place(t, [
      { lat: -17.8, lng: 178.4, code: 'SUVA' },
      { lat: -17.9, lng: -179.9, code: 'ESTE' },
      { lat: -17.8, lng: 0, code: 'GREENWICH' },
    ]);
    const answer = await s.ADMIN.maps.connections({ south: -20, west: 175, north: -15, east: -175, zoom: 6 });
    if (answer.kind !== 'points') throw new Error('points expected');
    expect(answer.points.map((p) => p.label).sort()).toEqual(['ESTE · Calle 1', 'SUVA · Calle 0']);
    const refused = await rejects(s.ADMIN.maps.connections({ south: -20, west: 10, north: -15, east: 10, zoom: 6 }), 'BAD_REQUEST');
    expect(refused.cause).toBeDefined();
  });

  it('switches to clusters above MAP_POINTS_MAX in view, with counts per status that add up', async () => {
    const t = await createTenant();
    const s = await staffOfEveryRole(t);
    // Spread over the middle of the view, so a connection in its corner is alone in its cell.
    const spots = spread(MAP_POINTS_MAX, { south: -34.7, west: -58.4, north: -34.6, east: -58.3 }, 7);
    await place(t, spots);
    expect((await s.TECHNICIAN.maps.connections(VIEW)).kind).toBe('points');
    await place(t, [{ lat: -34.65, lng: -58.35, status: 'BLOCKED' }]);
    const answer = await s.TECHNICIAN.maps.connections(VIEW);
    if (answer.kind !== 'clusters') throw new Error('clusters expected');
    expect(answer.total).toBe(MAP_POINTS_MAX + 1);
    expect(answer.truncated).toBe(false);
    expect(answer.level).toBe(14);
    expect(answer.clusters.reduce((n, c) => n + c.count, 0)).toBe(MAP_POINTS_MAX + 1);
    for (const c of answer.clusters) {
      expect(c.statuses.ENABLED + c.statuses.BLOCKED + c.statuses.NO_SERVICE).toBe(c.count);
      expect(c.lat).toBeGreaterThanOrEqual(CITY.south);
      expect(c.lat).toBeLessThanOrEqual(CITY.north);
    }
    const sum = (status: Status) => answer.clusters.reduce((n, c) => n + c.statuses[status], 0);
    const expected = (status: Status) => spots.filter((p) => p.status === status).length + (status === 'BLOCKED' ? 1 : 0);
    expect({ ENABLED: sum('ENABLED'), BLOCKED: sum('BLOCKED'), NO_SERVICE: sum('NO_SERVICE') }).toEqual({ ENABLED: expected('ENABLED'), BLOCKED: expected('BLOCKED'), NO_SERVICE: expected('NO_SERVICE') });
    // A cluster sits at its connections' mean position: one connection far from the rest is its own cluster, exactly there.
    await place(t, [{ lat: -34.56, lng: -58.26, status: 'NO_SERVICE' }]);
    const lone = await s.TECHNICIAN.maps.connections(VIEW);
    if (lone.kind !== 'clusters') throw new Error('clusters expected');
    expect(lone.clusters.find((c) => c.count === 1 && c.lat === -34.56 && c.lng === -58.26)).toMatchObject({ statuses: { ENABLED: 0, BLOCKED: 0, NO_SERVICE: 1 } });
  });

  it('groups connections itself when the view is closer than the kept grids (zoom 16 and more)', async () => {
    const t = await createTenant();
    const s = await staffOfEveryRole(t);
    // 400 connections in one block (about 150 m).
    const block = { south: -34.6015, west: -58.3815, north: -34.6, east: -58.38 };
    await place(t, spread(400, block, 3));
    const answer = await s.OPERATOR.maps.connections({ south: -34.603, west: -58.383, north: -34.599, east: -58.379, zoom: 17 });
    if (answer.kind !== 'clusters') throw new Error('clusters expected');
    expect(answer.level).toBe(19);
    expect(answer.total).toBe(400);
    expect(answer.clusters.reduce((n, c) => n + c.count, 0)).toBe(400);
    expect(answer.clusters.length).toBeGreaterThan(1);
  });

  it('stays under 100 KB at any zoom: 300 points with the longest labels, and the most clusters a view can hold', async () => {
    const t = await createTenant();
    const s = await staffOfEveryRole(t);
    // The largest point answer: 300 points, each label its 40 characters of 4-byte characters (control characters, which JSON would escape longer, are replaced).
    const heavy = '𝔸'.repeat(100);
    await place(t, spread(MAP_POINTS_MAX, CITY, 11).map((p) => ({ ...p, status: 'NO_SERVICE' as const, code: null, address: heavy })));
    const points = await httpCall({ host: t.host, session: session(t, s.ids.TECHNICIAN), path: 'maps.connections', input: VIEW, type: 'query' });
    expect(points.status).toBe(200);
    expect((points.json.result!.data.json as MapConnections).kind).toBe('points');
    expect(Buffer.byteLength(points.body)).toBeLessThan(100_000);
    // Connections all over the world, then views of it at every zoom: never more than MAP_CELLS_MAX clusters, never 100 KB.
    await place(t, spread(6000, { south: -80, west: -180, north: 80, east: 180 }, 5));
    let largest = 0;
    for (const zoom of [0, 2, 4, 8, 12, 16, 20]) {
      const res = await httpCall({ host: t.host, session: session(t, s.ids.TECHNICIAN), path: 'maps.connections', input: { south: -85, west: -180, north: 85, east: 180, zoom }, type: 'query' });
      expect(res.status).toBe(200);
      const answer = res.json.result!.data.json as MapConnections;
      expect(answer.kind).toBe('clusters');
      if (answer.kind === 'clusters') {
        expect(answer.clusters.length).toBeLessThanOrEqual(MAP_CELLS_MAX);
        expect(answer.total).toBe(6000 + MAP_POINTS_MAX);
      }
      largest = Math.max(largest, Buffer.byteLength(res.body));
    }
    expect(largest).toBeLessThan(100_000);
  });

  it('stays under 100 KB with nearly MAP_CELLS_MAX clusters (about 100 bytes each)', async () => {
    const t = await createTenant();
    const s = await staffOfEveryRole(t);
    // A desktop's view at zoom 10: about 23 × 23 cells of 64 pixels, 12,000 connections filling them all.
    const box = { south: -35.5, west: -59.5, north: -33.95, east: -57.6 };
    await place(t, spread(12_000, box, 37));
    const res = await httpCall({ host: t.host, session: session(t, s.ids.TECHNICIAN), path: 'maps.connections', input: { ...box, zoom: 10 }, type: 'query' });
    const answer = res.json.result!.data.json as MapConnections;
    if (answer.kind !== 'clusters') throw new Error('clusters expected');
    expect(answer.level).toBe(12);
    expect(answer.clusters.length).toBeGreaterThan(450);
    expect(answer.clusters.length).toBeLessThanOrEqual(MAP_CELLS_MAX);
    expect(answer.total).toBe(12_000);
    expect(Buffer.byteLength(res.body)).toBeLessThan(100_000);
  });

  it('never answers another tenant’s connections, as points or as clusters', async () => {
    const spots = spread(MAP_POINTS_MAX + 50, CITY, 13).map((p) => ({ ...p, code: null, address: 'Calle Secreta de A' }));
    await place(a, spots);
    await place(b, [{ lat: -34.6, lng: -58.35, status: 'BLOCKED', code: 'B-1', address: 'Calle de B' }]);
    const asB = await B.TECHNICIAN.maps.connections(VIEW);
    expect(asB).toEqual({ kind: 'points', points: [expect.objectContaining({ label: 'B-1 · Calle de B', status: 'BLOCKED' })] });
    const asA = await A.TECHNICIAN.maps.connections(VIEW);
    expect(asA.kind === 'clusters' && asA.total).toBe(MAP_POINTS_MAX + 50);
    // Enough of B's own to cluster: B's counts are B's alone.
    await place(b, spread(MAP_POINTS_MAX, CITY, 17));
    const clusteredB = await B.ADMIN.maps.connections(VIEW);
    expect(clusteredB.kind === 'clusters' && clusteredB.total).toBe(MAP_POINTS_MAX + 1);
    expect(JSON.stringify(clusteredB)).not.toContain('Secreta');
  });

  it('refuses a customer and a signed-out caller', async () => {
    const customer = await createCustomer(small, { portalPassword: true });
    const portal = await asCustomer(small, customer.id);
    await rejects(portal.maps.connections(VIEW), 'FORBIDDEN');
    await rejects(portal.maps.extent(), 'FORBIDDEN');
    const anonymous = await httpCall({ host: small.host, session: null, path: 'maps.connections', input: VIEW, type: 'query' });
    expect(anonymous.status).toBe(401);
  });

  it('answers bad bounds with a field error per field, in the caller’s language', async () => {
    const call = (input: unknown, locale: 'es' | 'en' | 'it' = 'es') => httpCall({ host: small.host, session: session(small, staff.ids.TECHNICIAN), path: 'maps.connections', input, type: 'query', locale });
    const outOfRange = await call({ south: -91, west: -181, north: 91, east: 181, zoom: 21 });
    expect(outOfRange.status).toBe(400);
    expect(outOfRange.json.error!.json.data.fieldErrors).toEqual({
      south: 'La latitud debe estar entre -90 y 90.',
      west: 'La longitud debe estar entre -180 y 180.',
      north: 'La latitud debe estar entre -90 y 90.',
      east: 'La longitud debe estar entre -180 y 180.',
      zoom: 'Debe ser como máximo 20.',
    });
    const flipped = await call({ south: -34.5, west: -58.5, north: -34.7, east: -58.3, zoom: 12 });
    expect(flipped.status).toBe(400);
    expect(flipped.json.error!.json.data.fieldErrors).toEqual({ south: 'El límite sur del mapa debe estar al sur del límite norte.' });
    const english = await call({ south: -34.5, west: -58.5, north: -34.7, east: -58.3, zoom: 12 }, 'en');
    expect(english.json.error!.json.data.fieldErrors).toEqual({ south: "The map's southern edge must be south of its northern edge." });
    const same = await call({ south: -34.7, west: -58.3, north: -34.5, east: -58.3, zoom: 12 }, 'it');
    expect(same.json.error!.json.data.fieldErrors).toEqual({ east: 'I bordi ovest ed est della mappa non possono coincidere.' });
    const fractional = await call({ ...VIEW, zoom: 11.5 });
    expect(Object.keys(fractional.json.error!.json.data.fieldErrors!)).toEqual(['zoom']);
    const missing = await call({ south: -34.7, north: -34.5, zoom: 12 });
    expect(Object.keys(missing.json.error!.json.data.fieldErrors!).sort()).toEqual(['east', 'west']);
    expect(outOfRange.body).not.toMatch(/stack|node_modules/);
  });
});

describe('maps.extent', () => {
  it('is the box of the tenant’s connections (an outlier among 100 or more left out), or null without any', async () => {
    const t = await createTenant();
    const s = await staffOfEveryRole(t);
    expect(await s.TECHNICIAN.maps.extent()).toBeNull();
    await place(t, spread(150, CITY, 19));
    await place(t, [{ lat: 0, lng: 0, code: 'OCEANO' }]);
    const extent = (await s.TECHNICIAN.maps.extent())!;
    expect(extent.count).toBe(151);
    // The cells of about 2 km holding the middle 98 %: around the city, not out to (0, 0).
    expect(extent.south).toBeLessThanOrEqual(CITY.south + 0.05);
    expect(extent.south).toBeGreaterThan(CITY.south - 0.05);
    expect(extent.north).toBeGreaterThanOrEqual(CITY.north - 0.05);
    expect(extent.north).toBeLessThan(CITY.north + 0.05);
    expect(extent.west).toBeGreaterThan(CITY.west - 0.05);
    expect(extent.east).toBeLessThan(CITY.east + 0.05);
    expect(extent.south).toBeLessThan(extent.north);
    expect(extent.west).toBeLessThan(extent.east);
    // Another tenant's extent is its own.
    const other = await createTenant();
    const o = await staffOfEveryRole(other);
    await place(other, [{ lat: 45.46, lng: 9.19 }]);
    const milan = (await o.ADMIN.maps.extent())!;
    expect(milan.count).toBe(1);
    expect(milan.south).toBeLessThan(45.46);
    expect(milan.north).toBeGreaterThan(45.46);
  });
});

describe('the kept cells (triggers on "Connection")', () => {
  it('stay equal to a recount through inserts, moves, status changes, deletions and cascades', async () => {
    const t = await createTenant();
    const s = await staffOfEveryRole(t);
    // Two customers' connections, so deleting one customer later leaves the other's.
    await place(t, spread(250, CITY, 23));
    await place(t, spread(250, CITY, 31));
    const first = await expectCellsToMatchRecount(t.id);
    expect(first.filter((c) => c.level === 14).reduce((n, c) => n + c.count, 0)).toBe(500);

    // Through the app: a connection created, moved, blocked, edited elsewhere, its coordinates removed and put back, deleted.
    const customer = await createCustomer(t);
    const created = await s.OPERATOR.connections.create({ customerId: customer.id, address: 'Mitre 1', latitude: -34.61, longitude: -58.41 });
    await s.OPERATOR.connections.update({ id: created.id, latitude: -34.71, longitude: -58.31 });
    await s.OPERATOR.connections.update({ id: created.id, status: 'BLOCKED' });
    await s.OPERATOR.connections.update({ id: created.id, address: 'Mitre 2' });
    await expectCellsToMatchRecount(t.id);
    await s.OPERATOR.connections.update({ id: created.id, latitude: null, longitude: null });
    await expectCellsToMatchRecount(t.id);
    await s.OPERATOR.connections.update({ id: created.id, latitude: -34.62, longitude: -58.42 });
    await s.OPERATOR.connections.delete({ id: created.id });
    await expectCellsToMatchRecount(t.id);

    // In bulk, as raw statements: a third moved, every tenth blocked, all touched without a change, a customer's connections deleted by cascade.
    await db().$executeRaw`UPDATE "Connection" SET latitude = latitude + 0.013, longitude = longitude - 0.007 WHERE "tenantId" = ${t.id}::uuid AND random() < 0.33`;
    await db().$executeRaw`UPDATE "Connection" SET status = 'BLOCKED' WHERE "tenantId" = ${t.id}::uuid AND random() < 0.1`;
    await db().$executeRaw`UPDATE "Connection" SET "updatedAt" = now() WHERE "tenantId" = ${t.id}::uuid`;
    const owner = await db().connection.findFirstOrThrow({ where: { tenantId: t.id, latitude: { not: null } }, select: { customerId: true } });
    await db().customer.delete({ where: { id: owner.customerId } });
    const last = await expectCellsToMatchRecount(t.id);
    expect(last.length).toBeGreaterThan(0);
    expect(last.filter((c) => c.level === 14).reduce((n, c) => n + c.count, 0)).toBe(await db().connection.count({ where: { tenantId: t.id, latitude: { not: null } } }));
  });

  it('go with their tenant when the tenant is deleted, and do not stop the deletion', async () => {
    const t = await createTenant();
    await place(t, spread(50, CITY, 29));
    await db().tenant.delete({ where: { id: t.id } });
    const [left] = await db().$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM "ConnectionMapCell" WHERE "tenantId" = ${t.id}::uuid`;
    expect(left!.n).toBe(0);
  });
});
