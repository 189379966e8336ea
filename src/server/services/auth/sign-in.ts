// Staff and customer sign-in within the tenant named by the host, slowed down after failures (per
// account, per account and address, per address: ./throttle.ts). Used by next-auth's Credentials
// providers; the rules live here so they are testable.
import { createHash, randomBytes } from 'node:crypto';
import { db } from '@/server/db';
import { scopedDb } from '@/server/data/scoped';
import { normalizeTaxId } from '@/lib/tax-id';
import type { TenantInfo } from '@/server/services/tenants/resolve';
import type { PortalLoginField } from '@/server/services/tenants/settings';
import { verifyPassword } from './passwords';
import { reserveAttempt, settleAttempt, throttleKeys } from './throttle';

export type SignedIn = { id: string; tenantId: string; kind: 'staff' | 'customer'; name: string; email: string | null; sessionVersion: number };
export type SignInResult = { ok: true; user: SignedIn } | { ok: false; reason: 'invalid' } | { ok: false; reason: 'throttled'; seconds: number };

/**
 * A staff login as it is stored (ZEmail: trimmed, lower case). The lookup and the throttle key both
 * go through this one function, so `Ana@X.test ` and `ana@x.test` are one account and one bucket.
 */
export function staffLogin(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * A portal login, by the field the tenant chose, as that field is stored: a tax id normalized
 * (`401.112.22` is `40111222`), a code trimmed (codes are exact), an e-mail trimmed and lower-cased.
 * Used for both the lookup and the throttle key.
 */
export function customerLogin(field: PortalLoginField, login: string): string {
  const value = login.trim();
  if (field === 'TAX_ID') return normalizeTaxId(value);
  if (field === 'EMAIL') return value.toLowerCase();
  return value;
}

/** The throttle's realm of a portal login: a code and a tax id that read alike are different accounts. */
export function customerRealm(field: PortalLoginField): string {
  return `customer-${field.toLowerCase()}`;
}

function seconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}

async function throttled(tenant: TenantInfo, realm: string, login: string, ip: string | null, now: Date, attempt: () => Promise<SignedIn | null>): Promise<SignInResult> {
  const reservation = await reserveAttempt(throttleKeys(tenant.id, realm, login, ip), now);
  if (!reservation.ok) return { ok: false, reason: 'throttled', seconds: seconds(reservation.waitMs) };
  const user = await attempt();
  await settleAttempt(reservation, user !== null, now);
  if (user) return { ok: true, user };
  return reservation.waitIfFailedMs > 0 ? { ok: false, reason: 'throttled', seconds: seconds(reservation.waitIfFailedMs) } : { ok: false, reason: 'invalid' };
}

/** `now`: the throttle's clock (tests move it). */
export function signInStaff(tenant: TenantInfo, email: string, password: string, ip: string | null, now = new Date()): Promise<SignInResult> {
  const login = staffLogin(email);
  return throttled(tenant, 'staff', login, ip, now, async () => {
    const user = await scopedDb(tenant.id).user.findUnique({ where: { tenantId_email: { tenantId: tenant.id, email: login } } });
    const valid = await verifyPassword(user?.passwordHash, password);
    if (!user || !valid || !user.active) return null;
    await scopedDb(tenant.id).user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } });
    return { id: user.id, tenantId: tenant.id, kind: 'staff', name: user.name, email: user.email, sessionVersion: user.sessionVersion };
  });
}

/** F1: the customer's "user" is the field the tenant chose — tax id, customer code or e-mail. F2: deleted customers only if allowed. */
export function signInCustomer(tenant: TenantInfo, login: string, password: string, ip: string | null, now = new Date()): Promise<SignInResult> {
  const field = tenant.settings.portal.loginField;
  const value = customerLogin(field, login);
  return throttled(tenant, customerRealm(field), value, ip, now, async () => {
    if (!value) {
      await verifyPassword(null, password);
      return null;
    }
    const where = field === 'TAX_ID' ? { taxId: value } : field === 'CODE' ? { code: value } : { emails: { has: value } };
    const candidates = await scopedDb(tenant.id).customer.findMany({
      where: { ...where, ...(tenant.settings.portal.allowDeleted ? {} : { status: 'ACTIVE' as const }) },
      select: { id: true, name: true, emails: true, portalPasswordHash: true, sessionVersion: true },
      take: 5,
    });
    if (candidates.length === 0) await verifyPassword(null, password);
    for (const c of candidates) {
      if (await verifyPassword(c.portalPasswordHash, password)) {
        return { id: c.id, tenantId: tenant.id, kind: 'customer', name: c.name, email: c.emails[0] ?? null, sessionVersion: c.sessionVersion };
      }
    }
    return null;
  });
}

function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** After self-service sign-up on the root domain: a one-time, five-minute token that signs the admin in on the new subdomain. */
export async function createHandoffToken(tenantId: string, userId: string): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await db().signInToken.create({ data: { tokenHash: tokenHash(token), tenantId, userId, expiresAt: new Date(Date.now() + 5 * 60_000) } });
  return token;
}

export async function consumeHandoffToken(tenant: TenantInfo, token: string): Promise<SignedIn | null> {
  const now = new Date();
  // One statement marks it used, so a token can never be spent twice.
  const claimed = await scopedDb(tenant.id).signInToken.updateMany({
    where: { tokenHash: tokenHash(token), usedAt: null, expiresAt: { gt: now } },
    data: { usedAt: now },
  });
  if (claimed.count !== 1) return null;
  const row = await scopedDb(tenant.id).signInToken.findUnique({ where: { tokenHash: tokenHash(token) }, include: { user: true } });
  if (!row || !row.user.active) return null;
  return { id: row.user.id, tenantId: tenant.id, kind: 'staff', name: row.user.name, email: row.user.email, sessionVersion: row.user.sessionVersion };
}
