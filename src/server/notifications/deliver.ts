// Delivery: a job names a message; the message is sent once through its channel's provider and the
// outcome recorded on it. A message already sent (a job run twice after a crash) is not sent again;
// one the provider refused is failed with the provider's reason; one that failed for a passing cause
// is retried by the queue with backoff, and failed for good after the last attempt. Without a provider
// the message is kept as not sent, with the reason, to be resent later.
import type PgBoss from 'pg-boss';
import { env } from '@/env';
import { db } from '@/server/db';
import { logger } from '@/server/logger';
import { emailConfigured, sendEmail, type SendResult } from './email';
import { DELIVER_QUEUE, RETRY_LIMIT, type DeliverJob } from './queue';

const NO_PROVIDER = 'not sent: no provider configured';

/** Sends one message; returns whether the queue should try again. */
async function deliverOne(messageId: string, lastAttempt: boolean): Promise<'done' | 'retry'> {
  const message = await db().message.findUnique({
    where: { id: messageId },
    select: { id: true, channel: true, status: true, recipient: true, subject: true, text: true, html: true, tenant: { select: { name: true } } },
  });
  if (!message || message.status === 'SENT') return 'done';
  let result: SendResult;
  if (message.channel !== 'EMAIL' || !emailConfigured()) {
    await db().message.update({ where: { id: message.id }, data: { status: 'NOT_SENT', error: NO_PROVIDER } });
    return 'done';
  }
  try {
    result = await sendEmail(message, `${message.tenant.name.replace(/["<>]/g, '')} <${env().EMAIL_FROM}>`);
  } catch (err) {
    result = { ok: false, retry: true, error: err instanceof Error ? err.message : String(err) };
  }
  if (result.ok) {
    await db().message.update({ where: { id: message.id }, data: { status: 'SENT', providerId: result.providerId, sentAt: new Date(), error: null, attempts: { increment: 1 } } });
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
