// Outbox → messages. The worker claims unprocessed outbox events (SKIP LOCKED, so several workers
// share them), decides who is told what by the tenant's rules (D1, D2), renders each message, and in
// the same transaction writes the messages, their delivery jobs, and marks the events processed. A
// crash before the commit leaves the events to be claimed again; an event handled twice makes no
// second message (unique per event, channel and recipient).
import type PgBoss from 'pg-boss';
import type { Prisma } from '@/generated/prisma/client';
import { tenantOrigin } from '@/env';
import { isLocale, type Locale } from '@/lib/format';
import { db } from '@/server/db';
import { readSettings } from '@/server/services/tenants/settings';
import { DELIVER_QUEUE, inTransaction, type DeliverJob } from './queue';
import { ticketAssignedEmail } from './templates';

type OutboxRow = { id: string; tenantId: string; type: string; payload: Record<string, unknown> };
export type { Draft } from './recipients';
import type { Draft } from './recipients';

/** D1: a ticket assigned to a technician → an e-mail to the technician (unless they assigned it to themselves). */
async function assigned(tx: Prisma.TransactionClient, event: OutboxRow): Promise<Draft[]> {
  const { ticketId, assigneeId, actorId } = event.payload as { ticketId: string; assigneeId: string; actorId?: string };
  if (!assigneeId || assigneeId === actorId) return [];
  const [tenant, ticket, user] = await Promise.all([
    tx.tenant.findUnique({ where: { id: event.tenantId }, select: { name: true, slug: true, locale: true, settings: true } }),
    tx.ticket.findFirst({
      where: { tenantId: event.tenantId, id: ticketId },
      select: { id: true, number: true, title: true, description: true, customerId: true, customer: { select: { name: true } }, connection: { select: { address: true } } },
    }),
    tx.user.findFirst({ where: { tenantId: event.tenantId, id: assigneeId }, select: { id: true, name: true, email: true, locale: true, active: true } }),
  ]);
  if (!tenant || !ticket || !user || !user.active) return [];
  const settings = readSettings(tenant.settings);
  if (!settings.notifications.emailAssignee) return [];
  const locale: Locale = isLocale(user.locale ?? '') ? (user.locale as Locale) : isLocale(tenant.locale) ? tenant.locale : 'es';
  const rendered = ticketAssignedEmail(
    { tenantName: tenant.name, color: settings.branding.color, locale },
    {
      technician: user.name,
      number: ticket.number,
      title: ticket.title,
      description: ticket.description,
      customer: ticket.customer?.name ?? null,
      address: ticket.connection?.address ?? null,
      url: `${tenantOrigin(tenant.slug)}/tech/tickets/${ticket.id}`,
    },
  );
  return [{ tenantId: event.tenantId, channel: 'EMAIL', reason: event.type, eventId: event.id, recipient: user.email, userId: user.id, ticketId: ticket.id, customerId: ticket.customerId, locale, ...rendered }];
}

const RULES: Record<string, (tx: Prisma.TransactionClient, event: OutboxRow) => Promise<Draft[]>> = {
  'ticket.assigned': assigned,
};

/** Messages written by the app (a resend): only their delivery jobs are missing. */
function written(event: OutboxRow): string[] {
  return event.type === 'message.resend' ? ((event.payload.messageIds as string[] | undefined) ?? []) : [];
}

/** Claims up to `limit` events and turns them into messages with their delivery jobs; returns how many events it handled. */
export async function dispatchOutbox(boss: PgBoss, limit = 200): Promise<{ events: number; messages: number }> {
  return db().$transaction(async (tx) => {
    const events = await tx.$queryRaw<OutboxRow[]>`
      UPDATE "OutboxEvent" SET "processedAt" = now()
      WHERE id IN (SELECT id FROM "OutboxEvent" WHERE "processedAt" IS NULL ORDER BY "createdAt" LIMIT ${limit} FOR UPDATE SKIP LOCKED)
      RETURNING id, "tenantId", type, payload`;
    if (events.length === 0) return { events: 0, messages: 0 };
    const drafts = (await Promise.all(events.map((e) => RULES[e.type]?.(tx, e) ?? []))).flat();
    const created = drafts.length ? await tx.message.createManyAndReturn({ data: drafts, skipDuplicates: true, select: { id: true, status: true } }) : [];
    // A message born not sent (no device, no address) is logged, not queued.
    const ids = [...created.filter((m) => m.status === 'PENDING').map((m) => m.id), ...events.flatMap(written)];
    await enqueue(boss, tx, ids);
    return { events: events.length, messages: ids.length };
  });
}

/** Delivery jobs for messages, inside the caller's transaction. */
export async function enqueue(boss: PgBoss, tx: Prisma.TransactionClient, messageIds: string[]) {
  if (messageIds.length === 0) return;
  await boss.insert(
    messageIds.map((messageId) => ({ name: DELIVER_QUEUE, data: { messageId } satisfies DeliverJob })),
    { db: inTransaction(tx) },
  );
}
