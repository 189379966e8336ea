// What the migrations set for every session of the app's database (issue 15, point 14).
import { describe, expect, it } from 'vitest';
import { Prisma } from '@/generated/prisma/client';
import { db, rawRows } from '@/server/db';

describe("the database's session settings", () => {
  it('plans without parallel workers, through Prisma and through the raw pool alike', async () => {
    const [raw] = await rawRows<{ workers: string }>(Prisma.sql`SELECT current_setting('max_parallel_workers_per_gather') AS workers`);
    expect(raw!.workers).toBe('0');
    const [viaPrisma] = await db().$queryRaw<{ workers: string }[]>`SELECT current_setting('max_parallel_workers_per_gather') AS workers`;
    expect(viaPrisma!.workers).toBe('0');
    // The cluster's own default is still 2: the setting belongs to the database the migration ran on.
    const [cluster] = await rawRows<{ boot: string }>(Prisma.sql`SELECT boot_val AS boot FROM pg_settings WHERE name = 'max_parallel_workers_per_gather'`);
    expect(cluster!.boot).toBe('2');
  });
});
