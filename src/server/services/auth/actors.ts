// Reloads the caller behind a session on every call: deactivation and role changes apply at once.
import { scopedDb } from '@/server/data/scoped';
import type { StaffActor, CustomerActor } from '@/server/services/caller';
import type { TenantInfo } from '@/server/services/tenants/resolve';

export async function loadStaffActor(tenantId: string, userId: string): Promise<StaffActor | null> {
  const user = await scopedDb(tenantId).user.findUnique({
    where: { id: userId },
    select: { id: true, role: true, name: true, email: true, active: true },
  });
  if (!user || !user.active) return null;
  return { kind: 'staff', id: user.id, role: user.role, name: user.name, email: user.email };
}

export async function loadCustomerActor(tenant: TenantInfo, customerId: string): Promise<CustomerActor | null> {
  const customer = await scopedDb(tenant.id).customer.findUnique({
    where: { id: customerId },
    select: { id: true, name: true, status: true },
  });
  if (!customer) return null;
  if (customer.status === 'DELETED' && !tenant.settings.portal.allowDeleted) return null;
  return { kind: 'customer', id: customer.id, name: customer.name };
}
