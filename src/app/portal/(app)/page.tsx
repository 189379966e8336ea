import { getLocale, getTranslations } from 'next-intl/server';
import { intlLocale, tenantIntl, type Locale } from '@/lib/format';
import { requireCustomer } from '@/server/auth/guards';
import { serverApi } from '@/trpc/server';
import { PortalAccount } from '@/components/portal/portal-home';
import { PortalPromiseCard } from '@/components/portal/portal-promise-card';
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
  const api = await serverApi();
  const [home, promise] = await Promise.all([api.portal.home(), api.portal.promise.status()]);
  const intl = intlLocale(locale, tenant.country);
  return (
    <>
      <PortalSaved savedAt={Date.now()} intl={intl} timeZone={tenant.timeZone} />
      <h1 className="text-2xl font-semibold">{t('greeting', { name: customer.name })}</h1>
      <p className="mt-2 text-sm text-slate-700">{t('welcome', { tenant: tenant.name })}</p>
      <PortalAccount
        home={home}
        intl={intl}
        // F3's card: its dates in the tenant's language and time zone.
        promise={<PortalPromiseCard status={promise} intl={tenantIntl(tenant)} timeZone={tenant.timeZone} />}
      />
    </>
  );
}
