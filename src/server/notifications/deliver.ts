// Delivery: a job names a message; the message is sent once through its channel's provider and the
// outcome recorded on it. A message already sent (a job run twice after a crash) is not sent again;
// one the provider refused is failed with the provider's reason; one that failed for a passing cause
// is retried by the queue with backoff, and failed for good after the last attempt. One that nothing
// could carry (no provider, no device) is kept as not sent, with the reason, to be resent later.
//
// A batch of jobs costs two statements whatever its size: one loads its messages, one records every
// outcome (plus one to hand the passing failures back to the queue). The sends run concurrently.
import type PgBoss from 'pg-boss';
import { Prisma } from '@/generated/prisma/client';
import { env } from '@/env';
import { deliveryReason, describeReason, type DeliveryReason } from '@/lib/delivery-reasons';
import { db } from '@/server/db';
import { installationSql } from '@/server/data/sql';
import { logger } from '@/server/logger';
import { PROVIDERS, type Outgoing, type SendResult } from './providers';
import { DELIVER_QUEUE, RETRY_LIMIT, type DeliverJob } from './queue';

/** Every field a provider may read (the `Outgoing` type), and the channel and status. */
const SELECT = {
  id: true,
  tenantId: true,
  channel: true,
  status: true,
  recipient: true,
  subject: true,
  text: true,
  html: true,
  link: true,
  subscriptionId: true,
  reason: true,
  tenant: { select: { name: true } },
} satisfies Prisma.MessageSelect & Record<keyof Outgoing, unknown>;

type Outcome = { id: string; status: 'SENT' | 'PENDING' | 'FAILED' | 'NOT_SENT'; providerId: string | null; reason: DeliveryReason | null; attempted: boolean };

/**
 * One provider call. Providers bound their own calls (e-mail: WORKER_SEND_TIMEOUT_SECONDS); this
 * is the backstop for one that does not, a second later, so the provider's own reason wins.
 */
async function send(message: Outgoing & { channel: keyof typeof PROVIDERS }): Promise<SendResult> {
  const seconds = env().WORKER_SEND_TIMEOUT_SECONDS;
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<SendResult>((resolve) => {
    const provider = message.channel.toLowerCase() as 'email' | 'push' | 'sms';
    timer = setTimeout(() => resolve({ ok: false, retry: true, reason: deliveryReason('timedOut', { provider, seconds }) }), seconds * 1000 + 1000);
  });
  try {
    return await Promise.race([PROVIDERS[message.channel](message), deadline]);
  } catch (err) {
    const provider = message.channel.toLowerCase() as 'email' | 'push' | 'sms';
    return { ok: false, retry: true, reason: deliveryReason('unreachable', { provider, detail: err instanceof Error ? err.message : String(err) }) };
  } finally {
    clearTimeout(timer);
  }
}

function outcome(id: string, result: SendResult, lastAttempt: boolean): Outcome {
  if (result.ok) return { id, status: 'SENT', providerId: result.providerId, reason: null, attempted: true };
  if ('notSent' in result) return { id, status: 'NOT_SENT', providerId: null, reason: result.reason, attempted: false };
  return { id, status: !result.retry || lastAttempt ? 'FAILED' : 'PENDING', providerId: null, reason: result.reason, attempted: true };
}

/** Records every outcome of a batch in one statement; a message someone already recorded as sent stays so. */
async function record(outcomes: Outcome[]) {
  if (outcomes.length === 0) return;
  const col = <K extends keyof Outcome>(k: K) => outcomes.map((o) => o[k]);
  const codes = outcomes.map((o) => o.reason?.code ?? null);
  const params = outcomes.map((o) => (o.reason?.params ? JSON.stringify(o.reason.params) : null));
  await installationSql.execute(db(), Prisma.sql`
    UPDATE "Message" AS m SET
      status = v.status::"MessageStatus",
      "providerId" = COALESCE(v."providerId", m."providerId"),
      "sentAt" = CASE WHEN v.status = 'SENT' THEN now() ELSE m."sentAt" END,
      "errorCode" = v."errorCode",
      "errorParams" = v."errorParams"::jsonb,
      attempts = m.attempts + CASE WHEN v.attempted THEN 1 ELSE 0 END,
      "updatedAt" = now()
    FROM unnest(${col('id')}::uuid[], ${col('status')}::text[], ${col('providerId')}::text[], ${codes}::text[], ${params}::text[], ${col('attempted')}::boolean[])
      AS v(id, status, "providerId", "errorCode", "errorParams", attempted)
    WHERE m.id = v.id AND m.status <> 'SENT'`);
}

/** The queue's handler for a batch: each job succeeds, is retried or fails on its own. */
export async function deliverBatch(boss: PgBoss, jobs: PgBoss.JobWithMetadata<DeliverJob>[]) {
  const messages = await db().message.findMany({ where: { id: { in: [...new Set(jobs.map((j) => j.data.messageId))] } }, select: SELECT });
  const byId = new Map(messages.map((m) => [m.id, m]));
  const retry: string[] = [];
  const outcomes = (
    await Promise.all(
      jobs.map(async (job): Promise<Outcome | null> => {
        const message = byId.get(job.data.messageId);
        // Gone, or sent by an earlier run of this job (a crash after the send was recorded).
        if (!message || message.status === 'SENT') return null;
        byId.delete(message.id); // the same message in two jobs of one batch: sent once
        const result = outcome(message.id, await send(message), job.retryCount >= RETRY_LIMIT);
        if (result.status === 'PENDING') retry.push(job.id);
        if (result.status === 'PENDING' || result.status === 'FAILED') {
          logger.warn({ messageId: message.id, channel: message.channel, attempt: job.retryCount + 1, error: result.reason && describeReason(result.reason) }, result.status === 'FAILED' ? 'message failed' : 'message not delivered, will retry');
        }
        return result;
      }),
    )
  ).filter((o): o is Outcome => o !== null);
  await record(outcomes);
  if (retry.length) await boss.fail(DELIVER_QUEUE, retry);
}
