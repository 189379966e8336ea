// D6: Web Push. Each push message names one device (a PushSubscription); the payload is encrypted for
// that device (aes128gcm) and signed with the installation's VAPID keys by the web-push library. A
// device the push service no longer knows (404/410) is removed; rate limits and server errors are
// retried by the queue; any other refusal fails the message with the service's answer. Push services
// honour no idempotency key; the message's id goes as the Topic, so a repeat that reaches the service
// before the first was delivered replaces it instead of showing twice.
import { readFileSync } from 'node:fs';
import https from 'node:https';
import { rootCertificates } from 'node:tls';
import webpush, { WebPushError } from 'web-push';
import { env } from '@/env';
import { deliveryReason } from '@/lib/delivery-reasons';
import { db } from '@/server/db';
import type { Outgoing, SendResult } from './providers';
import { vapidKeys } from './vapid';

/** What the service worker receives (public/sw.js shows it). */
export type PushPayload = { title: string; body: string; url: string | null; tag: string };

const TTL_SECONDS = 24 * 60 * 60;
const TIMEOUT_MS = 10_000;

let agent: { file: string; agent: https.Agent } | null = null;
/** An agent trusting PUSH_CA_FILE besides the usual authorities (a private push relay). */
function pushAgent(): https.Agent | undefined {
  const file = env().PUSH_CA_FILE;
  if (!file) return undefined;
  if (agent?.file !== file) agent = { file, agent: new https.Agent({ ca: [...rootCertificates, readFileSync(file, 'utf8')], keepAlive: true }) };
  return agent.agent;
}

/** Whether an endpoint is on an allowed push service (PUSH_ENDPOINT_HOSTS): the worker posts only there. */
export function allowedEndpoint(endpoint: string): boolean {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return false;
  }
  if (url.protocol !== 'https:') return false;
  const host = url.hostname.toLowerCase();
  return env()
    .PUSH_ENDPOINT_HOSTS.split(',')
    .map((h) => h.trim().toLowerCase())
    .filter(Boolean)
    .some((allowed) => (allowed.startsWith('*.') ? host.endsWith(allowed.slice(1)) : host === allowed));
}

/** The Topic header: at most 32 URL-safe characters. */
const topicOf = (messageId: string) => messageId.replace(/-/g, '');

export async function sendPush(message: Outgoing): Promise<SendResult> {
  const device = message.subscriptionId
    ? await db().pushSubscription.findUnique({ where: { id: message.subscriptionId }, select: { id: true, tenantId: true, endpoint: true, p256dh: true, auth: true } })
    : null;
  if (!device || device.tenantId !== message.tenantId) return { ok: false, notSent: true, reason: deliveryReason('deviceGone') };
  if (!allowedEndpoint(device.endpoint)) return { ok: false, retry: false, reason: deliveryReason('endpointNotAllowed') };
  const keys = await vapidKeys();
  const payload: PushPayload = { title: message.subject ?? message.tenant.name, body: message.text, url: message.link, tag: message.id };
  try {
    const res = await webpush.sendNotification({ endpoint: device.endpoint, keys: { p256dh: device.p256dh, auth: device.auth } }, JSON.stringify(payload), {
      vapidDetails: keys,
      TTL: TTL_SECONDS,
      topic: topicOf(message.id),
      urgency: 'normal',
      timeout: TIMEOUT_MS,
      agent: pushAgent(),
    });
    await db().pushSubscription.update({ where: { id: device.id }, data: { lastUsedAt: new Date() } });
    return { ok: true, providerId: String(res.headers.location ?? res.headers['location'] ?? `${res.statusCode}`) };
  } catch (err) {
    if (err instanceof WebPushError) {
      if (err.statusCode === 404 || err.statusCode === 410) {
        await db().pushSubscription.deleteMany({ where: { id: device.id } });
        return { ok: false, retry: false, reason: deliveryReason('subscriptionExpired', { status: err.statusCode }) };
      }
      const detail = err.body?.slice(0, 200) || '—';
      return { ok: false, retry: err.statusCode === 429 || err.statusCode >= 500, reason: deliveryReason('providerError', { provider: 'push', status: err.statusCode, detail }) };
    }
    return { ok: false, retry: true, reason: deliveryReason('unreachable', { provider: 'push', detail: err instanceof Error ? err.message : String(err) }) };
  }
}
