// Reloads the caller behind a session on every call: deactivation and role changes apply at once.
import { Prisma } from '@/generated/prisma/client';
import { tenantSql } from '@/server/data/sql';
import { scopedDb } from '@/server/data/scoped';
import type { Role } from '@/lib/permissions';
import type { StaffActor, CustomerActor } from '@/server/services/caller';
import type { TenantInfo } from '@/server/services/tenants/resolve';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Runs on every staff call, so it is one plain query through the pool (sql.rows) rather than the
 * scoped client's findUnique (0.79 ms, measured on the bench database) or $queryRaw (0.52–0.61 ms;
 * 0.35–0.47 through pg); the tenant is in the WHERE all the same.
 */
export async function loadStaffActor(tenantId: string, userId: string): Promise<StaffActor | null> {
  if (!UUID.test(userId)) return null;
  const rows = await tenantSql(tenantId).rows<{ id: string; role: Role; name: string; email: string }>(
    (s) => Prisma.sql`SELECT id, role, name, email FROM "User" WHERE "tenantId" = ${s.tenant} AND id = ${userId}::uuid AND active`,
    { prepared: true },
  );
  const user = rows[0];
  if (!user) return null;
  return { kind: 'staff', id: user.id, role: user.role, name: user.name, email: user.email };
}

export async function loadCustomerActor(tenant: TenantInfo, customerId: string): Promise<CustomerActor | null> {
  if (!UUID.test(customerId)) return null;
  const customer = await scopedDb(tenant.id).customer.findUnique({
    where: { id: customerId },
    select: { id: true, name: true, status: true },
  });
  if (!customer) return null;
  if (customer.status === 'DELETED' && !tenant.settings.portal.allowDeleted) return null;
  return { kind: 'customer', id: customer.id, name: customer.name };
}
