// Sign-ups whose admin never verified their e-mail (A1): deleted once their time runs out, which
// frees their subdomain, together with the sign-up limits' ended counters. The notification worker
// runs this (in `npm start`, or `npm run worker`), every few minutes; several workers may, each
// deleting what the others have not.
import { logger } from '@/server/logger';
import { repeat } from '@/server/maintenance/repeat';
import { deleteExpiredSignUps } from '@/server/services/tenants/sign-up';

/** Cleans up now and then every `everyMs` until the returned function is called (which waits for a run in progress). */
export function startSignUpCleanup({ everyMs = 5 * 60_000 } = {}): () => Promise<void> {
  return repeat(
    async () => {
      try {
        const deleted = await deleteExpiredSignUps();
        if (deleted > 0) logger.info({ deleted }, 'expired sign-ups deleted; their subdomains are free again');
      } catch (error) {
        logger.warn({ err: error }, 'deleting expired sign-ups failed; retrying later');
      }
    },
    { everyMs, now: true },
  );
}
