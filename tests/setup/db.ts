// Databases for integration tests, on the server the globalSetup (./global-db.ts) started.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { TEMPLATE_DATABASE } from './template';

/**
 * A new database and its URL: a copy of the migrated template (tens of milliseconds), or with
 * `{ empty: true }` one with no tables at all (for tests that apply migrations themselves). A copy
 * gets the template's database settings too (a migration sets some; CREATE DATABASE copies the
 * data, not the settings), so tests run with what the migrations give a real database.
 */
export async function createTestDatabase(options: { empty?: boolean } = {}): Promise<string> {
  const adminUrl = inject('databaseAdminUrl');
  const name = `test_${randomUUID().replaceAll('-', '')}`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name} TEMPLATE ${options.empty ? 'template0' : TEMPLATE_DATABASE}`);
    if (!options.empty) {
      const { rows } = await client.query<{ setting: string }>(
        `SELECT unnest(s.setconfig) AS setting FROM pg_db_role_setting s JOIN pg_database d ON d.oid = s.setdatabase WHERE d.datname = $1 AND s.setrole = 0`,
        [TEMPLATE_DATABASE],
      );
      for (const { setting } of rows) {
        const eq = setting.indexOf('=');
        await client.query(`ALTER DATABASE ${name} SET ${setting.slice(0, eq)} = ${pg.escapeLiteral(setting.slice(eq + 1))}`);
      }
    }
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
