// Who a message reaches, channel by channel. A push goes to each of a person's devices (one message
// per device, so a retry never repeats a device that already has it); a person with no device still
// gets a message, kept as not sent with the reason — the log never hides that someone was not told.
import type { Prisma } from '@/generated/prisma/client';

export type Draft = Prisma.MessageCreateManyInput;
/** Any client that reads devices: the root one, a transaction, or a tenant-scoped one. */
type Db = {
  pushSubscription: {
    findMany(args: { where: Prisma.PushSubscriptionWhereInput; orderBy: { createdAt: 'asc' }; select: { id: true; label: true } }): PromiseLike<{ id: string; label: string }[]>;
  };
};

export const NO_DEVICE = 'not sent: no device subscribed to push';
export const NO_ADDRESS = 'not sent: no address';
export const NO_PROVIDER = 'not sent: no provider configured';

type Person = { userId: string; name: string } | { customerId: string; name: string };
type PushDraft = Omit<Draft, 'channel' | 'recipient' | 'subscriptionId' | 'userId' | 'customerId'>;
export type Device = { id: string; label: string };

/** One push draft per device of a staff member or a customer; `name` labels the recipient in the log. */
export async function pushDrafts(db: Db, person: Person, draft: PushDraft): Promise<Draft[]> {
  const owner = 'userId' in person ? { userId: person.userId } : { customerId: person.customerId };
  const devices = await db.pushSubscription.findMany({ where: { tenantId: draft.tenantId, ...owner }, orderBy: { createdAt: 'asc' }, select: { id: true, label: true } });
  return pushDraftsTo(devices, person, draft);
}

/** The same, for devices already read (oldest first). */
export function pushDraftsTo(devices: Device[], person: Person, draft: PushDraft): Draft[] {
  const owner = 'userId' in person ? { userId: person.userId } : { customerId: person.customerId };
  if (devices.length === 0) return [{ ...draft, ...owner, channel: 'PUSH', recipient: person.name, status: 'NOT_SENT', error: NO_DEVICE }];
  const seen = new Map<string, number>();
  return devices.map((device) => {
    // Two devices with the same label stay two recipients in the log: "Chrome · Android (2)".
    const n = (seen.get(device.label) ?? 0) + 1;
    seen.set(device.label, n);
    const label = n === 1 ? device.label : `${device.label} (${n})`;
    return { ...draft, ...owner, channel: 'PUSH' as const, recipient: `${person.name} — ${label}`, subscriptionId: device.id };
  });
}

/** Any transaction that writes messages and outbox events: the root client's or a tenant-scoped one's. */
type Writer = {
  message: {
    createManyAndReturn(args: { data: Draft[]; select: { id: true; status: true; error: true } }): PromiseLike<{ id: string; status: Draft['status'] & string; error: string | null }[]>;
  };
  outboxEvent: { create(args: { data: { tenantId: string; type: string; payload: { messageIds: string[] } } }): PromiseLike<unknown> };
};

/** The outbox event that hands messages the app wrote itself (a resend, a manual or test message) to the worker. */
export const QUEUE_WRITTEN = 'message.resend';

/**
 * Writes messages and, in the same transaction, one outbox event naming those the worker should
 * deliver; a message born not sent (no device, no address) is only logged. Returns the rows written.
 */
export async function writeMessages(tx: Writer, tenantId: string, drafts: Draft[]) {
  const rows = await tx.message.createManyAndReturn({ data: drafts, select: { id: true, status: true, error: true } });
  const queued = rows.filter((m) => m.status === 'PENDING').map((m) => m.id);
  if (queued.length) await tx.outboxEvent.create({ data: { tenantId, type: QUEUE_WRITTEN, payload: { messageIds: queued } } });
  return rows;
}
