// The ticket search indexes' pending lists, merged off the request path (src/server/maintenance).
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/server/db';
import { MERGE_LOCK, mergeSearchPendingLists, startSearchIndexMerges } from '@/server/maintenance/search-indexes';
import { type StaffOfEveryRole, type TestTenant, twoTenantsWithStaff } from '../factories';

let a: TestTenant, A: StaffOfEveryRole;
beforeAll(async () => {
  // This file's own database: autovacuum's analyze of "Ticket" also empties GIN pending lists, at a
  // moment of its choosing — which made the last case (nothing merges after the loop stops) flaky.
  await db().$executeRaw`ALTER TABLE "Ticket" SET (autovacuum_enabled = false)`;
  ({ a, A } = await twoTenantsWithStaff());
  await mergeSearchPendingLists(); // whatever setting up the tenants left
});

const createSome = (label: string) =>
  Promise.all(Array.from({ length: 20 }, (_, i) => A.OPERATOR.tickets.create({ title: `${label} ${i}`, description: `Antena desalineada en el techo, ${label} ${i}` })));

describe('search index merges', () => {
  it('merge what creations left in the pending lists, and the merged tickets are still found', async () => {
    await createSome('Torre norte');
    expect(await mergeSearchPendingLists()).toBeGreaterThan(0);
    expect(await mergeSearchPendingLists()).toBe(0);
    // Read through an index, as a large tenant's search is (the grid reads a small tenant's newest tickets first).
    const found = await db().$transaction(async (tx) => {
      await tx.$executeRaw`SET LOCAL enable_seqscan = off`;
      return tx.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM "Ticket" WHERE "tenantId" = ${a.id}::uuid AND stage = 'PENDING' AND "searchText" LIKE '%torre norte%'`;
    });
    expect(found[0]!.n).toBe(20);
  });

  it('skip while another server holds the merge, leaving the lists for it', async () => {
    await createSome('Torre sur');
    await db().$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${MERGE_LOCK})`;
      expect(await mergeSearchPendingLists()).toBeNull();
    });
    expect(await mergeSearchPendingLists()).toBeGreaterThan(0);
  });

  it('run on their own until stopped', async () => {
    const stop = startSearchIndexMerges({ everyMs: 50 });
    await createSome('Torre este');
    await new Promise((r) => setTimeout(r, 500));
    await stop();
    expect(await mergeSearchPendingLists()).toBe(0);
    await createSome('Torre oeste');
    await new Promise((r) => setTimeout(r, 300));
    expect(await mergeSearchPendingLists()).toBeGreaterThan(0);
  });
});
