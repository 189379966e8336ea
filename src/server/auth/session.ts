// The session as pages see it: accepted only on its own tenant's host (a session of tenant B is
// nobody on tenant A's subdomain), and only while it is not revoked (the actor's query checks its
// version and id). Pages use this to redirect; procedures check again on every call.
import { headers } from 'next/headers';
import { auth } from '@/server/auth';
import { resolveTenantByHost, type TenantInfo } from '@/server/services/tenants/resolve';
import { loadCustomerActor, loadStaffActor } from '@/server/services/auth/actors';
import type { CustomerActor, StaffActor } from '@/server/services/caller';
import type { SessionClaims } from '@/server/api/trpc';

export async function currentTenant(): Promise<TenantInfo | null> {
  const host = (await headers()).get('host');
  return host ? resolveTenantByHost(host) : null;
}

export async function sessionClaims(tenant: TenantInfo | null): Promise<SessionClaims | null> {
  if (!tenant) return null;
  const claims = (await auth())?.claims ?? null;
  return claims && claims.tenantId === tenant.id ? claims : null;
}

export async function currentStaff(tenant: TenantInfo): Promise<StaffActor | null> {
  const claims = await sessionClaims(tenant);
  return claims?.kind === 'staff' ? loadStaffActor(tenant.id, claims) : null;
}

export async function currentCustomer(tenant: TenantInfo): Promise<CustomerActor | null> {
  const claims = await sessionClaims(tenant);
  return claims?.kind === 'customer' ? loadCustomerActor(tenant, claims) : null;
}
