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

const TTL_MS = 5_000;
const cache = new Map<string, { tenant: TenantInfo | null; expires: number }>();

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
