// Page guards: an unknown host is a 404, a missing or foreign session goes to the sign-in page.
// They decide what a page renders; the procedures behind the page check again on every call.
import { notFound, redirect } from 'next/navigation';
import { z } from 'zod';
import type { TenantInfo } from '@/server/services/tenants/resolve';
import { allows, type Permission } from '@/lib/permissions';
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

/** A staff page behind one permission of the map; without it the user goes to `otherwise`. */
export async function requireStaffWith(permission: Permission, otherwise = '/'): Promise<{ tenant: TenantInfo; staff: StaffActor }> {
  const signedIn = await requireStaff();
  if (!allows(signedIn.staff, permission)) redirect(otherwise);
  return signedIn;
}

export async function requireCustomer(): Promise<{ tenant: TenantInfo; customer: CustomerActor }> {
  const tenant = await requireTenant();
  const customer = await currentCustomer(tenant);
  if (!customer) redirect('/portal/login');
  return { tenant, customer };
}

/** A record's id from a page's address: anything but a UUID names no record — the not-found page, not a form error. */
export function requireId(id: string): string {
  if (!z.uuid().safeParse(id).success) notFound();
  return id;
}
