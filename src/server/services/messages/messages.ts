// D3–D5: the message logs — e-mail, SMS and push, each a list newest first with filters (date range,
// status, type, search), one message as it was sent, and resending one or a selection. A resend is a
// new message with the same content (the original keeps its history and its provider key); it is
// handed to the worker through the outbox, in the same transaction.
import { z } from 'zod';
import type { Prisma } from '@/generated/prisma/client';
import { normalizeText } from '@/lib/text';
import { notFound } from '@/server/errors';
import type { StaffCaller } from '@/server/services/caller';

export const MESSAGE_CHANNELS = ['EMAIL', 'PUSH', 'SMS'] as const;
export const MESSAGE_STATUSES = ['PENDING', 'SENT', 'FAILED', 'NOT_SENT'] as const;
export const MESSAGE_KINDS = ['AUTOMATIC', 'MANUAL'] as const;

export const ZMessageList = z
  .object({
    channel: z.enum(MESSAGE_CHANNELS),
    status: z.enum(MESSAGE_STATUSES).optional(),
    kind: z.enum(MESSAGE_KINDS).optional(),
    from: z.coerce.date().optional(),
    to: z.coerce.date().optional(),
    query: z.string().trim().max(100).optional(),
    customerId: z.uuid().optional(),
    page: z.number().int().min(1).max(10_000).default(1),
    pageSize: z.number().int().min(1).max(100).default(25),
  })
  .strict();

export const ZResend = z.object({ ids: z.array(z.uuid()).min(1).max(100) }).strict();

const LIST_SELECT = {
  id: true,
  channel: true,
  kind: true,
  status: true,
  reason: true,
  recipient: true,
  subject: true,
  error: true,
  attempts: true,
  createdAt: true,
  sentAt: true,
  ticket: { select: { id: true, number: true } },
  customer: { select: { id: true, name: true } },
  user: { select: { id: true, name: true } },
} as const satisfies Prisma.MessageSelect;

export async function listMessages({ db }: StaffCaller, input: z.output<typeof ZMessageList>) {
  const text = input.query ? normalizeText(input.query) : '';
  const where: Prisma.MessageWhereInput = {
    channel: input.channel,
    ...(input.status ? { status: input.status } : {}),
    ...(input.kind ? { kind: input.kind } : {}),
    ...(input.customerId ? { customerId: input.customerId } : {}),
    ...(input.from || input.to ? { createdAt: { ...(input.from ? { gte: input.from } : {}), ...(input.to ? { lt: input.to } : {}) } } : {}),
    ...(text
      ? { OR: [{ recipient: { contains: input.query, mode: 'insensitive' } }, { subject: { contains: input.query, mode: 'insensitive' } }, { customer: { searchText: { contains: text } } }] }
      : {}),
  };
  const rows = await db.message.findMany({
    where,
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    skip: (input.page - 1) * input.pageSize,
    take: input.pageSize + 1,
    select: LIST_SELECT,
  });
  return { items: rows.slice(0, input.pageSize), hasMore: rows.length > input.pageSize, page: input.page };
}

/** One message as it was sent: subject, text and HTML. */
export async function getMessage({ db }: StaffCaller, id: string) {
  const message = await db.message.findUnique({ where: { id }, select: { ...LIST_SELECT, text: true, html: true, locale: true, providerId: true } });
  if (!message) throw notFound();
  return message;
}

/** Sends one or a selection again, as new manual messages with the same content. */
export async function resendMessages({ db, tenantId }: StaffCaller, input: z.output<typeof ZResend>) {
  const originals = await db.message.findMany({
    where: { id: { in: input.ids } },
    select: { channel: true, reason: true, recipient: true, userId: true, customerId: true, ticketId: true, locale: true, subject: true, text: true, html: true },
  });
  if (originals.length !== new Set(input.ids).size) throw notFound();
  return db.$transaction(async (tx) => {
    const copies = await tx.message.createManyAndReturn({ data: originals.map((m) => ({ ...m, tenantId, kind: 'MANUAL' as const })), select: { id: true } });
    await tx.outboxEvent.create({ data: { tenantId, type: 'message.resend', payload: { messageIds: copies.map((c) => c.id) } } });
    return { resent: copies.length, ids: copies.map((c) => c.id) };
  });
}
