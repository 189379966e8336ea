// C15: background exports past their 7 days — their files and rows — removed by the notification
// worker (in `npm start`, or `npm run worker`) every hour; several workers may, each deleting what the
// others have not.
import { logger } from '@/server/logger';
import { repeat } from '@/server/maintenance/repeat';

export function startExportPurge({ everyMs = 60 * 60_000 } = {}): () => Promise<void> {
  return repeat(
    async () => {
      try {
        const { purgeExpiredExports } = await import('@/server/services/exports/background');
        const deleted = await purgeExpiredExports();
        if (deleted > 0) logger.info({ deleted }, 'expired exports deleted');
      } catch (error) {
        logger.warn({ err: error }, 'deleting expired exports failed; retrying later');
      }
    },
    { everyMs, now: true },
  );
}
