import { getLocale, getTranslations } from 'next-intl/server';
import { intlLocale, type Locale } from '@/lib/format';
import { requireCustomer } from '@/server/auth/guards';
import { serverApi } from '@/trpc/server';
import { PortalAccount } from '@/components/portal/portal-home';
import { PortalPromise } from '@/components/portal/portal-promise';
import { PortalSaved } from '@/components/portal/portal-offline';

export async function generateMetadata() {
  const t = await getTranslations('portal');
  return { title: t('title') };
}

/** F9: the customer's home — the account's state, paying, the payment promise; kept for offline use (F14). */
export default async function PortalHomePage() {
  const { tenant, customer } = await requireCustomer();
  const t = await getTranslations('portal');
  const locale = (await getLocale()) as Locale;
  const home = await (await serverApi()).portal.home();
  const intl = intlLocale(locale, tenant.country);
  return (
    <>
      <PortalSaved savedAt={Date.now()} intl={intl} timeZone={tenant.timeZone} />
      <h1 className="text-2xl font-semibold">{t('greeting', { name: customer.name })}</h1>
      <p className="mt-2 text-sm text-slate-700">{t('welcome', { tenant: tenant.name })}</p>
      <PortalAccount home={home} intl={intl} promise={<PortalPromise />} />
    </>
  );
}
