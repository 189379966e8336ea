// The notification worker: looks for new outbox events every 250 ms (an empty look is one probe of a
// partial index), turns them into messages, and delivers messages from the queue in batches. It runs inside
// `npm start` by default, or on its own (`npm run worker`) when scaled out; any number may run.
import type PgBoss from 'pg-boss';
import { logger } from '@/server/logger';
import { deliverBatch } from './deliver';
import { dispatchOutbox } from './dispatch';
import { DELIVER_QUEUE, openQueue, type DeliverJob } from './queue';

export type Worker = { boss: PgBoss; stop: () => Promise<void>; wake: () => void };

export async function startWorker(connectionString: string, opts: { pollMs?: number; batchSize?: number } = {}): Promise<Worker> {
  let stopped = false;
  const boss = await openQueue(connectionString, { quiet: () => stopped });
  const workerId = await boss.work<DeliverJob>(DELIVER_QUEUE, { batchSize: opts.batchSize ?? 50, pollingIntervalSeconds: 0.5, includeMetadata: true }, (jobs) => deliverBatch(boss, jobs));

  let running: Promise<void> | null = null;
  let again = false;
  /** Drains the outbox; a wake-up during a drain runs one more. */
  const drain = () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      try {
        for (;;) {
          again = false;
          const { events, messages } = await dispatchOutbox(boss);
          if (messages > 0) boss.notifyWorker(workerId);
          if (events === 0 && !again) break;
        }
      } catch (err) {
        logger.error({ err }, 'outbox dispatch failed');
      } finally {
        running = null;
      }
    })();
  };

  const timer = setInterval(drain, opts.pollMs ?? 250);
  drain();

  return {
    boss,
    wake: drain,
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await running;
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
    },
  };
}
