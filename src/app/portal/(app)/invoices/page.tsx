import { getTranslations } from 'next-intl/server';
import { requireCustomer } from '@/server/auth/guards';

export async function generateMetadata() {
  const t = await getTranslations('portal');
  return { title: t('nav.invoices') };
}

/** F4/F10: the customer's invoices and statement. */
export default async function PortalInvoicesPage() {
  await requireCustomer();
  const t = await getTranslations('portal');
  return <h1 className="mb-4 text-2xl font-semibold">{t('nav.invoices')}</h1>;
}
