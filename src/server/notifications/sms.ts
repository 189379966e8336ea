// D6: SMS through Twilio Programmable Messaging, with Twilio's own Node library. The account is the
// installation's (TWILIO_ACCOUNT_SID / TWILIO_AUTH_TOKEN); each tenant switches SMS on and names its
// sender in its settings — a tenant may have none, and then its SMS are kept as not sent.
//
// The library has no base-URL option; its documented extension point is a custom `httpClient`
// (advanced-examples/custom-http-client.md), so ours is its own RequestClient that sends each request
// to TWILIO_BASE_URL instead of https://api.twilio.com — same path, auth, form body and parsing.
//
// Twilio honours no idempotency key. A crash after Twilio accepted a message and before it was
// recorded (or a timeout on an answer that was on its way) means the job runs again and the SMS is
// sent twice. The window is kept to the request itself: the moment Twilio answers, the message is
// recorded as sent here, on its own — not with the rest of the worker's batch (deliver.ts), which
// may still be waiting on other providers — so a job run again finds it sent and sends nothing. The
// library's own retries are off (the queue retries, and records each try); a call is abandoned after
// WORKER_SEND_TIMEOUT_SECONDS.
import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient';
import { Prisma } from '@/generated/prisma/client';
import { env } from '@/env';
import { deliveryReason } from '@/lib/delivery-reasons';
import { db } from '@/server/db';
import { readSettings } from '@/server/services/tenants/settings';
import type { Outgoing, SendResult } from './providers';
import { NO_PROVIDER } from './recipients';
import { smsConfigured, smsRecipient, smsSender } from './sms-setup';

class BaseUrlClient extends twilio.RequestClient {
  constructor(
    private readonly baseUrl: string,
    timeoutMs: number,
  ) {
    super({ timeout: timeoutMs, keepAlive: true, autoRetry: false });
  }
  override request<TData>(opts: RequestClient.RequestOptions<TData>) {
    const uri = new URL(opts.uri);
    return super.request<TData>({ ...opts, uri: `${this.baseUrl.replace(/\/+$/, '')}${uri.pathname}${uri.search}` });
  }
}

let client: { key: string; twilio: ReturnType<typeof twilio> } | null = null;

function twilioClient() {
  const e = env();
  const timeoutMs = e.WORKER_SEND_TIMEOUT_SECONDS * 1000;
  const key = `${e.TWILIO_ACCOUNT_SID}:${e.TWILIO_AUTH_TOKEN}@${e.TWILIO_BASE_URL}/${timeoutMs}`;
  if (client?.key !== key) client = { key, twilio: twilio(e.TWILIO_ACCOUNT_SID, e.TWILIO_AUTH_TOKEN, { httpClient: new BaseUrlClient(e.TWILIO_BASE_URL, timeoutMs) }) };
  return client.twilio;
}

/** A Messaging Service SID sends through the service's number pool instead of one sender. */
const isMessagingService = (from: string) => /^MG[0-9a-fA-F]{32}$/.test(from);

export async function sendSms(message: Outgoing): Promise<SendResult> {
  if (!smsConfigured()) return { ok: false, notSent: true, reason: NO_PROVIDER };
  const tenant = await db().tenant.findUnique({ where: { id: message.tenantId }, select: { country: true, settings: true } });
  const from = tenant ? smsSender(readSettings(tenant.settings)) : null;
  if (!tenant || !from) return { ok: false, notSent: true, reason: NO_PROVIDER };
  const recipient = smsRecipient(message.recipient, tenant.country);
  if ('error' in recipient) return { ok: false, notSent: true, reason: recipient.error };
  try {
    const sent = await twilioClient().messages.create({ to: recipient.to, body: message.text, ...(isMessagingService(from) ? { messagingServiceSid: from } : { from }) });
    await db().message.updateMany({ where: { id: message.id, status: { not: 'SENT' } }, data: { status: 'SENT', providerId: sent.sid, sentAt: new Date(), errorCode: null, errorParams: Prisma.DbNull, attempts: { increment: 1 } } });
    return { ok: true, providerId: sent.sid };
  } catch (err) {
    if (err instanceof twilio.RestException) {
      // Twilio's own words, after its error code: "21211: The 'To' number … is not a valid phone number."
      const detail = [err.code, err.message].filter(Boolean).join(': ') || '—';
      const reason = deliveryReason('providerError', { provider: 'twilio', status: err.status, detail });
      // A refused message (4xx) will not pass on a retry; rate limits and server errors may.
      return { ok: false, retry: err.status === 429 || err.status >= 500, reason };
    }
    // No answer, a timeout, or a success that is not Twilio's JSON: try again.
    const e = err as { code?: string; message?: string };
    if (e.code === 'ECONNABORTED' || e.code === 'ETIMEDOUT') return { ok: false, retry: true, reason: deliveryReason('timedOut', { provider: 'twilio', seconds: env().WORKER_SEND_TIMEOUT_SECONDS }) };
    return { ok: false, retry: true, reason: deliveryReason('unreachable', { provider: 'twilio', detail: `${e.code ? `${e.code} ` : ''}${e.message ?? String(err)}` }) };
  }
}
