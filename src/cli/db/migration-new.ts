// `npm run db:migration:new -- <name>` (`--empty` for a hand-written migration): writes
// prisma/migrations/<timestamp>_<name>/migration.sql with what changed in prisma/schema.prisma
// since the last migration. "Since the last migration" is schema.snapshot.prisma, the schema
// as of that migration, so no database (shadow or other) is needed.
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { extensionsFirst, lockfileContent, MIGRATIONS_DIR, migrationFolderName, ROOT, SCHEMA_FILE, SNAPSHOT_FILE } from './migration-files';
import { diffSchemas } from './schema-engine';

const args = process.argv.slice(2);
const empty = args.includes('--empty');
const name = args.filter((a) => !a.startsWith('--')).join('_');

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

if (!name) fail('Usage: npm run db:migration:new -- <name> [--empty]');

const existing = existsSync(MIGRATIONS_DIR) ? readdirSync(MIGRATIONS_DIR, { withFileTypes: true }).filter((e) => e.isDirectory()) : [];
const snapshot = existsSync(SNAPSHOT_FILE) ? readFileSync(SNAPSHOT_FILE, 'utf8') : null;
if (snapshot === null && existing.length > 0) {
  // Diffing from nothing would write a migration that creates every table again.
  fail(`${path.relative(ROOT, SNAPSHOT_FILE)} is missing but migrations exist: restore it from version control.`);
}

const schema = readFileSync(SCHEMA_FILE, 'utf8');
const sql = empty ? '-- This is an empty migration.\n' : await diffSchemas(snapshot, schema);
if (!sql) fail('No changes: prisma/schema.prisma matches the last migration. Nothing written.');

const folder = migrationFolderName(name, new Date());
const dir = path.join(MIGRATIONS_DIR, folder);
if (existsSync(dir)) fail(`${path.relative(ROOT, dir)} already exists.`);
mkdirSync(dir, { recursive: true });
writeFileSync(path.join(dir, 'migration.sql'), empty ? sql : extensionsFirst(sql));
if (!empty) writeFileSync(SNAPSHOT_FILE, schema);
const lockfile = path.join(MIGRATIONS_DIR, 'migration_lock.toml');
if (!existsSync(lockfile) || readFileSync(lockfile, 'utf8') !== lockfileContent()) writeFileSync(lockfile, lockfileContent());

console.log(`Wrote ${path.relative(ROOT, path.join(dir, 'migration.sql'))}${empty ? ' (empty: write its SQL by hand)' : ''}.`);
