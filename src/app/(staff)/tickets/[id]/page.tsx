import { getTranslations } from 'next-intl/server';
import { requireStaffWith } from '@/server/auth/guards';
import { TicketView } from '@/components/tickets/ticket-view';

export async function generateMetadata() {
  const t = await getTranslations('ticketView');
  return { title: t('title') };
}

/** C6–C9, C12: one ticket. */
export default async function TicketPage({ params }: { params: Promise<{ id: string }> }) {
  await requireStaffWith('tickets.read');
  const { id } = await params;
  return <TicketView id={id} />;
}
