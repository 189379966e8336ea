// Vitest globalSetup of the integration project: one embedded PostgreSQL for the whole run, with
// the migrations applied once to `antena_template`; each test file clones it (see ./db.ts).
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres, type EmbeddedServer } from '../../src/cli/db/embedded';
import { ROOT } from '../../src/cli/db/migration-files';
import { applyMigrations } from '../../src/cli/db/schema-engine';
import { TEMPLATE_DATABASE } from './template';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The test server's `postgres` database, for creating and dropping databases. */
    databaseAdminUrl: string;
  }
}

// One cluster per run, named by the runner's pid, so two runs on one checkout (an engineer's and
// an editor's, say) do not share — and destroy — each other's server.
const RUNS_DIR = path.join(ROOT, '.antena', 'test-pg');
const DATA_DIR = path.join(RUNS_DIR, String(process.pid));

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Clusters left by runs that died (their postgres shuts itself down once its postmaster.pid is gone). */
function removeAbandonedClusters(): void {
  if (!existsSync(RUNS_DIR)) return;
  for (const entry of readdirSync(RUNS_DIR)) {
    if (!/^\d+$/.test(entry) || !alive(Number(entry))) rmSync(path.join(RUNS_DIR, entry), { recursive: true, force: true });
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const t0 = performance.now();
  removeAbandonedClusters();
  rmSync(DATA_DIR, { recursive: true, force: true });
  const server = await startOnFreePort();
  const t1 = performance.now();

  const adminUrl = server.url('postgres');
  await query(adminUrl, `CREATE DATABASE ${TEMPLATE_DATABASE}`);
  await applyMigrations(server.url(TEMPLATE_DATABASE));
  // No one may connect to the template: a connection would make every clone fail.
  await query(adminUrl, `ALTER DATABASE ${TEMPLATE_DATABASE} WITH IS_TEMPLATE true ALLOW_CONNECTIONS false`);
  const t2 = performance.now();

  if (process.env.ANTENA_TEST_TIMINGS) {
    console.log(`test database: start ${Math.round(t1 - t0)} ms, migrate ${Math.round(t2 - t1)} ms`);
  }
  project.provide('databaseAdminUrl', adminUrl);
  return async () => {
    await server.stop();
    rmSync(DATA_DIR, { recursive: true, force: true });
  };
}

/** A port the OS says is free; another process may take it before postgres does, hence the retry. */
async function startOnFreePort(): Promise<EmbeddedServer> {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    try {
      return await startEmbeddedPostgres({ dataDir: DATA_DIR, port, durable: false });
    } catch (error) {
      if (attempt === 3 || !String(error).includes('already in use')) throw error;
    }
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function query(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
