import { getTranslations } from 'next-intl/server';
import { requireStaff } from '@/server/auth/guards';
import { PageHeader } from '@/components/ui/controls';
import { CatalogAdmin } from '@/components/settings/catalog-admin';

export async function generateMetadata() {
  const t = await getTranslations('catalog');
  return { title: t('title') };
}

export default async function CatalogPage() {
  await requireStaff();
  const t = await getTranslations('catalog');
  return (
    <>
      <PageHeader title={t('title')} />
      <CatalogAdmin />
    </>
  );
}
