// D3–D5: the message logs — e-mail, SMS and push, each a list newest first with filters (date range in
// the tenant's days, status, type, search), one message as it was sent, and resending one or a
// selection. A resend is a new manual message with the same content (the original keeps its history
// and its provider key), written with its outbox event in one transaction; the worker delivers it.
import { z } from 'zod';
import { Prisma } from '@/generated/prisma/client';
import { normalizeText } from '@/lib/text';
import { MESSAGE_CHANNELS, MESSAGE_KINDS, MESSAGE_STATUSES, ZMessageFilters } from '@/lib/message-filters';
import { ZDeliveryReasonParams, type DeliveryReasonParams } from '@/lib/delivery-reasons';
import { notFound } from '@/server/errors';
import { NO_ADDRESS, notSent, pushDrafts, writeMessages, type Draft } from '@/server/notifications/recipients';
import type { StaffCaller } from '@/server/services/caller';

export { MESSAGE_CHANNELS, MESSAGE_KINDS, MESSAGE_STATUSES } from '@/lib/message-filters';

/** At most this many messages are resent at once (a page is 25; a selection may span pages). */
export const RESEND_LIMIT = 100;

export const ZMessageList = ZMessageFilters.extend({
  /** One channel's log; without it, a customer's messages of every channel. */
  channel: z.enum(MESSAGE_CHANNELS).optional(),
  query: z.string().trim().max(100).optional(),
  customerId: z.uuid().optional(),
  page: z.number().int().min(1).max(10_000).default(1),
  pageSize: z.number().int().min(1).max(100).default(25),
})
  .strict()
  .refine((i) => i.channel || i.customerId, { path: ['channel'], message: 'validation.required' })
  .refine((i) => !i.from || !i.to || i.from <= i.to, { path: ['to'], message: 'validation.dateRange' });

export const ZResend = z
  .object({ ids: z.array(z.uuid()).min(1).max(RESEND_LIMIT, { message: 'validation.resendLimit' }) })
  .strict();

const ZPerson = z.object({ id: z.uuid(), name: z.string() });

/** A row of a log: what leaves the server, and only that. The reason is a code and its parameters (translated on display). */
export const ZMessageRow = z.object({
  id: z.uuid(),
  channel: z.enum(MESSAGE_CHANNELS),
  kind: z.enum(MESSAGE_KINDS),
  status: z.enum(MESSAGE_STATUSES),
  reason: z.string(),
  recipient: z.string(),
  subject: z.string().nullable(),
  /** An SMS's or a push's text, shortened; null for e-mail (its body is in the message's view). */
  text: z.string().nullable(),
  errorCode: z.string().nullable(),
  errorParams: ZDeliveryReasonParams.nullable(),
  attempts: z.number().int(),
  createdAt: z.date(),
  sentAt: z.date().nullable(),
  ticket: z.object({ id: z.uuid(), number: z.number().int() }).nullable(),
  customer: ZPerson.nullable(),
  user: ZPerson.nullable(),
  sentBy: ZPerson.nullable(),
});
export const ZMessagePage = z.object({ items: z.array(ZMessageRow), hasMore: z.boolean(), page: z.number().int() });
/** One message as it was sent. */
export const ZMessage = ZMessageRow.extend({ text: z.string(), html: z.string().nullable(), link: z.string().nullable(), locale: z.string(), providerId: z.string().nullable() });
export const ZResendResult = z.object({ resent: z.number().int(), queued: z.number().int(), notSent: z.number().int(), ids: z.array(z.uuid()) });

const LIST_SELECT = {
  id: true,
  channel: true,
  kind: true,
  status: true,
  reason: true,
  recipient: true,
  subject: true,
  text: true,
  errorCode: true,
  errorParams: true,
  attempts: true,
  createdAt: true,
  sentAt: true,
  ticket: { select: { id: true, number: true } },
  customer: { select: { id: true, name: true } },
  user: { select: { id: true, name: true } },
  sentBy: { select: { id: true, name: true } },
} as const satisfies Prisma.MessageSelect;

/** A reason's stored parameters, as the screens read them (anything else stored there is left out). */
function reasonParams(json: Prisma.JsonValue): DeliveryReasonParams | null {
  const parsed = ZDeliveryReasonParams.safeParse(json);
  return parsed.success ? parsed.data : null;
}

/** The list shows an SMS's or a push's text; an e-mail's body is only in the message's view. */
const PREVIEW = 200;

/** The words of a search, lower-cased without accents (as the index holds them), LIKE's wildcards escaped. */
function searchWords(query: string): string[] {
  return normalizeText(query)
    .split(' ')
    .filter(Boolean)
    .slice(0, 8)
    .map((w) => w.replace(/[\\%_]/g, (c) => `\\${c}`));
}

/** The customers a word finds by name, code, tax id or e-mail (trigram index on tenantId, searchText). */
async function customersMatching({ db, sql }: StaffCaller, word: string): Promise<string[]> {
  const rows = await sql.query<{ id: string }[]>(db, (s) => Prisma.sql`
    SELECT id FROM "Customer" WHERE "tenantId" = ${s.tenant} AND "searchText" LIKE ${`%${word}%`} LIMIT 1000`);
  return rows.map((r) => r.id);
}

/** The log's filters as conditions on a message row `m` (the list and its export, C15). */
export async function messageConditions(caller: StaffCaller, input: Omit<z.output<typeof ZMessageList>, 'page' | 'pageSize'>): Promise<Prisma.Sql[]> {
  const timeZone = caller.tenant.timeZone;
  const conditions: Prisma.Sql[] = [];
  if (input.channel) conditions.push(Prisma.sql`m.channel = ${input.channel}::"MessageChannel"`);
  if (input.customerId) conditions.push(Prisma.sql`m."customerId" = ${input.customerId}::uuid`);
  if (input.status) conditions.push(Prisma.sql`m.status = ${input.status}::"MessageStatus"`);
  if (input.kind) conditions.push(Prisma.sql`m.kind = ${input.kind}::"MessageKind"`);
  // The tenant's days: from its midnight starting `from` to its midnight ending `to`.
  if (input.from) conditions.push(Prisma.sql`m."createdAt" >= ((${input.from}::date)::timestamp AT TIME ZONE ${timeZone}) AT TIME ZONE 'UTC'`);
  if (input.to) conditions.push(Prisma.sql`m."createdAt" < ((${input.to}::date + 1)::timestamp AT TIME ZONE ${timeZone}) AT TIME ZONE 'UTC'`);
  // Each word is in the message (recipient, subject, an SMS's or push's text — the trigram index on
  // message_search_text) or in its customer (the customers' trigram index, then the customer index).
  for (const word of input.query ? searchWords(input.query) : []) {
    const customers = await customersMatching(caller, word);
    const inMessage = Prisma.sql`message_search_text(m.channel, m.recipient, m.subject, m.text) LIKE ${`%${word}%`}`;
    conditions.push(
      customers.length
        ? Prisma.sql`(${inMessage} OR m."customerId" IN (${Prisma.join(customers.map((id) => Prisma.sql`${id}::uuid`))}))`
        : inMessage,
    );
  }
  return conditions;
}

export async function listMessages(caller: StaffCaller, input: z.output<typeof ZMessageList>) {
  const { db, sql } = caller;
  const conditions = await messageConditions(caller, input);
  const found = await sql.query<{ id: string }[]>(db, (s) => Prisma.sql`
    SELECT m.id FROM "Message" m WHERE ${Prisma.join([Prisma.sql`m."tenantId" = ${s.tenant}`, ...conditions], ' AND ')}
    ORDER BY m."createdAt" DESC, m.id DESC
    OFFSET ${(input.page - 1) * input.pageSize} LIMIT ${input.pageSize + 1}`);
  const ids = found.slice(0, input.pageSize).map((r) => r.id);
  const rows = ids.length ? await db.message.findMany({ where: { id: { in: ids } }, select: LIST_SELECT }) : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  const items = ids
    .map((id) => byId.get(id))
    .filter((r) => r !== undefined)
    .map(({ text, ...r }) => ({ ...r, errorParams: reasonParams(r.errorParams), text: r.channel === 'EMAIL' ? null : text.length > PREVIEW ? `${text.slice(0, PREVIEW - 1)}…` : text }));
  return { items, hasMore: found.length > input.pageSize, page: input.page };
}

/** One message as it was sent: subject, text and HTML. */
export async function getMessage({ db }: StaffCaller, id: string) {
  const message = await db.message.findUnique({ where: { id }, select: { ...LIST_SELECT, text: true, html: true, link: true, locale: true, providerId: true } });
  if (!message) throw notFound();
  return { ...message, errorParams: reasonParams(message.errorParams) };
}

/**
 * Sends one or a selection again, as new manual messages with the same content. A push goes to the
 * person's devices as they are now (a device added since gets it; a person who still has none gets a
 * copy kept as not sent, with the reason); the same push selected for several devices is sent once
 * to each. An e-mail logged without an address goes to the person's address as it is now. Only copies
 * that can be delivered are queued.
 */
export async function resendMessages({ db, tenantId, actor }: StaffCaller, input: z.output<typeof ZResend>) {
  const originals = await db.message.findMany({
    where: { id: { in: input.ids } },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    select: {
      channel: true,
      reason: true,
      recipient: true,
      userId: true,
      customerId: true,
      ticketId: true,
      locale: true,
      subject: true,
      text: true,
      html: true,
      link: true,
      subscriptionId: true,
      user: { select: { name: true, email: true } },
      customer: { select: { name: true, emails: true } },
    },
  });
  if (originals.length !== new Set(input.ids).size) throw notFound();
  return db.$transaction(async (tx) => {
    const drafts: Draft[] = [];
    const pushes = new Set<string>();
    for (const { user, customer, channel, recipient, subscriptionId, ...m } of originals) {
      const copy = { ...m, tenantId, kind: 'MANUAL' as const };
      if (channel === 'PUSH' && (m.userId || m.customerId)) {
        const once = JSON.stringify([m.userId, m.customerId, m.reason, m.ticketId, m.subject, m.text, m.link]);
        if (pushes.has(once)) continue;
        pushes.add(once);
        const person = m.userId ? { userId: m.userId, name: user?.name ?? recipient } : { customerId: m.customerId!, name: customer?.name ?? recipient };
        const { userId: _u, customerId, ...content } = copy;
        // A staff member's push about a customer's ticket keeps naming the customer.
        drafts.push(...(await pushDrafts(tx, person, content)).map((d) => ({ ...d, customerId })));
      } else if (channel === 'EMAIL' && !recipient.includes('@')) {
        const address = m.userId ? user?.email : customer?.emails[0];
        drafts.push(address ? { ...copy, channel, recipient: address } : { ...copy, channel, recipient, ...notSent(NO_ADDRESS) });
      } else {
        drafts.push({ ...copy, channel, recipient, subscriptionId });
      }
    }
    // A copy born not sent is only logged; the worker delivers the others.
    const copies = await writeMessages(tx, tenantId, drafts, actor.id);
    const queued = copies.filter((c) => c.status === 'PENDING').length;
    return { resent: originals.length, queued, notSent: copies.length - queued, ids: copies.map((c) => c.id) };
  });
}
