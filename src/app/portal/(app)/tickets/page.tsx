import { getTranslations } from 'next-intl/server';
import { requireCustomer } from '@/server/auth/guards';
import { serverApi } from '@/trpc/server';
import { TRPCReactProvider } from '@/trpc/react';
import { PortalTickets } from '@/components/portal/portal-tickets';
import { PortalSaved } from '@/components/portal/portal-offline';
import { tenantIntl } from '@/lib/format';

export async function generateMetadata() {
  const t = await getTranslations('portal');
  return { title: t('myTickets') };
}

/** F11: the customer's tickets, read on the server with the page, so its kept copy shows them offline (F14). */
export default async function PortalTicketsPage() {
  const { tenant } = await requireCustomer();
  const api = await serverApi();
  const options = await api.portal.tickets.options();
  const list = options.view ? await api.portal.tickets.list() : null;
  const savedAt = Date.now();
  const intl = tenantIntl(tenant);
  return (
    <TRPCReactProvider>
      <PortalSaved savedAt={savedAt} intl={intl} timeZone={tenant.timeZone} />
      <PortalTickets intl={intl} timeZone={tenant.timeZone} initial={{ options, list, savedAt }} />
    </TRPCReactProvider>
  );
}
