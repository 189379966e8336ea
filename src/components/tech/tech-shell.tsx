// The technician app's frame: the tenant's name and the same permission map the back office uses.
// Mobile first: one narrow column. The tRPC client is not here: the app's home view reads the
// device's copy and loads the client after it (src/components/tech/tech-app.tsx); other pages wrap
// what needs it in <TRPCReactProvider>.
import type { ReactNode } from 'react';
import type { StaffActor } from '@/server/services/caller';
import type { TenantInfo } from '@/server/services/tenants/resolve';
import { PermissionsProvider } from '@/components/shell/permissions';
import { staffContextValue } from '@/components/shell/staff-context';

export async function TechShell({ tenant, staff, children }: { tenant: TenantInfo; staff: StaffActor; children: ReactNode }) {
  return (
    <PermissionsProvider value={staffContextValue(tenant, staff.role, staff.companyId)}>
      <main className="mx-auto max-w-md p-4">
        <header className="mb-4 flex items-center justify-between gap-2">
          <p className="text-sm font-medium text-brand-700">{tenant.name}</p>
        </header>
        {children}
      </main>
    </PermissionsProvider>
  );
}
