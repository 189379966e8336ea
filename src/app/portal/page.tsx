import { getTranslations } from 'next-intl/server';
import { requireCustomer } from '@/server/auth/guards';
import Link from 'next/link';
import { SignOutButton } from '@/components/shell/sign-out-button';
import { PortalTickets } from '@/components/portal/portal-tickets';
import { PortalHeader } from '@/components/portal/portal-header';
import { PushToggle } from '@/components/push/push-toggle';
import { SignOutEverywhere } from '@/components/account/account-security';
import { TRPCReactProvider } from '@/trpc/react';
import { intlLocale, isLocale } from '@/lib/format';

export async function generateMetadata() {
  const t = await getTranslations('portal');
  return { title: t('title') };
}

/** The customer portal's home: their tickets (F11, part), push on this device (F13), the info and welcome messages (F8) and the profile (F12); invoices and payment promise arrive with their issues. */
export default async function PortalHomePage() {
  const { tenant, customer } = await requireCustomer();
  const t = await getTranslations('portal');
  return (
    <TRPCReactProvider>
      <main className="mx-auto max-w-2xl p-4">
        <PortalHeader tenantName={tenant.name} />
        <h1 className="text-2xl font-semibold">{t('greeting', { name: customer.name })}</h1>
        <p className="mt-2 text-sm text-slate-700">{t('welcome', { tenant: tenant.name })}</p>
        <nav className="mt-4 text-sm">
          <Link className="font-medium text-brand-700 underline" href="/portal/profile">{t('profile')}</Link>
        </nav>
        <div className="mt-6 space-y-6">
          <PortalTickets intl={intlLocale(isLocale(tenant.locale) ? tenant.locale : 'es', tenant.country)} timeZone={tenant.timeZone} />
          <div className="rounded-lg border border-slate-200 p-3">
            <PushToggle audience="customer" />
          </div>
          <div className="rounded-lg border border-slate-200 p-3">
            <SignOutEverywhere audience="customer" redirectTo="/portal/login" />
          </div>
        </div>
        <div className="mt-6">
          <SignOutButton redirectTo="/portal/login" />
        </div>
      </main>
    </TRPCReactProvider>
  );
}
