// F12: the customer's profile in the portal — their basic data (read only), adding an e-mail or a
// phone (appended to their lists, never replacing one), changing their password — and F8: the
// tenant's welcome message, shown once per customer (recorded here), and its info/contact message.
// Every function acts on the signed-in customer only (caller.actor.id): no input names a customer.
import { z } from 'zod';
import { toE164 } from '@/lib/phone';
import { AppError, fieldError, notFound } from '@/server/errors';
import type { Caller, CustomerActor } from '@/server/services/caller';
import { hashPassword, verifyPassword } from '@/server/services/auth/passwords';
import { assertPasswordAllowed, PASSWORD_MAX, ZNewPassword } from '@/server/services/auth/password-policy';
import { throttledError } from '@/server/services/auth/account';
import { END_ALL_SESSIONS } from '@/server/services/auth/sessions';
import { reserveAttempt, settleAttempt, throttleKeys } from '@/server/services/auth/throttle';
import { customerSearchText } from '@/server/services/customers/search-text';
import { ZEmail, ZPhone } from '@/server/services/customers/schemas';

type CustomerCaller = Caller<CustomerActor>;

/** As many as a customer's record holds (customers/schemas.ts). */
export const MAX_CONTACTS = 10;

export const ZPortalProfile = z.object({
  name: z.string(),
  code: z.string(),
  taxId: z.string().nullable(),
  address: z.string().nullable(),
  emails: z.array(z.string()),
  phones: z.array(z.string()),
});

export const ZAddEmail = z.object({ email: ZEmail }).strict();
export const ZAddPhone = z.object({ phone: ZPhone }).strict();
export const ZPortalChangePassword = z.object({ currentPassword: z.string().min(1).max(PASSWORD_MAX), newPassword: ZNewPassword }).strict();
export const ZPortalPasswordChanged = z.object({ changed: z.literal(true) });

/** F8: what the portal shows: the info/contact message (behind its icon) and, once, the welcome message. */
export const ZPortalMessages = z.object({ welcome: z.string().nullable(), info: z.string().nullable() });
export const ZWelcomeSeen = z.object({ seen: z.literal(true) });

const profileSelect = { name: true, code: true, taxId: true, address: true, emails: true, phones: true } as const;

async function load({ db, actor, tenantId }: CustomerCaller) {
  const customer = await db.customer.findUnique({ where: { tenantId_id: { tenantId, id: actor.id } }, select: { ...profileSelect, id: true, portalPasswordHash: true, updatedAt: true } });
  if (!customer) throw notFound();
  return customer;
}

export async function getProfile(caller: CustomerCaller): Promise<z.output<typeof ZPortalProfile>> {
  const c = await load(caller);
  return { name: c.name, code: c.code, taxId: c.taxId, address: c.address, emails: c.emails, phones: c.phones };
}

/** Appends to one list of the customer, unless the customer changed meanwhile (then the caller's view is stale: try again). */
async function append(caller: CustomerCaller, read: { updatedAt: Date }, list: 'emails' | 'phones', before: string[], value: string, extra: Record<string, unknown> = {}) {
  const { db, actor } = caller;
  // Only the row as read (its updatedAt): two additions racing cannot both append to the same old list and lose one.
  const updated = await db.customer.updateMany({ where: { id: actor.id, updatedAt: read.updatedAt }, data: { [list]: [...before, value], ...extra } });
  if (updated.count !== 1) throw new AppError('CONFLICT', 'conflict');
}

/** F12: adds an e-mail to the customer's list (never replacing one); one they already have is refused. */
export async function addEmail(caller: CustomerCaller, input: z.output<typeof ZAddEmail>): Promise<z.output<typeof ZPortalProfile>> {
  const c = await load(caller);
  if (c.emails.includes(input.email)) throw fieldError('email', 'validation.emailAlreadyYours', undefined, 'CONFLICT');
  if (c.emails.length >= MAX_CONTACTS) throw fieldError('email', 'validation.contactsFull', { max: MAX_CONTACTS });
  const emails = [...c.emails, input.email];
  await append(caller, c, 'emails', c.emails, input.email, { searchText: customerSearchText({ name: c.name, code: c.code, taxId: c.taxId, emails }) });
  return getProfile(caller);
}

/** A phone as compared for duplicates: E.164 in the tenant's country, or its digits when it is not a valid number. */
function phoneKey(phone: string, country: string): string {
  return toE164(phone, country) ?? phone.replace(/\D/g, '');
}

/** F12: adds a phone (stored in E.164, so SMS can reach it); one they already have, however typed, is refused. */
export async function addPhone(caller: CustomerCaller, input: z.output<typeof ZAddPhone>): Promise<z.output<typeof ZPortalProfile>> {
  const country = caller.tenant.country;
  const phone = toE164(input.phone, country);
  if (!phone) throw fieldError('phone', 'validation.phone');
  const c = await load(caller);
  if (c.phones.some((p) => phoneKey(p, country) === phone)) throw fieldError('phone', 'validation.phoneAlreadyYours', undefined, 'CONFLICT');
  if (c.phones.length >= MAX_CONTACTS) throw fieldError('phone', 'validation.contactsFull', { max: MAX_CONTACTS });
  await append(caller, c, 'phones', c.phones, phone);
  return getProfile(caller);
}

/**
 * F12: the customer changes their password: the current one is checked through the sign-in throttle's
 * buckets (a stolen session guesses no faster than the sign-in page), the new one follows the policy,
 * and every session of theirs ends — the portal signs in again.
 */
export async function changePassword(caller: CustomerCaller, input: z.output<typeof ZPortalChangePassword>, ip: string | null): Promise<z.output<typeof ZPortalPasswordChanged>> {
  const reservation = await reserveAttempt(throttleKeys(caller.tenantId, 'customer-password', caller.actor.id, ip));
  if (!reservation.ok) throw throttledError(reservation.waitMs);
  const c = await load(caller);
  const valid = await verifyPassword(c.portalPasswordHash, input.currentPassword);
  await settleAttempt(reservation, valid);
  if (!valid) throw fieldError('currentPassword', 'validation.currentPasswordWrong');
  if (input.newPassword === input.currentPassword) throw fieldError('newPassword', 'validation.passwordUnchanged');
  assertPasswordAllowed(input.newPassword, [c.name, c.code, c.taxId, ...c.emails], 'newPassword');
  await caller.db.customer.updateMany({ where: { id: caller.actor.id }, data: { portalPasswordHash: await hashPassword(input.newPassword), ...END_ALL_SESSIONS } });
  return { changed: true };
}

/** F8: the tenant's messages for this customer; the welcome one only until it has been shown. */
export async function portalMessages(caller: CustomerCaller): Promise<z.output<typeof ZPortalMessages>> {
  const { welcomeMessage, infoMessage } = caller.tenant.settings.portal;
  const customer = await caller.db.customer.findUnique({ where: { tenantId_id: { tenantId: caller.tenantId, id: caller.actor.id } }, select: { welcomeSeenAt: true } });
  if (!customer) throw notFound();
  return { welcome: welcomeMessage && !customer.welcomeSeenAt ? welcomeMessage : null, info: infoMessage || null };
}

/** F8: the portal showed the welcome message: never again for this customer (the first time is kept). */
export async function markWelcomeSeen(caller: CustomerCaller): Promise<z.output<typeof ZWelcomeSeen>> {
  await caller.db.customer.updateMany({ where: { id: caller.actor.id, welcomeSeenAt: null }, data: { welcomeSeenAt: new Date() } });
  return { seen: true };
}
