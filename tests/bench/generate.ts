// Benchmark data: TENANTS tenants, one of them large (`big`), with customers and one connection
// each, inserted in batches with unnest() — seconds, not minutes. Generated once per scale and
// reused (a marker row says which scale a database holds). Connections hang from nodes of very
// different sizes (see assignNetwork), so filters by node are measured on big and tiny ones.
import pg from 'pg';
import { randomUUID } from 'node:crypto';
import { customerSearchText } from '@/server/services/customers/search-text';
import { hashPassword } from '@/server/services/auth/passwords';

export const BENCH_PASSWORD = 'bench-password-1';
const FIRST = ['Juan', 'María', 'Carlos', 'Lucía', 'Jorge', 'Sofía', 'Martín', 'Valentina', 'Diego', 'Camila', 'Pablo', 'Julieta', 'Nicolás', 'Florencia', 'Andrés', 'Ramón', 'Agustina', 'Tomás', 'Micaela', 'Héctor', 'Rocío', 'Iván', 'Belén', 'Óscar'];
const LAST = ['González', 'Rodríguez', 'Gómez', 'Fernández', 'López', 'Díaz', 'Martínez', 'Pérez', 'Romero', 'Sánchez', 'Álvarez', 'Benítez', 'Núñez', 'Acuña', 'Ibáñez', 'Suárez', 'Castro', 'Ortiz', 'Ríos', 'Peña', 'Muñoz', 'Giménez', 'Sosa', 'Toledo', 'Medina', 'Herrera', 'Aguirre', 'Vázquez'];
const STREETS = ['Av. San Martín', 'Belgrano', 'Rivadavia', 'Mitre', 'Sarmiento', 'Moreno', 'Av. Libertador', 'Alsina', 'Colón', 'Güemes'];

export type Scale = { tenants: number; bigCustomers: number; smallCustomers: number };

/** A deterministic pseudo-random sequence, so every generation of a scale is the same data. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

export async function generate(url: string, scale: Scale, log: (m: string) => void): Promise<{ bigTenantId: string; slug: string }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const marker = JSON.stringify(scale);
    const existing = await client.query(`SELECT id, settings FROM "Tenant" WHERE slug = 'big'`);
    if (existing.rowCount && JSON.stringify((existing.rows[0].settings as { bench?: unknown }).bench) === marker) {
      log('bench data: reusing the generated data');
      await assignNetwork(client, existing.rows[0].id, log);
      await placeOnMap(client, existing.rows[0].id, log);
      return { bigTenantId: existing.rows[0].id, slug: 'big' };
    }
    if (existing.rowCount) throw new Error('the bench database holds another scale; delete .antena/bench-pg or use the same scale');
    const passwordHash = await hashPassword(BENCH_PASSWORD);
    const random = rng(42);
    let bigTenantId = '';
    for (let t = 0; t < scale.tenants; t++) {
      const big = t === 0;
      const tenantId = randomUUID();
      if (big) bigTenantId = tenantId;
      const slug = big ? 'big' : `small${t}`;
      await client.query(
        `INSERT INTO "Tenant" (id, slug, name, country, locale, "timeZone", currency, settings, "updatedAt") VALUES ($1, $2, $3, 'AR', 'es', 'America/Argentina/Buenos_Aires', 'ARS', $4, now())`,
        [tenantId, slug, `ISP ${slug}`, big ? JSON.stringify({ bench: scale }) : '{}'],
      );
      await client.query(`INSERT INTO "User" (id, "tenantId", email, name, role, "passwordHash", "updatedAt") VALUES ($1, $2, 'admin@bench.test', 'Admin Bench', 'ADMIN', $3, now())`, [randomUUID(), tenantId, passwordHash]);
      const planIds = [randomUUID(), randomUUID(), randomUUID()];
      await client.query(
        `INSERT INTO "Plan" (id, "tenantId", name, "downloadMbps", "uploadMbps", price) SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::int[], $5::int[], $6::numeric[])`,
        [planIds, planIds.map(() => tenantId), ['Fibra 100', 'Fibra 300', 'Radio 20'], [100, 300, 20], [50, 150, 5], [18500, 24900, 12000]],
      );
      const localityIds = Array.from({ length: 12 }, () => randomUUID());
      await client.query(`INSERT INTO "Locality" (id, "tenantId", name) SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[])`, [localityIds, localityIds.map(() => tenantId), localityIds.map((_, i) => `Localidad ${i + 1}`)]);
      const count = big ? scale.bigCustomers : scale.smallCustomers;
      const BATCH = 5_000;
      for (let start = 0; start < count; start += BATCH) {
        const n = Math.min(BATCH, count - start);
        const cols = { id: [] as string[], code: [] as string[], name: [] as string[], taxId: [] as string[], email: [] as string[], address: [] as string[], locality: [] as string[], search: [] as string[], status: [] as string[] };
        const conn = { id: [] as string[], customer: [] as string[], plan: [] as string[], lat: [] as number[], lng: [] as number[], status: [] as string[] };
        for (let i = 0; i < n; i++) {
          const k = start + i;
          const name = `${FIRST[Math.floor(random() * FIRST.length)]} ${LAST[Math.floor(random() * LAST.length)]} ${LAST[Math.floor(random() * LAST.length)]}`;
          const code = String(100_000 + k);
          const taxId = String(20_000_000 + k * 7);
          const email = `cliente${k}@correo${k % 17}.com.ar`;
          const id = randomUUID();
          cols.id.push(id);
          cols.code.push(code);
          cols.name.push(name);
          cols.taxId.push(taxId);
          cols.email.push(email);
          cols.address.push(`${STREETS[k % STREETS.length]} ${100 + (k % 4000)}`);
          cols.locality.push(localityIds[k % localityIds.length]!);
          cols.search.push(customerSearchText({ name, code, taxId, emails: [email] }));
          cols.status.push(k % 25 === 0 ? 'DELETED' : 'ACTIVE');
          conn.id.push(randomUUID());
          conn.customer.push(id);
          conn.plan.push(planIds[k % 3]!);
          conn.lat.push(-34.6 + random() * 0.4);
          conn.lng.push(-58.6 + random() * 0.4);
          conn.status.push(k % 13 === 0 ? 'BLOCKED' : k % 29 === 0 ? 'NO_SERVICE' : 'ENABLED');
        }
        await client.query(
          `INSERT INTO "Customer" (id, "tenantId", code, name, "taxIdType", "taxId", emails, phones, address, "localityId", status, "searchText", "updatedAt")
           SELECT u.id, $2::uuid, u.code, u.name, 'DNI', u.tax, ARRAY[u.email], ARRAY[]::text[], u.address, u.locality, u.status::"CustomerStatus", u.search, now()
           FROM unnest($1::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::uuid[], $9::text[], $10::text[]) AS u(id, code, name, tax, email, address, locality, status, search)`,
          [cols.id, tenantId, cols.code, cols.name, cols.taxId, cols.email, cols.address, cols.locality, cols.status, cols.search],
        );
        await client.query(
          `INSERT INTO "Connection" (id, "tenantId", "customerId", "planId", type, address, latitude, longitude, status, "updatedAt")
           SELECT u.id, $2::uuid, u.customer, u.plan, 'FIBER', 'Domicilio de instalación', u.lat, u.lng, u.status::"ConnectionStatus", now()
           FROM unnest($1::uuid[], $3::uuid[], $4::uuid[], $5::float8[], $6::float8[], $7::text[]) AS u(id, customer, plan, lat, lng, status)`,
          [conn.id, tenantId, conn.customer, conn.plan, conn.lat, conn.lng, conn.status],
        );
      }
      if (big || t % 5 === 0) log(`bench data: tenant ${slug} with ${count} customers`);
      await assignNetwork(client, tenantId, big ? log : () => {});
      if (big) await placeOnMap(client, tenantId, log);
    }
    await client.query('ANALYZE');
    return { bigTenantId, slug: 'big' };
  } finally {
    await client.end();
  }
}

/** Nodes per tenant: their sizes fall off steeply, from about 16 % of the connections to about
 * 1 %, and a rural node has 1 in 5,000 — filters by node meet dense and sparse ones. */
export const BENCH_NODES = 40;
export const RURAL_NODE = 'Nodo Rural';

/**
 * Puts every connection of a tenant on a node and in its customer's locality (data generated
 * before nodes existed gets them here too: the step is skipped once the tenant has nodes). A
 * connection's node follows a hash of its id, so every generation gives the same spread.
 */
export async function assignNetwork(client: pg.Client, tenantId: string, log: (m: string) => void): Promise<void> {
  const has = await client.query(`SELECT 1 FROM "Node" WHERE "tenantId" = $1 LIMIT 1`, [tenantId]);
  if (has.rowCount) return;
  await client.query(
    `INSERT INTO "Node" (id, "tenantId", name, latitude, longitude)
     SELECT gen_random_uuid(), $1::uuid, CASE WHEN n = 0 THEN $3 ELSE 'Nodo ' || n END, -34.6 + n * 0.01, -58.4 - n * 0.01
     FROM generate_series(0, $2::int) AS n`,
    [tenantId, BENCH_NODES, RURAL_NODE],
  );
  // h in [0, 1): node 1 gets the smallest h, so sizes fall off as the square root's steps do;
  // 1 in 5,000 connections goes to the rural node.
  await client.query(
    `WITH nodes AS (SELECT id, CASE WHEN name = $3 THEN 0 ELSE substring(name from 6)::int END AS n FROM "Node" WHERE "tenantId" = $1::uuid),
          k AS (SELECT c.id, cu."localityId", (hashtext(c.id::text)::bigint + 2147483648) / 4294967296.0 AS h
                FROM "Connection" c JOIN "Customer" cu ON cu."tenantId" = c."tenantId" AND cu.id = c."customerId" WHERE c."tenantId" = $1::uuid)
     UPDATE "Connection" c SET "nodeId" = nodes.id, "localityId" = k."localityId"
     FROM k, nodes
     WHERE c."tenantId" = $1::uuid AND c.id = k.id
       AND nodes.n = CASE WHEN k.h * 5000 < 1 THEN 0 ELSE 1 + floor($2::int * k.h * k.h)::int END`,
    [tenantId, BENCH_NODES, RURAL_NODE],
  );
  await client.query(`ANALYZE "Connection"`);
  log('bench data: connections placed on nodes and localities');
}

/**
 * Where the big tenant's connections are on the map (E7's benchmark): a city and its surroundings,
 * shaped like Buenos Aires and its suburbs rather than a uniform square — half in the city (a normal
 * spread of about 5 km), a third in twelve suburban towns (about 2–3 km each), the rest scattered
 * over the countryside to the west. All of them inside MAP_AREA. A connection's place follows hashes
 * of its id, so every generation gives the same spread; data generated before this step gets it
 * once (a mark in the tenant's settings says it was done).
 */
export const MAP_AREA = { south: -35.0, west: -59.0, north: -34.35, east: -58.2 };
const CITY = { lat: -34.62, lng: -58.46, sigmaLat: 0.045, sigmaLng: 0.05 };
const TOWNS: [lat: number, lng: number, sigma: number][] = [
  [-34.72, -58.25, 0.02], [-34.76, -58.4, 0.025], [-34.65, -58.62, 0.025], [-34.47, -58.51, 0.02],
  [-34.43, -58.58, 0.02], [-34.66, -58.73, 0.03], [-34.65, -58.79, 0.02], [-34.85, -58.52, 0.025],
  [-34.68, -58.56, 0.025], [-34.46, -58.91, 0.03], [-34.81, -58.28, 0.025], [-34.54, -58.71, 0.02],
];

export async function placeOnMap(client: pg.Client, tenantId: string, log: (m: string) => void): Promise<void> {
  const done = await client.query(`SELECT 1 FROM "Tenant" WHERE id = $1 AND settings->>'benchMap' = '1'`, [tenantId]);
  if (done.rowCount) return;
  const towns = TOWNS.map(([lat, lng, sigma], i) => `(${i}, ${lat}::float8, ${lng}::float8, ${sigma}::float8)`).join(', ');
  await client.query(
    `WITH towns(i, lat, lng, sigma) AS (VALUES ${towns}),
          u AS (SELECT id, ${['a', 'b', 'c', 'd', 'e'].map((k) => `(hashtext(id::text || '${k}')::bigint + 2147483648) / 4294967296.0 AS u${k}`).join(', ')}
                FROM "Connection" WHERE "tenantId" = $1::uuid),
          g AS (SELECT id, ua, ud, ue, sqrt(-2 * ln(greatest(ub, 1e-12))) * cos(2 * pi() * uc) AS z1, sqrt(-2 * ln(greatest(ub, 1e-12))) * sin(2 * pi() * uc) AS z2 FROM u),
          p AS (SELECT g.id,
                       CASE WHEN ua < 0.5 THEN $2::float8 + $4::float8 * z1 WHEN ua < 0.85 THEN t.lat + t.sigma * z1 ELSE -34.95 + 0.5 * ud END AS lat,
                       CASE WHEN ua < 0.5 THEN $3::float8 + $5::float8 * z2 WHEN ua < 0.85 THEN t.lng + t.sigma * z2 ELSE -59.0 + 0.55 * ue END AS lng
                FROM g JOIN towns t ON t.i = floor(g.ud * ${TOWNS.length})::int)
     UPDATE "Connection" c
     SET latitude = least(${MAP_AREA.north}, greatest(${MAP_AREA.south}, p.lat)), longitude = least(${MAP_AREA.east}, greatest(${MAP_AREA.west}, p.lng))
     FROM p WHERE c."tenantId" = $1::uuid AND c.id = p.id`,
    [tenantId, CITY.lat, CITY.lng, CITY.sigmaLat, CITY.sigmaLng],
  );
  await client.query(`UPDATE "Tenant" SET settings = settings || '{"benchMap": 1}'::jsonb WHERE id = $1`, [tenantId]);
  await client.query(`VACUUM (ANALYZE) "Connection"`);
  log('bench data: connections placed on the map (a city and its surroundings)');
}
