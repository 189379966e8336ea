// F2/F8: a customer sets their own portal password — "primer ingreso / olvidé mi contraseña".
//
//   1. request: the customer types their login (the field the tenant chose, looked up as sign-in looks
//      it up). Whoever they are, the answer is the same `{ requested: true }`, after the same minimum
//      time, so it never tells whether the account exists. When it does, a single-use secret is stored
//      (only its SHA-256) and sent through the outbox: a link by e-mail, or — when the customer has no
//      e-mail and the tenant sends SMS — a six-digit code by SMS, typed on the portal's page.
//   2. setPassword (link) / setPasswordWithCode: the password policy is checked first (a refused
//      password does not spend the secret), then one UPDATE claims the secret (unused, not expired),
//      and in the same transaction the password is stored, every other secret of the customer is
//      spent and every session of theirs ends (sessionVersion).
//
// Abuse: requests go through the sign-in throttle's buckets (./auth/throttle.ts) in their own realm —
// this login from this address, this login from anywhere, this address on any login — each request
// counted as a failure, so many requests slow down exponentially instead of sending e-mails or SMS
// without end; besides, a customer gets at most MAX_OPEN secrets per validity window (silently: the
// answer stays the same). Codes are tried through the same buckets, and a code dies after
// MAX_CODE_ATTEMPTS wrong tries.
import { createHash, randomBytes, randomInt } from 'node:crypto';
import { z } from 'zod';
import { tenantOrigin } from '@/env';
import { isLocale, type Locale } from '@/lib/format';
import { scopedDb } from '@/server/data/scoped';
import { fieldError } from '@/server/errors';
import { hashPassword } from '@/server/services/auth/passwords';
import { assertPasswordAllowed, ZNewPassword } from '@/server/services/auth/password-policy';
import { throttledError } from '@/server/services/auth/account';
import { END_ALL_SESSIONS } from '@/server/services/auth/sessions';
import { customerLogin } from '@/server/services/auth/sign-in';
import { reserveAttempt, settleAttempt, throttleKeys } from '@/server/services/auth/throttle';
import type { TenantInfo } from '@/server/services/tenants/resolve';
import { portalAccessEmail, portalAccessSms } from '@/server/notifications/templates';
import { writeMessages, type Draft } from '@/server/notifications/recipients';
import { smsSender } from '@/server/notifications/sms-setup';

/** How long a link or a code is valid. */
export const ACCESS_MINUTES = 30;
/** Secrets a customer may have been sent within one validity window; more requests send nothing. */
export const MAX_OPEN = 3;
/** Wrong codes typed against one code before it is spent. */
export const MAX_CODE_ATTEMPTS = 5;
/** Every request is answered no sooner than this, whether or not the account exists. */
export const REQUEST_MIN_MS = 350;

export const ACCESS_REASON = 'portal.access';

const ZLogin = z.string().trim().min(1).max(254);

export const ZAccessRequest = z.object({ login: ZLogin }).strict();
export const ZAccessRequested = z.object({ requested: z.literal(true) });

// The new password's length and common-list check at the edge (ZNewPassword), as everywhere a password
// is set — a refused password never spends the secret; the personal check (name, e-mails, code, tax id)
// follows in the service, where the customer is known.
export const ZSetPasswordWithLink = z.object({ token: z.string().min(20).max(100), password: ZNewPassword }).strict();
export const ZSetPasswordWithCode = z.object({ login: ZLogin, code: z.string().trim().min(1).max(12), password: ZNewPassword }).strict();
export const ZPasswordSet = z.object({ passwordSet: z.literal(true) });

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
/** A code's hash is bound to its row, so two equal codes never collide and a hash names one secret. */
const codeHash = (id: string, code: string) => sha256(`code:${id}:${code}`);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The customers a login names, as sign-in finds them (deleted ones only where the tenant lets them in). */
async function customersByLogin(tenant: TenantInfo, login: string) {
  const field = tenant.settings.portal.loginField;
  const value = customerLogin(field, login);
  if (!value) return { value, customers: [] };
  const where = field === 'TAX_ID' ? { taxId: value } : field === 'CODE' ? { code: value } : { emails: { has: value } };
  const customers = await scopedDb(tenant.id).customer.findMany({
    where: { ...where, ...(tenant.settings.portal.allowDeleted ? {} : { status: 'ACTIVE' as const }) },
    select: { id: true, name: true, code: true, taxId: true, emails: true, phones: true },
    orderBy: { id: 'asc' },
    take: 5,
  });
  return { value, customers };
}

function tenantLocale(tenant: TenantInfo): Locale {
  return isLocale(tenant.locale) ? tenant.locale : 'es';
}

type Customer = Awaited<ReturnType<typeof customersByLogin>>['customers'][number];

/** Writes one secret for `customer` and the message carrying it (with its outbox event), in one transaction. Nothing when they have no way to receive it. */
async function issue(tenant: TenantInfo, customer: Customer, typedEmail: string | null, now: Date): Promise<void> {
  const scoped = scopedDb(tenant.id);
  const since = new Date(now.getTime() - ACCESS_MINUTES * 60_000);
  const open = await scoped.portalAccessToken.count({ where: { customerId: customer.id, createdAt: { gt: since } } });
  if (open >= MAX_OPEN) return;
  const locale = tenantLocale(tenant);
  const expiresAt = new Date(now.getTime() + ACCESS_MINUTES * 60_000);
  const email = typedEmail && customer.emails.includes(typedEmail) ? typedEmail : customer.emails[0];
  const brand = { tenantName: tenant.name, color: tenant.settings.branding.color, locale };
  if (email) {
    const token = randomBytes(32).toString('base64url');
    const url = `${tenantOrigin(tenant.slug)}/portal/password?token=${token}`;
    const rendered = portalAccessEmail(brand, { customer: customer.name, url, minutes: ACCESS_MINUTES });
    const draft: Draft = { tenantId: tenant.id, channel: 'EMAIL', reason: ACCESS_REASON, recipient: email, customerId: customer.id, locale, ...rendered, link: `${tenantOrigin(tenant.slug)}/portal/password` };
    await scoped.$transaction(async (tx) => {
      await tx.portalAccessToken.create({ data: { tenantId: tenant.id, customerId: customer.id, kind: 'LINK', secretHash: sha256(token), expiresAt, createdAt: now } });
      await writeMessages(tx, tenant.id, [draft], null);
    });
    return;
  }
  const phone = customer.phones[0];
  if (!phone || !smsSender(tenant.settings)) return;
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const id = crypto.randomUUID();
  const text = portalAccessSms(locale, { tenant: tenant.name, code, minutes: ACCESS_MINUTES });
  await scoped.$transaction(async (tx) => {
    await tx.portalAccessToken.create({ data: { id, tenantId: tenant.id, customerId: customer.id, kind: 'CODE', secretHash: codeHash(id, code), expiresAt, createdAt: now } });
    await writeMessages(tx, tenant.id, [{ tenantId: tenant.id, channel: 'SMS', reason: ACCESS_REASON, recipient: phone, customerId: customer.id, locale, text }], null);
  });
}

/** The request realm of the throttle, apart from sign-in's: asking for links never slows anyone's sign-in. */
const requestRealm = (tenant: TenantInfo) => `portal-access-${tenant.settings.portal.loginField.toLowerCase()}`;
const codeRealm = (tenant: TenantInfo) => `portal-code-${tenant.settings.portal.loginField.toLowerCase()}`;

/** portal.access.request. `now`: the clock of the throttle and the secrets (tests move it). */
export async function requestAccess(tenant: TenantInfo, input: z.output<typeof ZAccessRequest>, ip: string | null, now = new Date()): Promise<z.output<typeof ZAccessRequested>> {
  const started = Date.now();
  const field = tenant.settings.portal.loginField;
  const value = customerLogin(field, input.login);
  // Keyed by the login as typed (normalized), found or not: the throttle says nothing about existence.
  const reservation = await reserveAttempt(throttleKeys(tenant.id, requestRealm(tenant), value, ip), now);
  if (!reservation.ok) throw throttledError(reservation.waitMs);
  const { customers } = await customersByLogin(tenant, input.login);
  for (const customer of customers) await issue(tenant, customer, field === 'EMAIL' ? value : null, now);
  const elapsed = Date.now() - started;
  if (elapsed < REQUEST_MIN_MS) await sleep(REQUEST_MIN_MS - elapsed);
  return { requested: true };
}

/** The new password, checked against the policy and the customer's own name, e-mails, code and tax id. */
function checkPassword(password: string, customer: { name: string; code: string; taxId: string | null; emails: string[] }) {
  assertPasswordAllowed(password, [customer.name, customer.code, customer.taxId, ...customer.emails], 'password');
}

// A link or code that is not (or no longer) good is not found — as another tenant's is — with the reason on its field.
const linkRefused = () => fieldError('token', 'validation.accessLinkInvalid', undefined, 'NOT_FOUND');
const codeRefused = () => fieldError('code', 'validation.accessCodeInvalid', undefined, 'NOT_FOUND');

/** Stores the password for the secret `tokenId` if it is still unused and valid; false when another request spent it first. */
async function claimAndSet(tenant: TenantInfo, tokenId: string, customerId: string, password: string, now: Date): Promise<boolean> {
  const passwordHash = await hashPassword(password);
  return scopedDb(tenant.id).$transaction(async (tx) => {
    const claimed = await tx.portalAccessToken.updateMany({ where: { id: tokenId, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } });
    if (claimed.count !== 1) return false;
    await tx.portalAccessToken.updateMany({ where: { customerId, usedAt: null }, data: { usedAt: now } });
    await tx.customer.update({ where: { tenantId_id: { tenantId: tenant.id, id: customerId } }, data: { portalPasswordHash: passwordHash, ...END_ALL_SESSIONS } });
    return true;
  });
}

const customerFields = { id: true, name: true, code: true, taxId: true, emails: true, status: true } as const;

/** portal.access.setPassword: the e-mailed link's token and the new password. */
export async function setPasswordWithLink(tenant: TenantInfo, input: z.output<typeof ZSetPasswordWithLink>, now = new Date()): Promise<z.output<typeof ZPasswordSet>> {
  const scoped = scopedDb(tenant.id);
  const token = await scoped.portalAccessToken.findUnique({
    where: { tenantId_secretHash: { tenantId: tenant.id, secretHash: sha256(input.token) } },
    select: { id: true, kind: true, usedAt: true, expiresAt: true, customer: { select: customerFields } },
  });
  if (!token || token.kind !== 'LINK' || token.usedAt || token.expiresAt <= now) throw linkRefused();
  if (token.customer.status === 'DELETED' && !tenant.settings.portal.allowDeleted) throw linkRefused();
  checkPassword(input.password, token.customer);
  if (!(await claimAndSet(tenant, token.id, token.customer.id, input.password, now))) throw linkRefused();
  return { passwordSet: true };
}

/** portal.access.setPasswordWithCode: the login, the SMS's code and the new password. */
export async function setPasswordWithCode(tenant: TenantInfo, input: z.output<typeof ZSetPasswordWithCode>, ip: string | null, now = new Date()): Promise<z.output<typeof ZPasswordSet>> {
  const value = customerLogin(tenant.settings.portal.loginField, input.login);
  const reservation = await reserveAttempt(throttleKeys(tenant.id, codeRealm(tenant), value, ip), now);
  if (!reservation.ok) throw throttledError(reservation.waitMs);
  if (!/^\d{6}$/.test(input.code)) throw codeRefused();
  const { customers } = await customersByLogin(tenant, input.login);
  const scoped = scopedDb(tenant.id);
  for (const customer of customers) {
    const codes = await scoped.portalAccessToken.findMany({
      where: { customerId: customer.id, kind: 'CODE', usedAt: null, expiresAt: { gt: now }, attempts: { lt: MAX_CODE_ATTEMPTS } },
      select: { id: true, secretHash: true },
      orderBy: { createdAt: 'desc' },
      take: MAX_OPEN,
    });
    const match = codes.find((c) => c.secretHash === codeHash(c.id, input.code));
    if (!match) {
      // A wrong code counts against every live code of this customer: MAX_CODE_ATTEMPTS guesses, then they are spent.
      if (codes.length) await scoped.portalAccessToken.updateMany({ where: { id: { in: codes.map((c) => c.id) } }, data: { attempts: { increment: 1 } } });
      continue;
    }
    const full = await scoped.customer.findUnique({ where: { tenantId_id: { tenantId: tenant.id, id: customer.id } }, select: customerFields });
    if (!full) break;
    checkPassword(input.password, full);
    if (!(await claimAndSet(tenant, match.id, customer.id, input.password, now))) break;
    await settleAttempt(reservation, true, now);
    return { passwordSet: true };
  }
  throw codeRefused();
}
