// The technician app's frame: the tenant's name, and the same permission map and tRPC client the
// back office uses. Mobile first: one narrow column.
import type { ReactNode } from 'react';
import { TRPCReactProvider } from '@/trpc/react';
import type { StaffActor } from '@/server/services/caller';
import type { TenantInfo } from '@/server/services/tenants/resolve';
import { PermissionsProvider } from '@/components/shell/permissions';
import { staffContextValue } from '@/components/shell/staff-context';

export async function TechShell({ tenant, staff, children }: { tenant: TenantInfo; staff: StaffActor; children: ReactNode }) {
  return (
    <TRPCReactProvider>
      <PermissionsProvider value={staffContextValue(tenant, staff.role)}>
        <main className="mx-auto max-w-md p-4">
          <header className="mb-4 flex items-center justify-between gap-2">
            <p className="text-sm font-medium text-brand-700">{tenant.name}</p>
          </header>
          {children}
        </main>
      </PermissionsProvider>
    </TRPCReactProvider>
  );
}
