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

export function toTenantInfo(row: TenantRow): TenantInfo {
  return { ...row, settings: readSettings(row.settings) };
}

export async function resolveTenantByHost(host: string): Promise<TenantInfo | null> {
  const key = hostname(host);
  const hit = cache.get(key);
  if (hit && hit.expires > Date.now()) return hit.tenant;
  const kind = classifyHost(key, env().ROOT_DOMAIN);
  let row: TenantRow | null = null;
  if (kind.kind === 'subdomain') {
    row = await db().tenant.findUnique({ where: { slug: kind.slug } });
  } else if (kind.kind === 'custom') {
    row = (await db().tenantDomain.findUnique({ where: { host: kind.host }, include: { tenant: true } }))?.tenant ?? null;
  }
  const tenant = row ? toTenantInfo(row) : null;
  if (cache.size > 10_000) cache.clear();
  cache.set(key, { tenant, expires: Date.now() + TTL_MS });
  return tenant;
}
