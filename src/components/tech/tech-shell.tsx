// The technician app's frame: the tenant, the language, sign-out, and the same permission map
// and tRPC client the back office uses.
import type { ReactNode } from 'react';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { TRPCReactProvider } from '@/trpc/react';
import type { StaffActor } from '@/server/services/caller';
import type { TenantInfo } from '@/server/services/tenants/resolve';
import { LanguageSwitcher } from '@/components/shell/language-switcher';
import { SignOutButton } from '@/components/shell/sign-out-button';
import { PermissionsProvider } from '@/components/shell/permissions';
import { staffContextValue } from '@/components/shell/staff-context';
import { PushToggle } from '@/components/push/push-toggle';

export async function TechShell({ tenant, staff, children }: { tenant: TenantInfo; staff: StaffActor; children: ReactNode }) {
  const account = await getTranslations('account');
  return (
    <TRPCReactProvider>
      <PermissionsProvider value={staffContextValue(tenant, staff.role)}>
        <main className="mx-auto max-w-md p-4">
          <header className="mb-6 flex items-center justify-between gap-2">
            <p className="text-sm font-medium text-brand-700">{tenant.name}</p>
            <LanguageSwitcher />
          </header>
          {children}
          <div className="mt-8 rounded-lg border border-slate-200 p-3">
            <PushToggle audience="staff" />
          </div>
          <div className="mt-4 flex items-center gap-3">
            <SignOutButton redirectTo="/login?next=/tech" />
            <Link href="/tech/account" className="text-sm text-brand-700 hover:underline">{account('title')}</Link>
          </div>
        </main>
      </PermissionsProvider>
    </TRPCReactProvider>
  );
}
