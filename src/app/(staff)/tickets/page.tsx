import { Suspense } from 'react';
import { getTranslations } from 'next-intl/server';
import { requireStaffWith } from '@/server/auth/guards';
import { TicketsPage } from '@/components/tickets/tickets-page';

export async function generateMetadata() {
  const t = await getTranslations('tickets');
  return { title: t('title') };
}

/** C1–C5: the ticket grid and opening a ticket. */
export default async function TicketsRoute() {
  await requireStaffWith('tickets.read');
  return (
    <Suspense>
      <TicketsPage />
    </Suspense>
  );
}
