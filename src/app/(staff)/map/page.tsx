import { z } from 'zod';
import { getTranslations } from 'next-intl/server';
import { requireStaffWith } from '@/server/auth/guards';
import { PageHeader } from '@/components/ui/controls';
import { StaffMap } from '@/components/maps/staff-map';
import { env } from '@/env';

export async function generateMetadata() {
  const t = await getTranslations('connectionsMap.page');
  return { title: t('title') };
}

/** `?lat=…&lng=…&z=…` opens the map on a place (a link to it); without them, on the tenant's connections. */
const ZPlace = z.object({
  lat: z.coerce.number().min(-90).max(90),
  lng: z.coerce.number().min(-180).max(180),
  z: z.coerce.number().int().min(0).max(19).default(16),
});

/** E7 for the office: every connection of the tenant on a map, by status. The tile server is MAP_TILE_URL. */
export default async function MapPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireStaffWith('connections.read');
  const t = await getTranslations('connectionsMap.page');
  const { MAP_TILE_URL, MAP_TILE_ATTRIBUTION } = env();
  const place = ZPlace.safeParse(await searchParams);
  return (
    <>
      <PageHeader title={t('heading')}>
        <p className="mt-1 text-sm text-slate-600">{t('intro')}</p>
      </PageHeader>
      <StaffMap tiles={{ url: MAP_TILE_URL, attribution: MAP_TILE_ATTRIBUTION }} place={place.success ? { lat: place.data.lat, lng: place.data.lng, zoom: place.data.z } : null} />
    </>
  );
}
