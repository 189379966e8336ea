import { getTranslations } from 'next-intl/server';
import { requireStaffWith } from '@/server/auth/guards';
import { PageHeader } from '@/components/ui/controls';
import { ProductsAdmin } from '@/components/settings/products-admin';

export async function generateMetadata() {
  const t = await getTranslations('products');
  return { title: t('title') };
}

/** G8: the product catalogue the technicians sell from. */
export default async function ProductsPage() {
  await requireStaffWith('products.read');
  const t = await getTranslations('products');
  return (
    <>
      <PageHeader title={t('title')} />
      <ProductsAdmin />
    </>
  );
}
