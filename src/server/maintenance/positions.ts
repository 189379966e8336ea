// C16: technicians' positions older than 30 days are deleted (every tenant's). The notification
// worker runs this (in `npm start`, or `npm run worker`) every hour, beside the sign-up cleanup;
// several workers may, each deleting what the others have not.
import { logger } from '@/server/logger';
import { repeat } from '@/server/maintenance/repeat';
import { deleteOldPositions } from '@/server/services/positions/purge';

/** One run: what the loop does each time (tests call it directly). */
export async function purgeOldPositions(now = new Date()): Promise<number> {
  try {
    const deleted = await deleteOldPositions(now);
    if (deleted > 0) logger.info({ deleted }, 'technicians’ positions older than 30 days deleted');
    return deleted;
  } catch (error) {
    logger.warn({ err: error }, 'deleting old technicians’ positions failed; retrying later');
    return 0;
  }
}

/** Purges now and then every `everyMs` until the returned function is called (which waits for a run in progress). */
export function startPositionPurge({ everyMs = 60 * 60_000 } = {}): () => Promise<void> {
  return repeat(
    async () => {
      await purgeOldPositions();
    },
    { everyMs, now: true },
  );
}
