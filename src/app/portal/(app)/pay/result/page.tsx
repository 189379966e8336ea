import { getLocale, getTranslations } from 'next-intl/server';
import { intlLocale, type Locale } from '@/lib/format';
import { requireCustomer } from '@/server/auth/guards';
import { PortalPayResult } from '@/components/portal/portal-pay';
import { TRPCReactProvider } from '@/trpc/react';

export async function generateMetadata() {
  const t = await getTranslations('portalHome');
  return { title: t('resultTitle') };
}

/** F9: Mercado Pago's back URL — received (recorded in the account) or pending. */
export default async function PortalPayResultPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { tenant } = await requireCustomer();
  const t = await getTranslations('portalHome');
  const locale = (await getLocale()) as Locale;
  const q = await searchParams;
  const one = (v: string | string[] | undefined) => (typeof v === 'string' ? v : null);
  return (
    <TRPCReactProvider>
      <h1 className="mb-4 text-2xl font-semibold">{t('resultTitle')}</h1>
      <PortalPayResult intl={intlLocale(locale, tenant.country)} currency={tenant.currency} paymentId={one(q.payment_id) ?? one(q.collection_id)} status={one(q.status) ?? one(q.collection_status)} />
    </TRPCReactProvider>
  );
}
