// D6: e-mail through Resend (RESEND_API_KEY; RESEND_BASE_URL is honoured by the SDK). Each message
// is sent with its id as Resend's idempotency key, so a retry after a crash between sending and
// recording is not a second e-mail. A call that has not answered after WORKER_SEND_TIMEOUT_SECONDS
// is abandoned and retried (under the same key), so a hung provider cannot outlive the job.
import { Resend } from 'resend';
import { env } from '@/env';
import { deliveryReason } from '@/lib/delivery-reasons';
import type { SendResult } from './providers';

let client: { key: string; resend: Resend } | null = null;

export function emailConfigured(): boolean {
  return Boolean(env().RESEND_API_KEY);
}

export async function sendEmail(message: { id: string; recipient: string; subject: string | null; text: string; html: string | null }, from: string): Promise<SendResult> {
  const { RESEND_API_KEY: key, WORKER_SEND_TIMEOUT_SECONDS: timeoutSeconds } = env();
  if (client?.key !== key) client = { key: key!, resend: new Resend(key) };
  const resend = client!.resend;
  const signal = AbortSignal.timeout(timeoutSeconds * 1000);
  const timedOut = (): SendResult => ({ ok: false, retry: true, reason: deliveryReason('timedOut', { provider: 'resend', seconds: timeoutSeconds }) });
  let answer: Awaited<ReturnType<Resend['emails']['send']>>;
  try {
    answer = await resend.emails.send(
      { from, to: [message.recipient], subject: message.subject ?? '', text: message.text, ...(message.html ? { html: message.html } : {}) },
      { idempotencyKey: message.id, signal },
    );
  } catch (err) {
    if (signal.aborted) return timedOut();
    throw err;
  }
  const { data, error } = answer;
  if (data && typeof data.id === 'string' && data.id) return { ok: true, providerId: data.id };
  // The SDK turns an abort, a refused connection and a 2xx answer that is not JSON alike into an
  // error without a status: our own deadline tells the first apart.
  if (signal.aborted) return timedOut();
  const status = (error as { statusCode?: number | null } | null)?.statusCode ?? null;
  if (error && status === null) {
    return { ok: false, retry: true, reason: deliveryReason('noAnswer', { provider: 'resend', detail: error.message }) };
  }
  if (!error) return { ok: false, retry: true, reason: deliveryReason('noMessageId', { provider: 'resend', detail: JSON.stringify(data)?.slice(0, 200) ?? '—' }) };
  // Resend's own words: "validation_error: Invalid `to` field."
  const reason = deliveryReason('providerError', { provider: 'resend', status: status!, detail: `${error.name}: ${error.message}` });
  // Rate limits and server errors pass; a refused message (4xx) will not.
  return { ok: false, retry: status === 429 || status! >= 500, reason };
}
