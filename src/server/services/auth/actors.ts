// Reloads the caller behind a session on every call: deactivation, role changes and revoked sessions
// apply at once. A session is alive while its version is still the person's session version (bumped
// by "sign out everywhere", a password change, a new portal password, deactivation…) and its id was
// not signed out (RevokedSession) — both checked in the same one query that loads the caller.
import { Prisma } from '@/generated/prisma/client';
import { tenantSql } from '@/server/data/sql';
import type { Role } from '@/lib/permissions';
import type { StaffActor, CustomerActor } from '@/server/services/caller';
import type { TenantInfo } from '@/server/services/tenants/resolve';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The part of a session's claims that names who it is and which session it is. */
export type SessionRef = { userId: string; version: number; sessionId: string };

function wellFormed(session: SessionRef): boolean {
  return UUID.test(session.userId) && UUID.test(session.sessionId) && Number.isInteger(session.version);
}

/**
 * Runs on every staff call, so it is one plain query through the pool (sql.rows) rather than the
 * scoped client's findUnique (0.79 ms, measured on the bench database) or $queryRaw (0.52–0.61 ms;
 * 0.35–0.47 through pg); the tenant is in the WHERE all the same. The revocation check is a lookup
 * of RevokedSession's primary key inside it, no second round trip.
 */
export async function loadStaffActor(tenantId: string, session: SessionRef): Promise<StaffActor | null> {
  if (!wellFormed(session)) return null;
  const rows = await tenantSql(tenantId).rows<{ id: string; role: Role; name: string; email: string; companyId: string | null }>(
    (s) => Prisma.sql`
    SELECT id, role, name, email, "companyId" FROM "User"
    WHERE "tenantId" = ${s.tenant} AND id = ${session.userId}::uuid AND active AND "sessionVersion" = ${session.version}::int
      AND NOT EXISTS (SELECT 1 FROM "RevokedSession" r WHERE r."tenantId" = ${s.tenant} AND r."sessionId" = ${session.sessionId}::uuid)`,
    { prepared: true },
  );
  const user = rows[0];
  if (!user) return null;
  return { kind: 'staff', id: user.id, role: user.role, name: user.name, email: user.email, companyId: user.companyId };
}

export async function loadCustomerActor(tenant: TenantInfo, session: SessionRef): Promise<CustomerActor | null> {
  if (!wellFormed(session)) return null;
  const rows = await tenantSql(tenant.id).rows<{ id: string; name: string; status: 'ACTIVE' | 'DELETED' }>(
    (s) => Prisma.sql`
    SELECT id, name, status FROM "Customer"
    WHERE "tenantId" = ${s.tenant} AND id = ${session.userId}::uuid AND "sessionVersion" = ${session.version}::int
      AND NOT EXISTS (SELECT 1 FROM "RevokedSession" r WHERE r."tenantId" = ${s.tenant} AND r."sessionId" = ${session.sessionId}::uuid)`,
    { prepared: true },
  );
  const customer = rows[0];
  if (!customer) return null;
  if (customer.status === 'DELETED' && !tenant.settings.portal.allowDeleted) return null;
  return { kind: 'customer', id: customer.id, name: customer.name };
}
