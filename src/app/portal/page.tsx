import { getTranslations } from 'next-intl/server';
import { requireCustomer } from '@/server/auth/guards';
import { LanguageSwitcher } from '@/components/shell/language-switcher';
import { SignOutButton } from '@/components/shell/sign-out-button';

export async function generateMetadata() {
  const t = await getTranslations('portal');
  return { title: t('title') };
}

/** The customer portal's home; tickets, invoices and payment promise arrive with their issues (F1–F14). */
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
      <div className="mt-6">
        <SignOutButton redirectTo="/portal/login" />
      </div>
    </main>
  );
}
