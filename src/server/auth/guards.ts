// Page guards: an unknown host is a 404, a missing or foreign session goes to the sign-in page.
// They decide what a page renders; the procedures behind the page check again on every call.
import { notFound, redirect } from 'next/navigation';
import type { TenantInfo } from '@/server/services/tenants/resolve';
import type { CustomerActor, StaffActor } from '@/server/services/caller';
import { currentCustomer, currentStaff, currentTenant } from './session';

export async function requireTenant(): Promise<TenantInfo> {
  const tenant = await currentTenant();
  if (!tenant) notFound();
  return tenant;
}

export async function requireStaff(loginPath = '/login'): Promise<{ tenant: TenantInfo; staff: StaffActor }> {
  const tenant = await requireTenant();
  const staff = await currentStaff(tenant);
  if (!staff) redirect(loginPath);
  return { tenant, staff };
}

export async function requireCustomer(): Promise<{ tenant: TenantInfo; customer: CustomerActor }> {
  const tenant = await requireTenant();
  const customer = await currentCustomer(tenant);
  if (!customer) redirect('/portal/login');
  return { tenant, customer };
}
