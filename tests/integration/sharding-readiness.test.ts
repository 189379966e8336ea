// How far the schema is from being distributed by tenant (docs/scaling.md, "A distributed PostgreSQL").
// A distributed PostgreSQL such as Citus, with "tenantId" as the distribution column, needs every
// primary key, unique key and foreign key between distributed tables to include that column; tables
// without it are reference tables (copied to every node) or stay on the coordinator, and a reference
// table may not point into a distributed one. Read from the catalog of a database the migrations
// built — not from schema.prisma, so raw-SQL indexes of the migrations count too:
//   (a) every foreign key between two tenant-owned tables pairs "tenantId" with "tenantId";
//   (b) every unique key of a tenant-owned table leads with "tenantId", except GLOBAL_UNIQUE_KEYS;
//   (c) the tenant-owned tables whose primary key lacks "tenantId" are exactly PRIMARY_KEY_WITHOUT_TENANT
//       (and docs/scaling.md lists the same), each with a unique (tenantId, <its key>) ready to replace
//       it unless NO_TENANT_KEY_YET says why not;
//   and the tables without "tenantId" are exactly INSTALLATION_TABLES — a new table forces a decision.
// When a primary key gains "tenantId", or a table is added, this test fails until the lists (and the
// document) say so.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** Tables without "tenantId": one row for the whole installation, never distributed. Under Citus: where each goes. */
const INSTALLATION_TABLES: Record<string, string> = {
  Tenant: 'the tenants themselves; a reference table, which every tenant-owned table’s "tenantId" references',
  InstallationSecret: 'secrets made on first start (the VAPID key pair), shared by every process; stays on the coordinator',
  LoginThrottle: 'failed sign-in counters, per account (the key names the tenant) and per client address across tenants; stays on the coordinator',
  SignUpLimit: 'sign-ups counted per client address before any tenant exists; stays on the coordinator',
  _prisma_migrations: 'Prisma’s record of the applied migrations; stays on the coordinator',
};

/**
 * Tenant-owned tables whose primary key does not include "tenantId" (today `id`, or a token's hash).
 * Citus refuses such a key on a distributed table: each needs its primary key changed to
 * (tenantId, …) — a migration — before it can be distributed. docs/scaling.md lists the same tables.
 */
const PRIMARY_KEY_WITHOUT_TENANT = [
  'Connection',
  'Customer',
  'CustomerFile',
  'Invoice',
  'Locality',
  'Message',
  'Node',
  'OutboxEvent',
  'Payment',
  'Plan',
  'PushSubscription',
  'SavedFilter',
  'SignInToken',
  'TechnicianPosition',
  'TenantDomain',
  'Ticket',
  'TicketArea',
  'TicketCategory',
  'TicketComment',
  'TicketEvent',
  'TicketFile',
  'TicketPriority',
  'TicketState',
  'User',
];

/** Tables of the list above without a unique (tenantId, <primary key>) to promote, and why. */
const NO_TENANT_KEY_YET: Record<string, string> = {
  SignInToken: 'keyed by the token’s hash alone; always read with its tenant known (sign-in, sign-up verification), so (tenantId, tokenHash) can become its key',
  TenantDomain: 'a reference table, like Tenant: a host is looked up before its tenant is known (see GLOBAL_UNIQUE_KEYS)',
};

/** Unique keys of tenant-owned tables that do not lead with "tenantId", and why they may not. */
const GLOBAL_UNIQUE_KEYS: Record<string, string> = {
  TenantDomain_host_key:
    'a host names one tenant across the installation and is resolved before the tenant is known; TenantDomain stays a small reference table, where a global unique key is allowed',
};

type Table = { oid: number; name: string; tenantOwned: boolean };
type Constraint = { name: string; type: 'p' | 'f'; table: number; refTable: number; columns: string[]; refColumns: string[] };
type UniqueIndex = { name: string; table: number; primary: boolean; columns: string[] };
type Catalog = { tables: Map<number, Table>; constraints: Constraint[]; uniqueIndexes: UniqueIndex[] };

/** Every user table, primary and foreign key, and unique index (constraint-backed or not) of the database. */
async function readCatalog(client: pg.Client): Promise<Catalog> {
  const tables = await client.query<Table>(`
    SELECT c.oid::int AS oid,
           CASE WHEN n.nspname = 'public' THEN c.relname ELSE n.nspname || '.' || c.relname END AS name,
           EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'tenantId' AND a.attnum > 0 AND NOT a.attisdropped) AS "tenantOwned"
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition
       AND n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\\_%'`);
  const constraints = await client.query<Constraint>(`
    SELECT con.conname AS name, con.contype AS type, con.conrelid::int AS "table", con.confrelid::int AS "refTable",
           ARRAY(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY k(attnum, i)
                   JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum ORDER BY k.i) AS columns,
           ARRAY(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY k(attnum, i)
                   JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum ORDER BY k.i) AS "refColumns"
      FROM pg_constraint con
     WHERE con.contype IN ('p', 'f')`);
  const uniqueIndexes = await client.query<UniqueIndex>(`
    SELECT ic.relname AS name, i.indrelid::int AS "table", i.indisprimary AS "primary",
           ARRAY(SELECT coalesce(a.attname::text, '(expression)') FROM unnest(i.indkey::int2[]) WITH ORDINALITY k(attnum, i)
                   LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
                  WHERE k.i <= i.indnkeyatts ORDER BY k.i) AS columns
      FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid
     WHERE i.indisunique`);
  const byOid = new Map(tables.rows.map((t) => [t.oid, t]));
  return {
    tables: byOid,
    constraints: constraints.rows.filter((c) => byOid.has(c.table)),
    uniqueIndexes: uniqueIndexes.rows.filter((u) => byOid.has(u.table)),
  };
}

const nameOf = (catalog: Catalog, oid: number) => catalog.tables.get(oid)!.name;
const owned = (catalog: Catalog, oid: number) => catalog.tables.get(oid)?.tenantOwned === true;
const sorted = (names: Iterable<string>) => [...names].sort();

/** (a) Foreign keys between tenant-owned tables that do not pair "tenantId" with "tenantId". */
function foreignKeysWithoutTenant(catalog: Catalog): string[] {
  return catalog.constraints
    .filter((c) => c.type === 'f' && owned(catalog, c.table) && owned(catalog, c.refTable))
    .filter((c) => !c.columns.some((column, i) => column === 'tenantId' && c.refColumns[i] === 'tenantId'))
    .map((c) => `${nameOf(catalog, c.table)}.${c.name}: (${c.columns.join(', ')}) → ${nameOf(catalog, c.refTable)}(${c.refColumns.join(', ')})`);
}

/** Foreign keys from a table without "tenantId" into a tenant-owned one (a reference table may not point into a distributed table). */
function installationKeysIntoTenants(catalog: Catalog): string[] {
  return catalog.constraints
    .filter((c) => c.type === 'f' && !owned(catalog, c.table) && owned(catalog, c.refTable))
    .map((c) => `${nameOf(catalog, c.table)}.${c.name} → ${nameOf(catalog, c.refTable)}`);
}

/** (b) Unique keys (not primary) of tenant-owned tables whose first column is not "tenantId", by index name. */
function uniqueKeysNotLedByTenant(catalog: Catalog): string[] {
  return catalog.uniqueIndexes.filter((u) => !u.primary && owned(catalog, u.table) && u.columns[0] !== 'tenantId').map((u) => u.name);
}

/** (c) Tenant-owned tables whose primary key does not include "tenantId" (or that have none). */
function primaryKeysWithoutTenant(catalog: Catalog): string[] {
  return [...catalog.tables.values()]
    .filter((t) => t.tenantOwned)
    .filter((t) => !catalog.constraints.some((c) => c.type === 'p' && c.table === t.oid && c.columns.includes('tenantId')))
    .map((t) => t.name);
}

/** Tables of (c) with no unique key on exactly (tenantId, <their primary key's columns>) to promote. */
function withoutPromotableKey(catalog: Catalog, tables: string[]): string[] {
  return tables.filter((name) => {
    const table = [...catalog.tables.values()].find((t) => t.name === name)!;
    const primary = catalog.constraints.find((c) => c.type === 'p' && c.table === table.oid);
    if (!primary) return true;
    const wanted = ['tenantId', ...primary.columns].join(',');
    return !catalog.uniqueIndexes.some((u) => u.table === table.oid && !u.primary && u.columns.join(',') === wanted);
  });
}

/** The tables docs/scaling.md lists between its `sharding-readiness:primary-keys` markers. */
function listedInScalingDoc(): string[] {
  const doc = readFileSync(path.resolve(import.meta.dirname, '../../docs/scaling.md'), 'utf8');
  const block = /<!-- sharding-readiness:primary-keys -->([\s\S]*?)<!-- \/sharding-readiness:primary-keys -->/.exec(doc);
  expect(block, 'docs/scaling.md has lost its sharding-readiness:primary-keys block').not.toBeNull();
  return sorted([...block![1]!.matchAll(/`([A-Za-z_]+)`/g)].map((m) => m[1]!));
}

let client: pg.Client;
let catalog: Catalog;

beforeAll(async () => {
  client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  catalog = await readCatalog(client);
});
afterAll(async () => {
  await client?.end();
});

describe('sharding readiness: the schema against distribution by tenantId', () => {
  it('reads the schema (the scan itself works)', () => {
    const names = sorted([...catalog.tables.values()].map((t) => t.name));
    expect(names).toContain('Ticket');
    expect([...catalog.tables.values()].filter((t) => t.tenantOwned).length).toBeGreaterThan(20);
    expect(catalog.constraints.filter((c) => c.type === 'f').length).toBeGreaterThan(50);
    expect(catalog.uniqueIndexes.find((u) => u.name === 'Ticket_tenantId_number_key')?.columns).toEqual(['tenantId', 'number']);
  });

  it('the tables without tenantId are the installation tables listed here — a new one needs a decision', () => {
    const installation = [...catalog.tables.values()].filter((t) => !t.tenantOwned).map((t) => t.name);
    expect(sorted(installation)).toEqual(sorted(Object.keys(INSTALLATION_TABLES)));
  });

  it('(a) every foreign key between tenant-owned tables includes tenantId on both sides', () => {
    expect(foreignKeysWithoutTenant(catalog)).toEqual([]);
    // …and no installation table points into a tenant-owned one (Citus forbids reference → distributed).
    expect(installationKeysIntoTenants(catalog)).toEqual([]);
    // The tenant-owned tables reference the installation only as ("tenantId") → Tenant(id).
    const other = catalog.constraints
      .filter((c) => c.type === 'f' && owned(catalog, c.table) && !owned(catalog, c.refTable))
      .filter((c) => !(nameOf(catalog, c.refTable) === 'Tenant' && c.columns.join() === 'tenantId' && c.refColumns.join() === 'id'))
      .map((c) => c.name);
    expect(other).toEqual([]);
  });

  it('(b) every unique key of a tenant-owned table leads with tenantId, but for the reasoned exceptions', () => {
    expect(sorted(uniqueKeysNotLedByTenant(catalog))).toEqual(sorted(Object.keys(GLOBAL_UNIQUE_KEYS)));
  });

  it('(c) the tenant-owned tables whose primary key lacks tenantId are the listed ones, and docs/scaling.md names the same', () => {
    const found = sorted(primaryKeysWithoutTenant(catalog));
    expect(found, 'a primary key changed: update PRIMARY_KEY_WITHOUT_TENANT and docs/scaling.md').toEqual(sorted(PRIMARY_KEY_WITHOUT_TENANT));
    expect(listedInScalingDoc()).toEqual(found);
    // Each has a unique (tenantId, <its key>) that could become its primary key, but for the ones said.
    expect(sorted(withoutPromotableKey(catalog, found))).toEqual(sorted(Object.keys(NO_TENANT_KEY_YET)));
  });

  it('the checks see a table that breaks each rule, and a primary key that gains tenantId (changes rolled back)', async () => {
    await client.query('BEGIN');
    try {
      await client.query(`
        CREATE TABLE "ShardingProbe" (
          id uuid PRIMARY KEY,
          "tenantId" uuid NOT NULL REFERENCES "Tenant"(id),
          "ticketId" uuid REFERENCES "Ticket"(id),
          code text UNIQUE
        )`);
      await client.query(`CREATE TABLE "ShardingProbeInstallation" (id uuid PRIMARY KEY, "probeId" uuid REFERENCES "ShardingProbe"(id))`);
      const probed = await readCatalog(client);
      expect(foreignKeysWithoutTenant(probed)).toEqual(['ShardingProbe.ShardingProbe_ticketId_fkey: (ticketId) → Ticket(id)']);
      expect(installationKeysIntoTenants(probed)).toEqual(['ShardingProbeInstallation.ShardingProbeInstallation_probeId_fkey → ShardingProbe']);
      expect(uniqueKeysNotLedByTenant(probed)).toContain('ShardingProbe_code_key');
      expect(primaryKeysWithoutTenant(probed)).toContain('ShardingProbe');
      expect(withoutPromotableKey(probed, ['ShardingProbe'])).toEqual(['ShardingProbe']);
      const installation = [...probed.tables.values()].filter((t) => !t.tenantOwned).map((t) => t.name);
      expect(installation).toContain('ShardingProbeInstallation');
      // The day a primary key gains tenantId, (c) sees it: Locality keyed by (tenantId, id) leaves the list.
      await client.query(`ALTER TABLE "Locality" DROP CONSTRAINT "Locality_pkey", ADD PRIMARY KEY ("tenantId", id)`);
      const rekeyed = primaryKeysWithoutTenant(await readCatalog(client));
      expect(rekeyed).not.toContain('Locality');
      expect(rekeyed).toContain('Customer');
    } finally {
      await client.query('ROLLBACK');
    }
  });
});
