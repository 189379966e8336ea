'use client';
// What the signed-in staff member may do, from the same permission map the server enforces,
// and the tenant's formatting settings.
import { createContext, useContext, type ReactNode } from 'react';
import type { Permission } from '@/lib/permissions';
import { tenantIntl } from '@/lib/format';

type Value = { permissions: Permission[]; tenant: { name: string; country: string; locale: string; timeZone: string; currency: string } };

const Ctx = createContext<Value | null>(null);

export function PermissionsProvider({ value, children }: { value: Value; children: ReactNode }) {
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

/** The staff context, with the Intl locale for the tenant's dates and numbers (es-AR, it-IT …). */
export function useStaffContext(): Value & { intl: string } {
  const value = useContext(Ctx);
  if (!value) throw new Error('useStaffContext outside the staff layout');
  return { ...value, intl: tenantIntl(value.tenant) };
}

export function useCan(): (permission: Permission) => boolean {
  const { permissions } = useStaffContext();
  return (permission) => permissions.includes(permission);
}
