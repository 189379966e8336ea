// C16: technicians' positions are kept 30 days. Every tenant's older rows are deleted by the
// maintenance loop (src/server/maintenance/positions.ts), in batches so that no statement holds
// many rows' locks or runs long after a long pause; safe on several workers at once.
import { db } from '@/server/db';
import { KEEP_DAYS } from './positions';

const BATCH = 5_000;

/** Deletes positions recorded more than 30 days before `now`; answers how many. */
export async function deleteOldPositions(now = new Date()): Promise<number> {
  const before = new Date(now.getTime() - KEEP_DAYS * 86_400_000);
  let deleted = 0;
  for (;;) {
    // By the (recordedAt) index: the oldest rows first, a batch at a time.
    const batch = await db().technicianPosition.findMany({ where: { recordedAt: { lt: before } }, orderBy: { recordedAt: 'asc' }, take: BATCH, select: { id: true } });
    if (batch.length === 0) break;
    const { count } = await db().technicianPosition.deleteMany({ where: { id: { in: batch.map((r) => r.id) } } });
    deleted += count;
    if (batch.length < BATCH) break;
  }
  return deleted;
}
