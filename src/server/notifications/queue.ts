// The durable job queue: pg-boss on the same PostgreSQL (no other server). One queue delivers
// messages, with retries and exponential backoff; jobs are written in the same transaction as the
// messages they deliver (pg-boss accepts the transaction as its executor).
import PgBoss from 'pg-boss';
import type { Prisma } from '@/generated/prisma/client';
import { logger } from '@/server/logger';

export const DELIVER_QUEUE = 'deliver-message';
/** Attempts after the first; backoff doubles from RETRY_DELAY seconds (2, 4, 8, 16, 32 …). */
export const RETRY_LIMIT = 6;
const RETRY_DELAY = 2;

export type DeliverJob = { messageId: string };

export async function openQueue(connectionString: string, opts: { max?: number; quiet?: () => boolean } = {}): Promise<PgBoss> {
  const boss = new PgBoss({ connectionString, schema: 'pgboss', max: opts.max ?? 4, application_name: 'antena-worker', schedule: false });
  // While stopping, connections closing under it are expected, not errors.
  boss.on('error', (err) => {
    if (!opts.quiet?.()) logger.error({ err }, 'job queue error');
  });
  await boss.start();
  if (!(await boss.getQueue(DELIVER_QUEUE))) {
    await boss.createQueue(DELIVER_QUEUE, { name: DELIVER_QUEUE, retryLimit: RETRY_LIMIT, retryDelay: RETRY_DELAY, retryBackoff: true, expireInSeconds: 120 }).catch(async (err) => {
      // Two workers starting together: the other one created it.
      if (!(await boss.getQueue(DELIVER_QUEUE))) throw err;
    });
  }
  return boss;
}

/** pg-boss's executor over a Prisma interactive transaction: its jobs commit or roll back with our rows. */
export function inTransaction(tx: Prisma.TransactionClient): PgBoss.Db {
  return { executeSql: async (text, values) => ({ rows: await tx.$queryRawUnsafe<unknown[]>(text, ...values) }) };
}
