// The notification worker: wakes on every new outbox event (LISTEN), and every second anyway,
// turns events into messages, and delivers messages from the queue in batches. It runs inside
// `npm start` by default, or on its own (`npm run worker`) when scaled out; any number may run.
import pg from 'pg';
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

  const listener = new pg.Client({ connectionString, application_name: 'antena-worker-listen' });
  listener.on('notification', drain);
  listener.on('error', (err) => {
    if (!stopped) logger.error({ err }, 'outbox listener error');
  });
  await listener.connect();
  await listener.query('LISTEN antena_outbox');
  const timer = setInterval(drain, opts.pollMs ?? 1000);
  drain();

  return {
    boss,
    wake: drain,
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await running;
      await listener.end().catch(() => undefined);
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
    },
  };
}
