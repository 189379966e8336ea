// D6/F13: the devices that receive Web Push — a staff member's or a customer's browser or phone. A
// device subscribes with the push service's endpoint and its keys (RFC 8291); the endpoint must be on
// an allowed push service. Subscribing again from the same device replaces its row within the tenant
// (a shared phone whose next user signs in); each tenant's subdomain is its own site, so a browser has
// a different endpoint for each tenant and nothing crosses tenants.
import { z } from 'zod';
import { fieldError } from '@/server/errors';
import { allowedEndpoint } from '@/server/notifications/push';
import { pushDrafts, writeMessages } from '@/server/notifications/recipients';
import { vapidKeys } from '@/server/notifications/vapid';
import { translator } from '@/i18n/catalog';
import type { Caller } from '@/server/services/caller';

const base64url = (bytes: number) =>
  z
    .string()
    .regex(/^[A-Za-z0-9_-]+={0,2}$/, 'validation.pushKeys')
    .refine((value) => Buffer.from(value, 'base64url').length === bytes, 'validation.pushKeys');

export const ZPushSubscribe = z
  .object({
    endpoint: z.string().max(2048).refine(allowedEndpoint, 'validation.pushEndpoint'),
    /** The browser's PushSubscription.toJSON().keys: an uncompressed P-256 point and a 16-byte secret. */
    keys: z.object({ p256dh: base64url(65), auth: base64url(16) }).strict(),
    label: z.string().trim().max(80).optional(),
  })
  .strict();

export const ZPushEndpoint = z.object({ endpoint: z.string().max(2048) }).strict();

type Owner = { userId: string } | { customerId: string };
const ownerOf = (caller: Caller): Owner => (caller.actor.kind === 'staff' ? { userId: caller.actor.id } : { customerId: caller.actor.id });

/** The installation's public VAPID key, for the browser's pushManager.subscribe. */
export const ZPublicKey = z.object({ publicKey: z.string() });
/** A device that receives push, as its owner recognizes it. */
export const ZPushDevice = z.object({ id: z.uuid(), label: z.string(), createdAt: z.date(), lastUsedAt: z.date().nullable() });
export const ZPushSubscribed = z.object({ id: z.uuid(), label: z.string(), createdAt: z.date() });
export const ZPushRemoved = z.object({ removed: z.number().int() });
export const ZPushTested = z.object({ devices: z.number().int() });

export async function publicKey() {
  return { publicKey: (await vapidKeys()).publicKey };
}

export async function subscribe(caller: Caller, input: z.output<typeof ZPushSubscribe>) {
  if (Buffer.from(input.keys.p256dh, 'base64url')[0] !== 4) throw fieldError('keys.p256dh', 'validation.pushKeys');
  const label = input.label || translator(caller.locale, 'push')('defaultDevice');
  return caller.db.$transaction(async (tx) => {
    await tx.pushSubscription.deleteMany({ where: { endpoint: input.endpoint } });
    return tx.pushSubscription.create({
      data: { tenantId: caller.tenantId, ...ownerOf(caller), endpoint: input.endpoint, p256dh: input.keys.p256dh, auth: input.keys.auth, label },
      select: { id: true, label: true, createdAt: true },
    });
  });
}

export async function unsubscribe(caller: Caller, input: z.output<typeof ZPushEndpoint>) {
  const { count } = await caller.db.pushSubscription.deleteMany({ where: { endpoint: input.endpoint, ...ownerOf(caller) } });
  return { removed: count };
}

/** The caller's own devices. */
export function devices(caller: Caller) {
  return caller.db.pushSubscription.findMany({ where: ownerOf(caller), orderBy: { createdAt: 'asc' }, select: { id: true, label: true, createdAt: true, lastUsedAt: true } });
}

/** A test push to each of the caller's own devices (through the log and the worker, like any other). */
export async function sendTest(caller: Caller) {
  const t = translator(caller.locale, 'push');
  const person = caller.actor.kind === 'staff' ? { userId: caller.actor.id, name: caller.actor.name } : { customerId: caller.actor.id, name: caller.actor.name };
  return caller.db.$transaction(async (tx) => {
    const drafts = await pushDrafts(tx, person, {
      tenantId: caller.tenantId,
      kind: 'MANUAL',
      reason: 'push.test',
      locale: caller.locale,
      subject: t('testTitle', { tenant: caller.tenant.name }),
      text: t('testBody'),
    });
    // A test push is one's own: a staff member sent it; a customer's is nobody's on the office side.
    const written = await writeMessages(tx, caller.tenantId, drafts, caller.actor.kind === 'staff' ? caller.actor.id : null);
    return { devices: written.filter((m) => m.status === 'PENDING').length };
  });
}
