import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { requireCustomer, requireId } from '@/server/auth/guards';
import { PortalTicketView } from '@/components/portal/portal-ticket-view';
import { Card } from '@/components/ui/controls';
import { tenantIntl } from '@/lib/format';
import { TRPCReactProvider } from '@/trpc/react';

export async function generateMetadata() {
  const t = await getTranslations('portalTickets');
  return { title: t('view.title') };
}

/** F11: one of the customer's tickets, on its own address (where the customer's push notifications land). */
export default async function PortalTicketPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ created?: string }> }) {
  const { tenant } = await requireCustomer();
  const id = requireId((await params).id);
  const { created } = await searchParams;
  const t = await getTranslations('portalTickets');
  return (
    <TRPCReactProvider>
      <Card>
        {created ? (
          <p role="status" className="mb-3 rounded-md bg-green-50 p-2 text-sm text-green-800">
            {t('new.created')}
          </p>
        ) : null}
        <PortalTicketView id={id} heading intl={tenantIntl(tenant)} timeZone={tenant.timeZone} />
        <p className="mt-4">
          <Link href="/portal/tickets" className="text-sm text-brand-800 underline">{t('new.back')}</Link>
        </p>
      </Card>
    </TRPCReactProvider>
  );
}
