// F3: payment promises whose time is up are settled (kept, or the connection blocked again) by the
// notification worker (in `npm start`, or `npm run worker`), every minute; several workers may, each
// promise settled once (src/server/services/promises/expire.ts).
import { logger } from '@/server/logger';
import { repeat } from '@/server/maintenance/repeat';
import { expirePromises } from '@/server/services/promises/expire';

/** Settles due promises now and then every `everyMs` until the returned function is called (which waits for a run in progress). */
export function startPromiseExpiry({ everyMs = 60_000 } = {}): () => Promise<void> {
  return repeat(
    async () => {
      try {
        const { kept, broken } = await expirePromises(new Date());
        if (kept + broken > 0) logger.info({ kept, broken }, 'payment promises settled');
      } catch (error) {
        logger.warn({ err: error }, 'settling payment promises failed; retrying later');
      }
    },
    { everyMs, now: true },
  );
}
