import { getTranslations } from 'next-intl/server';
import { requireCustomer } from '@/server/auth/guards';
import { PortalInvoices } from '@/components/portal/portal-invoices';
import { tenantIntl } from '@/lib/format';
import { TRPCReactProvider } from '@/trpc/react';

export async function generateMetadata() {
  const t = await getTranslations('portal');
  return { title: t('nav.invoices') };
}

/** F4/F10: the customer's invoices and account statement. */
export default async function PortalInvoicesPage() {
  const { tenant } = await requireCustomer();
  const t = await getTranslations('portal');
  return (
    <TRPCReactProvider>
      <h1 className="mb-4 text-2xl font-semibold">{t('nav.invoices')}</h1>
      <PortalInvoices intl={tenantIntl(tenant)} />
    </TRPCReactProvider>
  );
}
