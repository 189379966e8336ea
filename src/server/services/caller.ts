// Who is calling a service, for which tenant, with which tenant-scoped data access.
import type { Role } from '@/lib/permissions';
import type { Locale } from '@/lib/format';
import type { ScopedDb } from '@/server/data/scoped';
import type { TenantInfo } from '@/server/services/tenants/resolve';

export type StaffActor = { kind: 'staff'; id: string; role: Role; name: string; email: string };
export type CustomerActor = { kind: 'customer'; id: string; name: string };
export type Actor = StaffActor | CustomerActor;

export type Caller<A extends Actor = Actor> = {
  tenantId: string;
  tenant: TenantInfo;
  actor: A;
  db: ScopedDb;
  locale: Locale;
};

export type StaffCaller = Caller<StaffActor>;

export function staffActor(caller: Caller): StaffActor {
  if (caller.actor.kind !== 'staff') throw new Error('staff caller expected');
  return caller.actor;
}
