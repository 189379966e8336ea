import { getTranslations } from 'next-intl/server';
import { requireCustomer } from '@/server/auth/guards';
import { PortalTicketNew, type NewKind } from '@/components/portal/portal-ticket-new';
import { TRPCReactProvider } from '@/trpc/react';

export async function generateMetadata() {
  const t = await getTranslations('portalTickets');
  return { title: t('new.ticketTitle') };
}

/** F11, F6, F7: a new ticket, a payment receipt (?kind=receipt) or a plan request (?kind=plan). */
export default async function PortalNewTicketPage({ searchParams }: { searchParams: Promise<{ kind?: string }> }) {
  await requireCustomer();
  const { kind } = await searchParams;
  const chosen: NewKind = kind === 'receipt' || kind === 'plan' ? kind : 'ticket';
  return (
    <TRPCReactProvider>
      <PortalTicketNew kind={chosen} />
    </TRPCReactProvider>
  );
}
