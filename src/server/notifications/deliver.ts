// Delivery: a job names a message; the message is sent once through its channel's provider and the
// outcome recorded on it. A message already sent (a job run twice after a crash) is not sent again;
// one the provider refused is failed with the provider's reason; one that failed for a passing cause
// is retried by the queue with backoff, and failed for good after the last attempt. One that nothing
// could carry (no provider, no device) is kept as not sent, with the reason, to be resent later.
import type PgBoss from 'pg-boss';
import { db } from '@/server/db';
import { logger } from '@/server/logger';
import { PROVIDERS, type SendResult } from './providers';
import { DELIVER_QUEUE, RETRY_LIMIT, type DeliverJob } from './queue';

/** Sends one message; returns whether the queue should try again. */
async function deliverOne(messageId: string, lastAttempt: boolean): Promise<'done' | 'retry'> {
  const message = await db().message.findUnique({
    where: { id: messageId },
    select: { id: true, tenantId: true, channel: true, status: true, recipient: true, subject: true, text: true, html: true, link: true, subscriptionId: true, tenant: { select: { name: true } } },
  });
  if (!message || message.status === 'SENT') return 'done';
  let result: SendResult;
  try {
    result = await PROVIDERS[message.channel](message);
  } catch (err) {
    result = { ok: false, retry: true, error: err instanceof Error ? err.message : String(err) };
  }
  if (result.ok) {
    await db().message.update({ where: { id: message.id }, data: { status: 'SENT', providerId: result.providerId, sentAt: new Date(), error: null, attempts: { increment: 1 } } });
    return 'done';
  }
  if ('notSent' in result) {
    await db().message.update({ where: { id: message.id }, data: { status: 'NOT_SENT', error: result.error } });
    return 'done';
  }
  const final = !result.retry || lastAttempt;
  await db().message.update({ where: { id: message.id }, data: { status: final ? 'FAILED' : 'PENDING', error: result.error, attempts: { increment: 1 } } });
  return final ? 'done' : 'retry';
}

/** The queue's handler for a batch: each job succeeds or fails on its own. */
export async function deliverBatch(boss: PgBoss, jobs: PgBoss.JobWithMetadata<DeliverJob>[]) {
  await Promise.all(
    jobs.map(async (job) => {
      try {
        const outcome = await deliverOne(job.data.messageId, job.retryCount >= RETRY_LIMIT);
        if (outcome === 'retry') await boss.fail(DELIVER_QUEUE, job.id, { reason: 'provider failed, retrying' });
      } catch (err) {
        logger.error({ err, messageId: job.data.messageId }, 'message delivery failed');
        await boss.fail(DELIVER_QUEUE, job.id, { reason: err instanceof Error ? err.message : String(err) });
      }
    }),
  );
}
