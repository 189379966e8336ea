// Tests of what one migration does to rows that existed before it: a fresh database migrated up to,
// not including, that migration (the earlier migrations copied to a temporary folder), a client on
// it, and a tenant as those rows' owner.
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { MIGRATIONS_DIR } from '@/cli/db/migration-files';
import { applyMigrations } from '@/cli/db/schema-engine';
import { createTestDatabase } from '../setup/db';

/** A database with every migration before `migration` applied: `applied` names them; `migrateRest` applies the others. */
export async function databaseBefore(migration: string) {
  const before = mkdtempSync(path.join(tmpdir(), 'antena-migrations-'));
  try {
    for (const entry of readdirSync(MIGRATIONS_DIR, { withFileTypes: true })) {
      if (entry.isDirectory() ? entry.name < migration : entry.name === 'migration_lock.toml') cpSync(path.join(MIGRATIONS_DIR, entry.name), path.join(before, entry.name), { recursive: true });
    }
    const url = await createTestDatabase({ empty: true });
    const applied = await applyMigrations(url, before);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    return { client, applied, migrateRest: () => applyMigrations(url) };
  } finally {
    rmSync(before, { recursive: true, force: true });
  }
}

/** A tenant written as plain SQL (the app's services may not fit the older schema); answers its id. */
export async function insertTenant(client: pg.Client): Promise<string> {
  const { rows } = await client.query(`INSERT INTO "Tenant" (id, slug, name, country, "timeZone", currency, "updatedAt")
    VALUES (gen_random_uuid(), 'migrada', 'Migrada', 'AR', 'America/Argentina/Buenos_Aires', 'ARS', now()) RETURNING id`);
  return rows[0].id as string;
}
