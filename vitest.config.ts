// Two projects: `unit` (no database) and `integration` (one embedded PostgreSQL for the whole
// run, a fresh database per test file). `vitest run --project unit` starts no database.
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { defineConfig } from 'vitest/config';
import './tests/setup/node20-polyfills.ts';

const root = import.meta.dirname;

export default defineConfig({
  resolve: {
    alias: {
      '@': path.join(root, 'src'),
      // The marker package throws outside React Server Components; tests call server code directly.
      'server-only': path.join(root, 'node_modules/server-only/empty.js'),
    },
  },
  test: {
    pool: 'forks',
    // On 2 cores, 2 workers ran the integration files ~20% faster than Vitest's default. Capped
    // so the per-file Prisma pools stay well under the test server's 100 connections.
    maxWorkers: Math.min(8, Math.max(2, availableParallelism())),
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['tests/unit/**/*.test.ts'] },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          globalSetup: ['tests/setup/global-db.ts'],
          setupFiles: ['tests/setup/integration-env.ts'],
          // Each file gets its own process, so its DATABASE_URL and Prisma client are its own.
          isolate: true,
          testTimeout: 20_000,
          hookTimeout: 30_000,
        },
      },
    ],
  },
});
