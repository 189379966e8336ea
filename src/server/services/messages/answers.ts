// What the message logs' procedures answer (.output).
import { z } from 'zod';
import { MESSAGE_CHANNELS, MESSAGE_KINDS, MESSAGE_STATUSES } from '@/lib/message-filters';

const ZRef = z.object({ id: z.uuid(), name: z.string() });

const ZMessageFields = {
  id: z.uuid(),
  channel: z.enum(MESSAGE_CHANNELS),
  kind: z.enum(MESSAGE_KINDS),
  status: z.enum(MESSAGE_STATUSES),
  reason: z.string(),
  recipient: z.string(),
  subject: z.string().nullable(),
  error: z.string().nullable(),
  attempts: z.number().int(),
  createdAt: z.date(),
  sentAt: z.date().nullable(),
  ticket: z.object({ id: z.uuid(), number: z.number().int() }).nullable(),
  customer: ZRef.nullable(),
  user: ZRef.nullable(),
  sentBy: ZRef.nullable(),
};

/** A log's page: an SMS's or push's text in short; an e-mail's body only in the message's view. */
export const ZMessagePage = z.object({
  items: z.array(z.object({ ...ZMessageFields, text: z.string().nullable() })),
  hasMore: z.boolean(),
  page: z.number().int(),
});

/** One message as it was sent. */
export const ZMessageView = z.object({
  ...ZMessageFields,
  text: z.string(),
  html: z.string().nullable(),
  link: z.string().nullable(),
  locale: z.string(),
  providerId: z.string().nullable(),
});

export const ZResent = z.object({ resent: z.number().int(), queued: z.number().int(), notSent: z.number().int(), ids: z.array(z.uuid()) });
