// G3: assigned tickets whose agreed visit has ended become EXPIRED (src/server/services/tickets/work-status.ts),
// with their history entry and the `ticket.expired` notification. The notification worker runs this (in
// `npm start`, or `npm run worker`) every minute, beside the promise expiry; several workers may (locked rows are skipped).
import { logger } from '@/server/logger';
import { repeat } from '@/server/maintenance/repeat';
import { expireWork } from '@/server/services/tickets/work-status';

/** One run: what the loop does each time (tests call it directly). */
export async function runWorkExpiry(now = new Date()): Promise<number> {
  try {
    const expired = await expireWork(now);
    if (expired > 0) logger.info({ expired }, 'tickets whose visit passed expired');
    return expired;
  } catch (error) {
    logger.warn({ err: error }, 'expiring tickets whose visit passed failed; retrying later');
    return 0;
  }
}

/** Expires now and then every `everyMs` until the returned function is called (which waits for a run in progress). */
export function startWorkExpiry({ everyMs = 60_000 } = {}): () => Promise<void> {
  return repeat(
    async () => {
      await runWorkExpiry();
    },
    { everyMs, now: true },
  );
}
