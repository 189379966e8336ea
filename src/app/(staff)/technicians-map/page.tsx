import { getTranslations } from 'next-intl/server';
import { requireStaffWith } from '@/server/auth/guards';
import { PageHeader } from '@/components/ui/controls';
import { TechniciansMap } from '@/components/positions/technicians-map';
import { env } from '@/env';

export async function generateMetadata() {
  const t = await getTranslations('positions');
  return { title: t('title') };
}

/** C16 "Técnicos": where each technician was last, on a map (positions.read). The tiles are configured at run time (MAP_TILE_URL). */
export default async function TechniciansMapPage() {
  await requireStaffWith('positions.read');
  const t = await getTranslations('positions');
  const { MAP_TILE_URL, MAP_TILE_ATTRIBUTION } = env();
  return (
    <>
      <PageHeader title={t('title')}>
        <p className="mt-1 max-w-3xl text-sm text-slate-700">{t('intro')}</p>
      </PageHeader>
      <TechniciansMap tiles={{ url: MAP_TILE_URL, attribution: MAP_TILE_ATTRIBUTION }} />
    </>
  );
}
