// `npm run db:migrate`: applies prisma/migrations to DATABASE_URL, as `prisma migrate deploy`
// would, with the WebAssembly schema engine (no download needed). `npm start` migrates by itself.
import { applyMigrations } from './schema-engine';

const url = process.env.DATABASE_URL;
if (!url) {
  console.error('DATABASE_URL is not set. (npm start applies migrations to its embedded PostgreSQL by itself.)');
  process.exit(1);
}

try {
  const applied = await applyMigrations(url);
  console.log(applied.length ? `Applied ${applied.length} migration(s):\n${applied.map((m) => `  ${m}`).join('\n')}` : 'The database is up to date.');
} catch (error) {
  console.error('Migrating failed:', error instanceof Error ? error.message : error);
  process.exit(1);
}
