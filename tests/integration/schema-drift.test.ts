// prisma/schema.prisma and prisma/migrations must describe the same database. When this fails,
// run `npm run db:migration:new -- <name>` (or, if a migration was edited, fix the migration).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SCHEMA_FILE, SNAPSHOT_FILE } from '@/cli/db/migration-files';
import { applyMigrations, diffSchemas } from '@/cli/db/schema-engine';
import { createTestDatabase } from '../setup/db';

const schema = readFileSync(SCHEMA_FILE, 'utf8');

describe('schema drift', () => {
  it('the snapshot of the last migration is the current schema', async () => {
    const snapshot = readFileSync(SNAPSHOT_FILE, 'utf8');
    expect(await diffSchemas(snapshot, schema), 'schema.prisma changed since the last migration').toBe('');
  });

  // Stronger: the snapshot could itself disagree with the migrations (a hand-edited migration,
  // a snapshot edited or restored by hand). Replay every migration on an empty database and
  // compare what PostgreSQL then holds with the schema.
  it('a database built by the migrations is what the schema describes', async () => {
    const url = await createTestDatabase({ empty: true });
    expect(await applyMigrations(url)).not.toHaveLength(0);
    expect(await diffSchemas({ database: url }, schema), 'the migrations do not produce schema.prisma').toBe('');
  });
});
