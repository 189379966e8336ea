// Staff and customer sign-in within the tenant named by the host, with throttling (per account and
// per IP). Used by next-auth's Credentials providers; the rules live here so they are testable.
import { createHash, randomBytes } from 'node:crypto';
import { db } from '@/server/db';
import { scopedDb } from '@/server/data/scoped';
import { normalizeTaxId } from '@/lib/tax-id';
import type { TenantInfo } from '@/server/services/tenants/resolve';
import { verifyPassword } from './passwords';
import { clearAccount, lockedMinutes, recordFailure, throttleKeys } from './throttle';

export type SignedIn = { id: string; tenantId: string; kind: 'staff' | 'customer'; name: string; email: string | null };
export type SignInResult = { ok: true; user: SignedIn } | { ok: false; reason: 'invalid' } | { ok: false; reason: 'throttled'; minutes: number };

async function throttled(
  tenant: TenantInfo,
  kind: 'staff' | 'customer',
  login: string,
  ip: string | null,
  attempt: () => Promise<SignedIn | null>,
): Promise<SignInResult> {
  const keys = throttleKeys(tenant.id, kind, login, ip);
  const minutes = await lockedMinutes(keys);
  if (minutes > 0) return { ok: false, reason: 'throttled', minutes };
  const user = await attempt();
  if (!user) {
    await recordFailure(keys);
    const after = await lockedMinutes(keys);
    return after > 0 ? { ok: false, reason: 'throttled', minutes: after } : { ok: false, reason: 'invalid' };
  }
  await clearAccount(keys);
  return { ok: true, user };
}

export function signInStaff(tenant: TenantInfo, email: string, password: string, ip: string | null): Promise<SignInResult> {
  return throttled(tenant, 'staff', email, ip, async () => {
    const user = await scopedDb(tenant.id).user.findUnique({ where: { tenantId_email: { tenantId: tenant.id, email: email.trim().toLowerCase() } } });
    const valid = await verifyPassword(user?.passwordHash, password);
    if (!user || !valid || !user.active) return null;
    await scopedDb(tenant.id).user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } });
    return { id: user.id, tenantId: tenant.id, kind: 'staff', name: user.name, email: user.email };
  });
}

/** F1: the customer's "user" is the field the tenant chose — tax id, customer code or e-mail. F2: deleted customers only if allowed. */
export function signInCustomer(tenant: TenantInfo, login: string, password: string, ip: string | null): Promise<SignInResult> {
  return throttled(tenant, 'customer', login, ip, async () => {
    const field = tenant.settings.portal.loginField;
    const value = login.trim();
    if (!value) return null;
    const where =
      field === 'TAX_ID' ? { taxId: normalizeTaxId(value) } : field === 'CODE' ? { code: value } : { emails: { has: value.toLowerCase() } };
    const candidates = await scopedDb(tenant.id).customer.findMany({
      where: { ...where, ...(tenant.settings.portal.allowDeleted ? {} : { status: 'ACTIVE' as const }) },
      select: { id: true, name: true, emails: true, portalPasswordHash: true },
      take: 5,
    });
    if (candidates.length === 0) await verifyPassword(null, password);
    for (const c of candidates) {
      if (await verifyPassword(c.portalPasswordHash, password)) {
        return { id: c.id, tenantId: tenant.id, kind: 'customer', name: c.name, email: c.emails[0] ?? null };
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
  return { id: row.user.id, tenantId: tenant.id, kind: 'staff', name: row.user.name, email: row.user.email };
}
