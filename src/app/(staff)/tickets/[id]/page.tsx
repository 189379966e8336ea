import { getTranslations } from 'next-intl/server';
import { requireId, requireStaffWith } from '@/server/auth/guards';
import { TicketView } from '@/components/tickets/ticket-view';
import { env } from '@/env';

export async function generateMetadata() {
  const t = await getTranslations('ticketView');
  return { title: t('title') };
}

/** C6–C9, C12: one ticket. The map's tile server is configured at run time (MAP_TILE_URL). */
export default async function TicketPage({ params }: { params: Promise<{ id: string }> }) {
  await requireStaffWith('tickets.read');
  const id = requireId((await params).id);
  const { MAP_TILE_URL, MAP_TILE_ATTRIBUTION } = env();
  return <TicketView id={id} tiles={{ url: MAP_TILE_URL, attribution: MAP_TILE_ATTRIBUTION }} />;
}
