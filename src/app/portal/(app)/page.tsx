import { getLocale, getTranslations } from 'next-intl/server';
import { intlLocale, type Locale } from '@/lib/format';
import { requireCustomer } from '@/server/auth/guards';
import { PortalAccount } from '@/components/portal/portal-home';
import { PortalPromise } from '@/components/portal/portal-promise';

export async function generateMetadata() {
  const t = await getTranslations('portal');
  return { title: t('title') };
}

/** F9: the customer's home — the account's state, paying, the payment promise. */
export default async function PortalHomePage() {
  const { tenant, customer } = await requireCustomer();
  const t = await getTranslations('portal');
  const locale = (await getLocale()) as Locale;
  return (
    <>
      <h1 className="text-2xl font-semibold">{t('greeting', { name: customer.name })}</h1>
      <p className="mt-2 text-sm text-slate-700">{t('welcome', { tenant: tenant.name })}</p>
      <PortalAccount intl={intlLocale(locale, tenant.country)} promise={<PortalPromise />} />
    </>
  );
}
