// Each integration test file runs against a database of its own, cloned from the migrated template.
import { describe, expect, it } from 'vitest';
import { db } from '@/server/db';

describe('the test database of this file', () => {
  it('is its own, migrated, and what the app connects to', async () => {
    const url = new URL(process.env.DATABASE_URL!);
    expect(url.pathname).toMatch(/^\/test_[0-9a-f]{32}$/);
    const [row] = await db().$queryRaw<{ name: string }[]>`SELECT current_database() AS name`;
    expect(`/${row!.name}`).toBe(url.pathname);
    const migrations = await db().$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM _prisma_migrations WHERE finished_at IS NOT NULL`;
    expect(Number(migrations[0]!.n)).toBeGreaterThan(0);
  });

  it('starts empty and keeps what this file writes to itself', async () => {
    expect(await db().tenant.count()).toBe(0);
    await db().tenant.create({ data: { slug: 'solo-este-archivo', name: 'Solo', country: 'AR', timeZone: 'America/Argentina/Buenos_Aires', currency: 'ARS' } });
    expect(await db().tenant.count()).toBe(1);
  });
});
