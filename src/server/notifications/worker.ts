// The notification worker: looks for new outbox events every 250 ms (an empty look is one probe of a
// partial index), turns them into messages, and delivers messages from the queue in batches. It runs inside
// `npm start` by default, or on its own (`npm run worker`) when scaled out; any number may run.
//
// Delivery runs in two loops, so one fetches and sends the next batch while the other records its
// outcomes. Turning events into messages stays one transaction at a time per worker: the rules see
// earlier events of their batch (dispatch.ts), which concurrent claims would split.
import type PgBoss from 'pg-boss';
import { logger } from '@/server/logger';
import { deliverBatch } from './deliver';
import { dispatchOutbox } from './dispatch';
import { DELIVER_QUEUE, EXPORT_QUEUE, openQueue, type DeliverJob, type ExportJob } from './queue';
import { startSignUpCleanup } from '@/server/maintenance/sign-ups';
import { startPositionPurge } from '@/server/maintenance/positions';
import { startPromiseExpiry } from '@/server/maintenance/promises';
import { startExportPurge } from '@/server/maintenance/exports';
import { startWorkExpiry } from '@/server/maintenance/work-expiry';

export type Worker = { boss: PgBoss; stop: () => Promise<void> };

export type WorkerOptions = {
  /** How often the outbox is looked at (ms). */
  pollMs?: number;
  /** Jobs one delivery loop takes at a time (sent concurrently). */
  batchSize?: number;
  /** Delivery loops. */
  deliverers?: number;
  /** How often expired sign-ups are deleted (ms). */
  signUpCleanupMs?: number;
  /** How often technicians' positions older than 30 days are deleted (ms). */
  positionPurgeMs?: number;
  /** How often payment promises whose time is up are settled (ms). */
  promiseExpiryMs?: number;
  /** G3: how often assigned tickets whose visit has passed are expired (ms). */
  workExpiryMs?: number;
};

export async function startWorker(connectionString: string, opts: WorkerOptions = {}): Promise<Worker> {
  const { pollMs = 250, batchSize = 100, deliverers = 2 } = opts;
  let stopped = false;
  const boss = await openQueue(connectionString, { quiet: () => stopped });
  const workerIds: string[] = [];
  for (let i = 0; i < deliverers; i++) {
    let id = '';
    id = await boss.work<DeliverJob>(DELIVER_QUEUE, { batchSize, pollingIntervalSeconds: 0.5, includeMetadata: true }, async (jobs) => {
      await deliverBatch(boss, jobs);
      // A full batch means more are waiting: fetch again at once instead of after the polling interval.
      if (jobs.length === batchSize) boss.notifyWorker(id);
    });
    workerIds.push(id);
  }

  // C15: background exports, one at a time per worker (each streams up to 10⁶ rows to a file).
  await boss.work<ExportJob>(EXPORT_QUEUE, { batchSize: 1, pollingIntervalSeconds: 0.5 }, async ([job]) => {
    if (!job) return;
    const { runExport } = await import('@/server/services/exports/background');
    await runExport(job.data);
  });

  let running: Promise<void> | null = null;
  let again = false;
  /** Drains the outbox; a tick during a drain runs one more. */
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
          if (messages > 0) for (const id of workerIds) boss.notifyWorker(id);
          if (stopped || (events === 0 && !again)) break;
        }
      } catch (err) {
        logger.error({ err }, 'outbox dispatch failed');
      } finally {
        running = null;
      }
    })();
  };

  const timer = setInterval(drain, pollMs);
  drain();
  // A1: sign-ups never verified are deleted when their time runs out, freeing their subdomains.
  const stopSignUpCleanup = startSignUpCleanup({ everyMs: opts.signUpCleanupMs });
  // C16: technicians' positions are kept 30 days.
  const stopPositionPurge = startPositionPurge({ everyMs: opts.positionPurgeMs });
  // F3: payment promises whose time is up: kept, or the connection blocked again.
  const stopPromiseExpiry = startPromiseExpiry({ everyMs: opts.promiseExpiryMs });
  // C15: background exports are kept 7 days.
  const stopExportPurge = startExportPurge();
  // G3: assigned tickets whose agreed visit has ended become EXPIRED.
  const stopWorkExpiry = startWorkExpiry({ everyMs: opts.workExpiryMs });

  return {
    boss,
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await Promise.all([running, stopSignUpCleanup(), stopPositionPurge(), stopPromiseExpiry(), stopExportPurge(), stopWorkExpiry()]);
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
    },
  };
}
