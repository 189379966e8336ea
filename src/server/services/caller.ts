// Who is calling a service, for which tenant, with which tenant-scoped data access.
import type { Role } from '@/lib/permissions';
import type { Locale } from '@/lib/format';
import { scopedDb, type ScopedDb } from '@/server/data/scoped';
import { tenantSql, type TenantSql } from '@/server/data/sql';
import { ticketVisibility, type TicketVisibility } from '@/server/data/visibility';
import type { TenantInfo } from '@/server/services/tenants/resolve';

/** `companyId`: G2, the partner company the member belongs to (null: the ISP's own staff). */
export type StaffActor = { kind: 'staff'; id: string; role: Role; name: string; email: string; companyId: string | null };
export type CustomerActor = { kind: 'customer'; id: string; name: string };
export type Actor = StaffActor | CustomerActor;

export type Caller<A extends Actor = Actor> = {
  tenantId: string;
  tenant: TenantInfo;
  actor: A;
  /** The tenant's data, and of its tickets only those `visibility` lets the caller see. */
  db: ScopedDb;
  /** Raw statements of the tenant's data, with the same tenant and visibility (src/server/data/sql.ts). */
  sql: TenantSql;
  /** Which tickets the caller may see (null: every ticket of the tenant). */
  visibility: TicketVisibility;
  locale: Locale;
};

export type StaffCaller = Caller<StaffActor>;

export function staffActor(caller: Caller): StaffActor {
  if (caller.actor.kind !== 'staff') throw new Error('staff caller expected');
  return caller.actor;
}

/** A staff member's caller: the tenant's data as this member may see it (the procedure ladder builds every staff call's with this). */
export function staffCallerFor(tenant: TenantInfo, actor: StaffActor, locale: Locale): StaffCaller {
  const visibility = ticketVisibility(actor, tenant.settings);
  return { tenantId: tenant.id, tenant, actor, db: scopedDb(tenant.id, visibility), sql: tenantSql(tenant.id, visibility), visibility, locale };
}

/** A customer's caller (the portal's services filter by the customer themselves). */
export function customerCallerFor(tenant: TenantInfo, actor: CustomerActor, locale: Locale): Caller<CustomerActor> {
  return { tenantId: tenant.id, tenant, actor, db: scopedDb(tenant.id), sql: tenantSql(tenant.id), visibility: null, locale };
}
