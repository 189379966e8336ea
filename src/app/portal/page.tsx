import { getTranslations } from 'next-intl/server';
import { requireCustomer } from '@/server/auth/guards';
import { LanguageSwitcher } from '@/components/shell/language-switcher';
import { SignOutButton } from '@/components/shell/sign-out-button';
import { PortalTickets } from '@/components/portal/portal-tickets';
import { PushToggle } from '@/components/push/push-toggle';
import { SignOutEverywhere } from '@/components/account/account-security';
import { TRPCReactProvider } from '@/trpc/react';
import { intlLocale, isLocale } from '@/lib/format';

export async function generateMetadata() {
  const t = await getTranslations('portal');
  return { title: t('title') };
}

/** The customer portal's home: their tickets (F11, part) and push on this device (F13); invoices and payment promise arrive with their issues. */
export default async function PortalHomePage() {
  const { tenant, customer } = await requireCustomer();
  const t = await getTranslations('portal');
  return (
    <main className="mx-auto max-w-2xl p-4">
      <header className="mb-6 flex items-center justify-between gap-2">
        <p className="text-sm font-medium text-brand-700">{tenant.name}</p>
        <LanguageSwitcher />
      </header>
      <h1 className="text-2xl font-semibold">{t('greeting', { name: customer.name })}</h1>
      <p className="mt-2 text-sm text-slate-700">{t('welcome', { tenant: tenant.name })}</p>
      <TRPCReactProvider>
        <div className="mt-6 space-y-6">
          <PortalTickets intl={intlLocale(isLocale(tenant.locale) ? tenant.locale : 'es', tenant.country)} timeZone={tenant.timeZone} />
          <div className="rounded-lg border border-slate-200 p-3">
            <PushToggle audience="customer" />
          </div>
          <div className="rounded-lg border border-slate-200 p-3">
            <SignOutEverywhere audience="customer" redirectTo="/portal/login" />
          </div>
        </div>
      </TRPCReactProvider>
      <div className="mt-6">
        <SignOutButton redirectTo="/portal/login" />
      </div>
    </main>
  );
}
