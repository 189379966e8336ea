// D2: messages the office writes by hand — a push to one staff member (from their profile), a push or
// an SMS to one or many customers (from the customer list, or a customer's page). Each recipient gets
// a log entry: queued for the worker, or not sent with the reason (no phone, an invalid number, no
// device, SMS not set up) so the office sees who was not told. The messages and the outbox event
// that hands the queued ones to the worker are written in one transaction: all or nothing.
import { z } from 'zod';
import { tenantOrigin } from '@/env';
import { isLocale } from '@/lib/format';
import { OUTREACH_LIMITS } from '@/lib/outreach';
import { SMS_MAX_PARTS, smsLength } from '@/lib/sms-parts';
import { notFound } from '@/server/errors';
import { smsRecipient, smsSender } from '@/server/notifications/sms-setup';
import { NO_ADDRESS, NO_DEVICE, NO_PROVIDER, notSent, pushDrafts, pushDraftsTo, writeMessages, type Draft } from '@/server/notifications/recipients';
import type { StaffCaller } from '@/server/services/caller';

const ZTitle = z.string().trim().min(1).max(OUTREACH_LIMITS.title);
const ZPushText = z.string().trim().min(1).max(OUTREACH_LIMITS.pushText);
/** An SMS of up to SMS_MAX_PARTS parts as carriers count them (sms-parts.ts); 1,600 characters is Twilio's own cap. */
const ZSmsText = z
  .string()
  .trim()
  .min(1)
  .max(1600)
  .superRefine((text, ctx) => {
    if (smsLength(text).parts > SMS_MAX_PARTS) ctx.addIssue({ code: 'custom', message: 'validation.smsTooLong', params: { max: SMS_MAX_PARTS } });
  });
/** Where a push opens: an http(s) address; empty means the recipient's home in Antena. */
const ZLink = z
  .union([z.literal(''), z.url({ protocol: /^https?$/, message: 'validation.link' }).max(500)])
  .optional()
  .transform((v) => v || undefined);
const ZCustomerIds = z
  .array(z.uuid())
  .min(1)
  .max(OUTREACH_LIMITS.customers, { message: 'validation.tooManyRecipients' });

export const ZPushToUser = z.object({ userId: z.uuid(), title: ZTitle, text: ZPushText, link: ZLink }).strict();

export const ZToCustomers = z.discriminatedUnion('channel', [
  z.object({ channel: z.literal('SMS'), customerIds: ZCustomerIds, text: ZSmsText }).strict(),
  z.object({ channel: z.literal('PUSH'), customerIds: ZCustomerIds, title: ZTitle, text: ZPushText, link: ZLink }).strict(),
]);

/** What a send did: messages handed to the worker, and those kept as not sent, by reason. */
export const ZSendSummary = z.object({
  queued: z.number().int(),
  noPhone: z.number().int(),
  invalidPhone: z.number().int(),
  noDevice: z.number().int(),
  noProvider: z.number().int(),
});
export type SendSummary = z.infer<typeof ZSendSummary>;

const MANUAL = { kind: 'MANUAL', reason: 'manual' } as const;

/** D2: a push to one staff member, on each of their devices. */
export async function pushToUser(caller: StaffCaller, input: z.output<typeof ZPushToUser>): Promise<SendSummary> {
  const { db, tenant } = caller;
  const user = await db.user.findUnique({ where: { id: input.userId }, select: { id: true, name: true, role: true, locale: true } });
  if (!user) throw notFound();
  const link = input.link ?? `${tenantOrigin(tenant.slug)}${user.role === 'TECHNICIAN' ? '/tech' : '/'}`;
  const locale = isLocale(user.locale) ? user.locale : isLocale(tenant.locale) ? tenant.locale : 'es';
  const drafts = await pushDrafts(db, { userId: user.id, name: user.name }, { tenantId: tenant.id, ...MANUAL, locale, subject: input.title, text: input.text, link });
  return write(caller, drafts);
}

/** D2: a push or an SMS to customers of the list (at most OUTREACH_LIMITS.customers at once). */
export async function sendToCustomers(caller: StaffCaller, input: z.output<typeof ZToCustomers>): Promise<SendSummary> {
  const { db, tenant } = caller;
  const ids = [...new Set(input.customerIds)];
  const customers = await db.customer.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, phones: true }, orderBy: { name: 'asc' } });
  // One id that is not this tenant's customer and nothing is sent: its existence is not revealed.
  if (customers.length !== ids.length) throw notFound();
  const locale = isLocale(tenant.locale) ? tenant.locale : 'es';
  const base = { tenantId: tenant.id, ...MANUAL, locale };

  if (input.channel === 'SMS') {
    const sender = smsSender(tenant.settings);
    const drafts = customers.map((c): Draft => {
      const draft = { ...base, channel: 'SMS' as const, customerId: c.id, text: input.text };
      const phone = c.phones[0]?.trim();
      if (!phone) return { ...draft, recipient: c.name, ...notSent(NO_ADDRESS) };
      const to = smsRecipient(phone, tenant.country);
      if ('error' in to) return { ...draft, recipient: phone, ...notSent(to.error) };
      if (!sender) return { ...draft, recipient: to.to, ...notSent(NO_PROVIDER) };
      return { ...draft, recipient: to.to };
    });
    return write(caller, drafts);
  }

  // Every customer's devices in one read; pushDraftsTo then labels them as for any other push.
  const devices = await db.pushSubscription.findMany({ where: { customerId: { in: ids } }, orderBy: { createdAt: 'asc' }, select: { id: true, label: true, customerId: true } });
  const link = input.link ?? `${tenantOrigin(tenant.slug)}/portal`;
  const byCustomer = new Map<string | null, typeof devices>();
  for (const d of devices) byCustomer.set(d.customerId, [...(byCustomer.get(d.customerId) ?? []), d]);
  const drafts = customers.flatMap((c) => pushDraftsTo(byCustomer.get(c.id) ?? [], { customerId: c.id, name: c.name }, { ...base, subject: input.title, text: input.text, link }));
  return write(caller, drafts);
}

/** Writes the messages (and queues them) in one transaction; counts what was queued and why the rest was not. */
async function write({ db, tenantId, actor }: StaffCaller, drafts: Draft[]): Promise<SendSummary> {
  const created = await db.$transaction((tx) => writeMessages(tx, tenantId, drafts, actor.id));
  const summary: SendSummary = { queued: 0, noPhone: 0, invalidPhone: 0, noDevice: 0, noProvider: 0 };
  for (const m of created) {
    if (m.status === 'PENDING') summary.queued += 1;
    else if (m.errorCode === NO_ADDRESS.code) summary.noPhone += 1;
    else if (m.errorCode === NO_DEVICE.code) summary.noDevice += 1;
    else if (m.errorCode === NO_PROVIDER.code) summary.noProvider += 1;
    else if (m.errorCode === 'invalidPhone') summary.invalidPhone += 1;
  }
  return summary;
}
