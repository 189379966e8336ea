import type { ReactNode } from 'react';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { requireStaff } from '@/server/auth/guards';
import { can } from '@/lib/permissions';
import { TRPCReactProvider } from '@/trpc/react';
import { StaffNav } from '@/components/shell/staff-nav';
import { LanguageSwitcher } from '@/components/shell/language-switcher';
import { SignOutButton } from '@/components/shell/sign-out-button';
import { PermissionsProvider } from '@/components/shell/permissions';
import { staffContextValue } from '@/components/shell/staff-context';
import { PushToggle } from '@/components/push/push-toggle';

export default async function StaffLayout({ children }: { children: ReactNode }) {
  const { tenant, staff } = await requireStaff();
  if (!can(staff.role, 'backoffice.access')) redirect('/tech');
  const t = await getTranslations('roles');
  const nav = await getTranslations('nav');
  const push = await getTranslations('push');
  const account = await getTranslations('account');
  const context = staffContextValue(tenant, staff.role);
  return (
    <TRPCReactProvider>
      <PermissionsProvider value={context}>
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:p-2">
          {nav('skipToContent')}
        </a>
        <header className="relative border-b border-slate-200 bg-white">
          <div className="mx-auto flex h-14 max-w-7xl items-center gap-4 px-4">
            <span className="font-semibold text-brand-700">{tenant.name}</span>
            <StaffNav permissions={context.permissions} />
            <div className="ml-auto flex items-center gap-3">
              <span className="hidden text-right text-sm lg:block">
                <span className="block font-medium" data-testid="current-user">{staff.name}</span>
                <span className="block text-xs text-slate-600">{t(staff.role)}</span>
              </span>
              <details className="relative">
                <summary className="cursor-pointer list-none rounded px-2 py-1 text-slate-700 hover:bg-slate-100" aria-label={push('title')} title={push('title')}>
                  <span aria-hidden="true">🔔</span>
                </summary>
                <div className="absolute right-0 z-20 mt-2 w-72 rounded-lg border border-slate-200 bg-white p-3 shadow-lg">
                  <PushToggle audience="staff" />
                </div>
              </details>
              <LanguageSwitcher />
              <Link href="/account" className="rounded px-2 py-1 text-sm text-slate-700 hover:bg-slate-100">{account('title')}</Link>
              <SignOutButton redirectTo="/login" />
            </div>
          </div>
        </header>
        <main id="main" tabIndex={-1} className="mx-auto max-w-7xl px-4 py-6 focus:outline-none">
          {children}
        </main>
      </PermissionsProvider>
    </TRPCReactProvider>
  );
}
