// A1: the host names the tenant — <slug>.<ROOT_DOMAIN> or a registered custom domain. The client
// never sends a tenant id; every call resolves it here from the Host header.
import { db } from '@/server/db';
import { env } from '@/env';
import { classifyHost, hostname } from '@/lib/hosts';
import { readSettings, type TenantSettings } from './settings';

export { classifyHost, hostname, SLUG_PATTERN } from '@/lib/hosts';

export type TenantInfo = {
  id: string;
  slug: string;
  name: string;
  country: string;
  locale: string;
  timeZone: string;
  currency: string;
  settings: TenantSettings;
};

// Tenants change rarely and every request resolves one: a short cache per process. Next bundles
// route handlers and pages separately, each with its own copy of this module, so the map lives on
// globalThis — otherwise a settings change made through the API would not clear the pages' copy.
// Across several app nodes, another node sees a change within TTL_MS.
const TTL_MS = 5_000;
type CacheEntry = { tenant: TenantInfo | null; expires: number };
const shared = globalThis as typeof globalThis & { __antenaTenantCache?: Map<string, CacheEntry> };
const cache = (shared.__antenaTenantCache ??= new Map<string, CacheEntry>());

export function forgetTenantCache(): void {
  cache.clear();
}

type TenantRow = { id: string; slug: string; name: string; country: string; locale: string; timeZone: string; currency: string; settings: unknown };
type StoredTenant = TenantRow & { verifiedAt: Date | null; expiresAt: Date | null };

export function toTenantInfo(row: TenantRow): TenantInfo {
  const { id, slug, name, country, locale, timeZone, currency } = row;
  return { id, slug, name, country, locale, timeZone, currency, settings: readSettings(row.settings) };
}

/** The tenant a host names, live or not. */
async function tenantOfHost(key: string): Promise<StoredTenant | null> {
  const kind = classifyHost(key, env().ROOT_DOMAIN);
  if (kind.kind === 'subdomain') return db().tenant.findUnique({ where: { slug: kind.slug } });
  if (kind.kind === 'custom') return (await db().tenantDomain.findUnique({ where: { host: kind.host }, include: { tenant: true } }))?.tenant ?? null;
  return null;
}

/**
 * The live tenant a host names — the one gate every procedure (trpc.ts's context), route, page
 * guard and sign-in goes through. A self-service sign-up whose admin has not verified their e-mail
 * is not live: for its host this answers null, so nothing of it is reachable but the verification
 * link (resolvePendingTenantByHost). Its answer is not cached, so verification makes it live at once
 * on every app node.
 */
export async function resolveTenantByHost(host: string): Promise<TenantInfo | null> {
  const key = hostname(host);
  const hit = cache.get(key);
  if (hit && hit.expires > Date.now()) return hit.tenant;
  const row = await tenantOfHost(key);
  if (row && !row.verifiedAt) return null;
  const tenant = row ? toTenantInfo(row) : null;
  if (cache.size > 10_000) cache.clear();
  cache.set(key, { tenant, expires: Date.now() + TTL_MS });
  return tenant;
}

/**
 * A sign-up still waiting for its admin's e-mail (and not expired), by host. Only the verification
 * step uses it: the /auth/handoff page and the handoff sign-in that consumes the link.
 */
export async function resolvePendingTenantByHost(host: string): Promise<TenantInfo | null> {
  const row = await tenantOfHost(hostname(host));
  return row && !row.verifiedAt && row.expiresAt && row.expiresAt > new Date() ? toTenantInfo(row) : null;
}
