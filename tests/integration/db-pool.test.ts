// The pool under Prisma and rawRows: a connection the database closes while it is idle in the pool.
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { Prisma } from '@/generated/prisma/client';
import { rawRows } from '@/server/db';

describe('the pool', () => {
  it('drops an idle connection the database closes (a restart, an administrator) and goes on', async () => {
    const [mine] = await rawRows<{ pid: number }>(Prisma.sql`SELECT pg_backend_pid() AS pid`);
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    try {
      const [ended] = (await admin.query<{ ok: boolean }>('SELECT pg_terminate_backend($1) AS ok', [mine!.pid])).rows;
      expect(ended!.ok).toBe(true);
      // Until the pool has seen the connection close (unhandled, its error would end the test process).
      for (let i = 0; i < 100; i++) {
        const { rows } = await admin.query('SELECT 1 FROM pg_stat_activity WHERE pid = $1', [mine!.pid]);
        if (!rows.length) break;
        await new Promise((r) => setTimeout(r, 20));
      }
      await new Promise((r) => setTimeout(r, 100));
    } finally {
      await admin.end();
    }
    const [after] = await rawRows<{ pid: number }>(Prisma.sql`SELECT pg_backend_pid() AS pid`);
    expect(after!.pid).not.toBe(mine!.pid);
  });
});
