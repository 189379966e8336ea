// Sign-ups whose admin never verified their e-mail (A1): deleted once their time runs out, which
// frees their subdomain, together with the sign-up limits' ended counters. The notification worker
// runs this (in `npm start`, or `npm run worker`), every few minutes; several workers may, each
// deleting what the others have not.
import { logger } from '@/server/logger';
import { deleteExpiredSignUps } from '@/server/services/tenants/sign-up';

/** Cleans up now and then every `everyMs` until the returned function is called (which waits for a run in progress). */
export function startSignUpCleanup({ everyMs = 5 * 60_000 } = {}): () => Promise<void> {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const tick = () => {
    running = deleteExpiredSignUps().then(
      (deleted) => {
        if (deleted > 0) logger.info({ deleted }, 'expired sign-ups deleted; their subdomains are free again');
        schedule();
      },
      (error: unknown) => {
        logger.warn({ err: error }, 'deleting expired sign-ups failed; retrying later');
        schedule();
      },
    );
  };
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(tick, everyMs);
    timer.unref();
  };
  tick();
  return async () => {
    stopped = true;
    clearTimeout(timer);
    await running;
  };
}
