// A1: self-service sign-up of an ISP on the root domain, hardened against abuse (issue 15, point 6).
//
//   1. The slug: refused when reserved, punycode or a look-alike of a reserved name (ZSlug, at the
//      edge), or held by a live tenant or a sign-up not yet expired, or a look-alike of theirs (here,
//      and structurally by the unique Tenant.slugSkeleton).
//   2. The client address: SIGNUP_LIMIT_PER_HOUR sign-ups an hour (sign-up-limits.ts), counted once
//      the slug is free and before the password is hashed.
//   3. The tenant is written pending (verifiedAt null, expiresAt in SIGNUP_VERIFY_HOURS), with its
//      admin, default configuration, a one-time verification link (SignInToken; only its SHA-256 is
//      kept) and the e-mail carrying it (a Message and its outbox event) — one transaction. A pending
//      tenant is not live: resolve.ts answers nothing for its host, so no page, procedure or sign-in
//      reaches it, except the link's page (/auth/handoff) and its sign-in, which verify it.
//   4. With no e-mail provider configured (RESEND_API_KEY unset, as on a developer's machine) the link
//      is also written to the server's log, and the answer says so, for the page to tell.
//   5. Following the link (consumeVerificationLink) makes the tenant live, spends every link of the
//      sign-up, and signs the admin in. A sign-up not verified in time is deleted by the worker's
//      cleanup (deleteExpiredSignUps); its slug can be taken at once, before the cleanup runs.
import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Prisma } from '@/generated/prisma/client';
import { env, tenantOrigin } from '@/env';
import { formatDateTime, intlLocale, type Locale } from '@/lib/format';
import { slugSkeleton } from '@/lib/slugs';
import { db } from '@/server/db';
import { scopedDb } from '@/server/data/scoped';
import { notFound } from '@/server/errors';
import { logger } from '@/server/logger';
import { emailConfigured } from '@/server/notifications/email';
import { writeMessages } from '@/server/notifications/recipients';
import { signUpVerificationEmail, VERIFICATION_REASON } from '@/server/notifications/sign-up-email';
import { hashPassword } from '@/server/services/auth/passwords';
import { assertPasswordAllowed } from '@/server/services/auth/password-policy';
import type { SignedIn } from '@/server/services/auth/sign-in';
import { ZEmail } from '@/server/services/customers/schemas';
import { forgetTenantCache, resolvePendingTenantByHost, type TenantInfo } from './resolve';
import { addressKey, takeAllowance, type Limit } from './sign-up-limits';
import { CREATE_TENANT_TRANSACTION, insertTenant, slugConflict, slugHolderError, type ZTenantSignUp } from './tenants';

const HOUR = 3_600_000;
/** A sign-up may ask for its link again this often an hour; one client address, for any sign-ups, this often. */
export const RESEND_PER_SIGN_UP: Limit = { name: 'resend-signup', limit: 3, windowMs: HOUR };
export const RESEND_PER_ADDRESS: Limit = { name: 'resend-address', limit: 10, windowMs: HOUR };
const signUpsPerAddress = (): Limit => ({ name: 'signup-address', limit: env().SIGNUP_LIMIT_PER_HOUR, windowMs: HOUR });

/** Where the link went: the admin's inbox, or — with no e-mail provider configured — the server's log. */
export const ZDelivery = z.enum(['email', 'log']);
export type Delivery = z.infer<typeof ZDelivery>;

export const ZSignUpResult = z.object({
  slug: z.string(),
  /** The address the link was sent to (the one the signer typed). */
  email: z.string(),
  delivery: ZDelivery,
  /** The sign-up is deleted, and its subdomain freed, if not verified by then. */
  expiresAt: z.date(),
});
export type SignUpResult = z.infer<typeof ZSignUpResult>;

export const ZResendVerification = z.object({ slug: z.string().trim().toLowerCase().max(63), email: ZEmail });
export const ZResendResult = z.object({ delivery: ZDelivery });

type Request = { ip: string | null; locale: Locale };

const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * A new link for the admin, within `tx`: its token (kept hashed, valid until the sign-up expires) and
 * the e-mail carrying it, with the outbox event that hands it to the worker. Returns the link.
 */
async function writeLink(tx: Prisma.TransactionClient, tenant: Pick<TenantInfo, 'id' | 'slug' | 'country' | 'timeZone'>, admin: { id: string; email: string }, expiresAt: Date, locale: Locale) {
  const token = randomBytes(32).toString('base64url');
  await tx.signInToken.create({ data: { tokenHash: tokenHash(token), tenantId: tenant.id, userId: admin.id, expiresAt } });
  const origin = tenantOrigin(tenant.slug);
  const url = `${origin}/auth/handoff?token=${token}`;
  const rendered = signUpVerificationEmail(locale, {
    host: new URL(origin).host,
    url,
    expires: formatDateTime(expiresAt, intlLocale(locale, tenant.country), tenant.timeZone),
  });
  await writeMessages(tx, tenant.id, [{ tenantId: tenant.id, channel: 'EMAIL', reason: VERIFICATION_REASON, recipient: admin.email, userId: admin.id, locale, ...rendered, link: `${origin}/auth/handoff` }], null);
  return url;
}

/** With no e-mail provider the link goes to the server's log as well, and the page says to look there. */
function delivery(slug: string, email: string, url: string): Delivery {
  if (emailConfigured()) return 'email';
  logger.warn({ tenant: slug, email, link: url }, `No e-mail provider is configured (RESEND_API_KEY), so the link that verifies ${email} and activates ${slug} is here instead: ${url}`);
  return 'log';
}

/** Sign-ups whose time to verify ran out (matching `where`), deleted within `tx`; returns how many. */
async function deleteExpired(tx: Prisma.TransactionClient, now: Date, where: Prisma.TenantWhereInput = {}): Promise<number> {
  const expired: Prisma.TenantWhereInput = { ...where, verifiedAt: null, expiresAt: { lte: now } };
  const ids = (await tx.tenant.findMany({ where: expired, select: { id: true }, take: 500 })).map((t) => t.id);
  if (ids.length === 0) return 0;
  // Their e-mails first: a message's recipient (Message → User) is ON DELETE RESTRICT, so the
  // tenant's cascade must never reach a user before the messages naming them.
  await tx.message.deleteMany({ where: { tenantId: { in: ids } } });
  return (await tx.tenant.deleteMany({ where: { ...expired, id: { in: ids } } })).count;
}

/** tenants.signUp: a pending tenant and the e-mail that verifies its admin. */
export async function signUp(input: z.output<typeof ZTenantSignUp>, request: Request): Promise<SignUpResult> {
  const now = new Date();
  // A taken slug is told before anything is counted: choosing a free one is not abuse.
  const held = await slugHolderError(input.slug, now);
  if (held) throw held;
  // A refused password is the form's to fix, not an attempt to count either.
  assertPasswordAllowed(input.adminPassword, [input.adminEmail, input.adminName, input.slug], 'adminPassword');
  await takeAllowance(signUpsPerAddress(), addressKey(request.ip), 'signUpLimited', now);
  const { adminPassword, ...fields } = input;
  const passwordHash = await hashPassword(adminPassword);
  const expiresAt = new Date(now.getTime() + env().SIGNUP_VERIFY_HOURS * HOUR);
  let created: { tenant: TenantInfo; url: string };
  try {
    created = await db().$transaction(
      async (tx) => {
        // An expired sign-up holding this slug or a look-alike gives it up now, not at the next cleanup.
        await deleteExpired(tx, now, { OR: [{ slug: input.slug }, { slugSkeleton: slugSkeleton(input.slug) }] });
        const { tenant, admin } = await insertTenant(tx, { ...fields, passwordHash }, { verifiedAt: null, expiresAt });
        return { tenant, url: await writeLink(tx, tenant, admin, expiresAt, request.locale) };
      },
      CREATE_TENANT_TRANSACTION,
    );
  } catch (error) {
    throw (await slugConflict(error, input.slug)) ?? error;
  }
  logger.info({ tenant: created.tenant.slug }, 'sign-up: tenant created, waiting for its admin to verify their e-mail');
  return { slug: created.tenant.slug, email: input.adminEmail, delivery: delivery(created.tenant.slug, input.adminEmail, created.url), expiresAt };
}

/**
 * tenants.resendVerification: a new link for a sign-up still waiting, asked for by someone who knows
 * both its subdomain and its admin's address (the page after sign-up). Anything else is NOT_FOUND, so
 * it tells nobody which addresses signed up. Limited per client address and per sign-up.
 */
export async function resendVerification(input: z.output<typeof ZResendVerification>, request: Request): Promise<z.infer<typeof ZResendResult>> {
  const now = new Date();
  await takeAllowance(RESEND_PER_ADDRESS, addressKey(request.ip), 'verificationResendLimited', now);
  const tenant = await db().tenant.findFirst({
    where: { slug: input.slug, verifiedAt: null, expiresAt: { gt: now } },
    select: { id: true, slug: true, country: true, timeZone: true, expiresAt: true, users: { where: { role: 'ADMIN' }, orderBy: { createdAt: 'asc' }, take: 1, select: { id: true, email: true } } },
  });
  const admin = tenant?.users[0];
  if (!tenant || !admin || admin.email !== input.email) throw notFound();
  await takeAllowance(RESEND_PER_SIGN_UP, tenant.id, 'verificationResendLimited', now);
  const url = await db().$transaction((tx) => writeLink(tx, tenant, admin, tenant.expiresAt!, request.locale));
  return { delivery: delivery(tenant.slug, admin.email, url) };
}

/**
 * The verification link followed on the sign-up's own subdomain (the handoff sign-in): in one
 * transaction the link is spent, the tenant made live, and every other link of the sign-up spent too;
 * then the admin is signed in. Null when the host names no sign-up waiting, or the link is unknown,
 * spent or expired.
 */
export async function consumeVerificationLink(host: string, token: string): Promise<SignedIn | null> {
  const tenant = await resolvePendingTenantByHost(host);
  if (!tenant || !token) return null;
  const now = new Date();
  const hash = tokenHash(token);
  const user = await scopedDb(tenant.id).$transaction(async (tx) => {
    const claimed = await tx.signInToken.updateMany({ where: { tokenHash: hash, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } });
    if (claimed.count !== 1) return null;
    const live = await tx.tenant.updateMany({ where: { verifiedAt: null, expiresAt: { gt: now } }, data: { verifiedAt: now, expiresAt: null } });
    if (live.count !== 1) return null;
    await tx.signInToken.updateMany({ where: { usedAt: null }, data: { usedAt: now } });
    const row = await tx.signInToken.findUnique({ where: { tokenHash: hash }, select: { user: { select: { id: true, name: true, email: true, active: true, sessionVersion: true } } } });
    return row?.user.active ? row.user : null;
  });
  if (!user) return null;
  forgetTenantCache();
  logger.info({ tenant: tenant.slug }, 'sign-up verified: the tenant is live');
  return { id: user.id, tenantId: tenant.id, kind: 'staff', name: user.name, email: user.email, sessionVersion: user.sessionVersion };
}

/**
 * Deletes the sign-ups whose time to verify ran out (their subdomains are free again) and the limits'
 * counters of windows that ended. Run by the worker's maintenance (maintenance/sign-ups.ts); safe on
 * several workers at once. Returns how many sign-ups it deleted.
 */
export async function deleteExpiredSignUps(now = new Date()): Promise<number> {
  let deleted = 0;
  for (;;) {
    const n = await db().$transaction((tx) => deleteExpired(tx, now));
    deleted += n;
    if (n < 500) break;
  }
  await db().signUpLimit.deleteMany({ where: { expiresAt: { lte: now } } });
  return deleted;
}
