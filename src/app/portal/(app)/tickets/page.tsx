import { getTranslations } from 'next-intl/server';
import { requireCustomer } from '@/server/auth/guards';
import { PortalTickets } from '@/components/portal/portal-tickets';
import { intlLocale, isLocale } from '@/lib/format';

export async function generateMetadata() {
  const t = await getTranslations('portal');
  return { title: t('myTickets') };
}

/** F11: the customer's tickets. */
export default async function PortalTicketsPage() {
  const { tenant } = await requireCustomer();
  return <PortalTickets intl={intlLocale(isLocale(tenant.locale) ? tenant.locale : 'es', tenant.country)} timeZone={tenant.timeZone} />;
}
