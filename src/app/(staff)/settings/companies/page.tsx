import { getTranslations } from 'next-intl/server';
import { requireStaffWith } from '@/server/auth/guards';
import { PageHeader } from '@/components/ui/controls';
import { CompaniesAdmin } from '@/components/companies/companies-admin';

export async function generateMetadata() {
  const t = await getTranslations('companies');
  return { title: t('title') };
}

/** G2: the tenant's partner companies. */
export default async function CompaniesPage() {
  await requireStaffWith('companies.read');
  const t = await getTranslations('companies');
  return (
    <>
      <PageHeader title={t('title')} />
      <CompaniesAdmin />
    </>
  );
}
