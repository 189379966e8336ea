import { getLocale, getTranslations } from 'next-intl/server';
import { intlLocale, type Locale } from '@/lib/format';
import { currencyDigits } from '@/lib/money';
import { requireCustomer } from '@/server/auth/guards';
import { PortalPay } from '@/components/portal/portal-pay';
import { TRPCReactProvider } from '@/trpc/react';

export async function generateMetadata() {
  const t = await getTranslations('portalHome');
  return { title: t('payTitle') };
}

/** F9 "Pagar": the payment methods and the amount. */
export default async function PortalPayPage() {
  const { tenant } = await requireCustomer();
  const t = await getTranslations('portalHome');
  const locale = (await getLocale()) as Locale;
  return (
    <TRPCReactProvider>
      <h1 className="mb-4 text-2xl font-semibold">{t('payTitle')}</h1>
      <PortalPay intl={intlLocale(locale, tenant.country)} digits={currencyDigits(tenant.currency)} />
    </TRPCReactProvider>
  );
}
