import type { ReactNode } from 'react';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { requireStaff } from '@/server/auth/guards';
import { can } from '@/lib/permissions';
import { TRPCReactProvider } from '@/trpc/react';
import { AreaMessages } from '@/components/shell/area-messages';
import { StaffNav } from '@/components/shell/staff-nav';
import { LanguageSwitcher } from '@/components/shell/language-switcher';
import { SignOutButton } from '@/components/shell/sign-out-button';
import { PermissionsProvider } from '@/components/shell/permissions';
import { staffContextValue } from '@/components/shell/staff-context';
import { PushToggle } from '@/components/push/push-toggle';
import { ServiceWorkerRegistration } from '@/components/pwa/service-worker';
import { Bell } from 'lucide-react';

export default async function StaffLayout({ children }: { children: ReactNode }) {
  const { tenant, staff } = await requireStaff();
  if (!can(staff.role, 'backoffice.access')) redirect('/tech');
  const t = await getTranslations('roles');
  const nav = await getTranslations('nav');
  const push = await getTranslations('push');
  const account = await getTranslations('account');
  const context = staffContextValue(tenant, staff.role, staff.companyId);
  return (
    <AreaMessages>
      <TRPCReactProvider>
        <PermissionsProvider value={context}>
          <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:p-2">
            {nav('skipToContent')}
          </a>
          <header className="relative border-b border-slate-200 bg-white">
            <div className="mx-auto flex h-14 max-w-7xl items-center gap-4 px-4">
              <span className="max-w-48 truncate font-semibold text-brand-700" title={tenant.name}>{tenant.name}</span>
              <StaffNav permissions={context.permissions}>
                <span className="text-sm xl:max-w-40 xl:text-right">
                  <span className="block truncate font-medium" data-testid="current-user" title={staff.name}>{staff.name}</span>
                  <span className="block truncate text-xs text-slate-600">{t(staff.role)}</span>
                </span>
                <details className="relative">
                  <summary className="flex cursor-pointer list-none items-center rounded p-2 text-slate-700 hover:bg-slate-100" aria-label={push('title')} title={push('title')}>
                    <Bell aria-hidden className="h-5 w-5" />
                  </summary>
                  <div className="absolute left-0 z-30 mt-2 w-72 max-w-[calc(100vw-2rem)] rounded-lg border border-slate-200 bg-white p-3 shadow-lg xl:left-auto xl:right-0">
                    <PushToggle audience="staff" />
                  </div>
                </details>
                <LanguageSwitcher />
                <Link href="/account" className="rounded px-2 py-1 text-sm text-slate-700 hover:bg-slate-100">{account('title')}</Link>
                <SignOutButton redirectTo="/login" />
              </StaffNav>
            </div>
          </header>
          <main id="main" tabIndex={-1} className="mx-auto max-w-7xl px-4 py-6 focus:outline-none">
            {children}
          </main>
          {/* The push toggle above needs the service worker. */}
          <ServiceWorkerRegistration />
        </PermissionsProvider>
      </TRPCReactProvider>
    </AreaMessages>
  );
}
