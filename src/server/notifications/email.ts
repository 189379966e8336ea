// D6: e-mail through Resend (RESEND_API_KEY; RESEND_BASE_URL is honoured by the SDK). Each message
// is sent with its id as Resend's idempotency key, so a retry after a crash between sending and
// recording is not a second e-mail.
import { Resend } from 'resend';
import { env } from '@/env';
import type { SendResult } from './providers';

let client: { key: string; resend: Resend } | null = null;

export function emailConfigured(): boolean {
  return Boolean(env().RESEND_API_KEY);
}

export async function sendEmail(message: { id: string; recipient: string; subject: string | null; text: string; html: string | null }, from: string): Promise<SendResult> {
  const key = env().RESEND_API_KEY!;
  if (client?.key !== key) client = { key, resend: new Resend(key) };
  const { data, error } = await client.resend.emails.send(
    { from, to: [message.recipient], subject: message.subject ?? '', text: message.text, ...(message.html ? { html: message.html } : {}) },
    { idempotencyKey: message.id },
  );
  if (data?.id) return { ok: true, providerId: data.id };
  const status = (error as { statusCode?: number | null } | null)?.statusCode ?? null;
  const reason = error ? `${error.name}${status ? ` (${status})` : ''}: ${error.message}` : 'no id in the answer';
  // Network failures, rate limits and server errors pass; a refused message (4xx) will not.
  return { ok: false, retry: status === null || status === 429 || status >= 500, error: reason };
}
