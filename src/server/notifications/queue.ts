// The durable job queue: pg-boss on the same PostgreSQL (no other server). One queue delivers
// messages, with retries and exponential backoff; jobs are written in the same transaction as the
// messages they deliver (pg-boss accepts the transaction as its executor).
//
// A worker that dies (SIGKILL, a lost machine) leaves its jobs active; pg-boss hands them out again
// once they expire, which its maintenance notices. So the expiry is short (WORKER_JOB_EXPIRE_SECONDS,
// 60 s) but always at least twice a provider call's own limit (WORKER_SEND_TIMEOUT_SECONDS, 15 s):
// a job whose send is still in flight is never taken for abandoned and sent twice at once. The
// maintenance runs every WORKER_MAINTENANCE_SECONDS (30 s; pg-boss's default is 120 s), so a dead
// worker's messages go out again within about a minute and a half.
import PgBoss from 'pg-boss';
import type { Prisma } from '@/generated/prisma/client';
import { env } from '@/env';
import { logger } from '@/server/logger';
import { installationSql } from '@/server/data/sql';

export const DELIVER_QUEUE = 'deliver-message';
/** Attempts after the first; backoff doubles from RETRY_DELAY seconds (2, 4, 8, 16, 32 …). */
export const RETRY_LIMIT = 6;
const RETRY_DELAY = 2;

export type DeliverJob = { messageId: string };

/** C15: the outbox event that asks for a background export, and its job's queue (src/server/services/exports/background.ts). */
export const EXPORT_REQUESTED = 'export.requested';
export const EXPORT_QUEUE = 'export-file';
export type ExportJob = { exportId: string; tenantId: string };
/** An export of 10⁶ rows takes about a minute; its job is left alone this long before pg-boss takes it for abandoned. */
const EXPORT_EXPIRE_SECONDS = 3600;

/** The worker's timing, from the environment; checked so a send can never outlive its job. */
export function deliveryTiming() {
  const e = env();
  const timing = { sendTimeoutMs: e.WORKER_SEND_TIMEOUT_SECONDS * 1000, expireInSeconds: e.WORKER_JOB_EXPIRE_SECONDS, maintenanceIntervalSeconds: e.WORKER_MAINTENANCE_SECONDS };
  if (timing.expireInSeconds < 2 * e.WORKER_SEND_TIMEOUT_SECONDS) {
    throw new Error(`WORKER_JOB_EXPIRE_SECONDS (${timing.expireInSeconds}) must be at least twice WORKER_SEND_TIMEOUT_SECONDS (${e.WORKER_SEND_TIMEOUT_SECONDS})`);
  }
  return timing;
}

export async function openQueue(connectionString: string, opts: { max?: number; quiet?: () => boolean } = {}): Promise<PgBoss> {
  const { expireInSeconds, maintenanceIntervalSeconds } = deliveryTiming();
  const boss = new PgBoss({ connectionString, schema: 'pgboss', max: opts.max ?? 4, application_name: 'antena-worker', schedule: false, maintenanceIntervalSeconds });
  // While stopping, connections closing under it are expected, not errors.
  boss.on('error', (err) => {
    if (!opts.quiet?.()) logger.error({ err }, 'job queue error');
  });
  await boss.start();
  const settings = { name: DELIVER_QUEUE, retryLimit: RETRY_LIMIT, retryDelay: RETRY_DELAY, retryBackoff: true, expireInSeconds };
  const queue = await boss.getQueue(DELIVER_QUEUE);
  if (!queue) {
    await boss.createQueue(DELIVER_QUEUE, settings).catch(async (err) => {
      // Two workers starting together: the other one created it.
      if (!(await boss.getQueue(DELIVER_QUEUE))) throw err;
    });
  } else if (queue.expireInSeconds !== expireInSeconds) {
    // New jobs take the queue's expiry: the configured one wins over what an older start wrote.
    await boss.updateQueue(DELIVER_QUEUE, settings);
  }
  if (!(await boss.getQueue(EXPORT_QUEUE))) {
    // No retries: a failed export is marked FAILED and asked for again by its user.
    await boss.createQueue(EXPORT_QUEUE, { name: EXPORT_QUEUE, retryLimit: 0, expireInSeconds: EXPORT_EXPIRE_SECONDS }).catch(async (err) => {
      if (!(await boss.getQueue(EXPORT_QUEUE))) throw err;
    });
  }
  return boss;
}

/** pg-boss's executor over a Prisma interactive transaction: its jobs commit or roll back with our rows. */
export function inTransaction(tx: Prisma.TransactionClient): PgBoss.Db {
  return { executeSql: async (text, values) => ({ rows: await installationSql.unsafe<unknown[]>(tx, text, values) }) };
}
