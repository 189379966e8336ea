import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { env } from '@/env';
import { requireStaffWith } from '@/server/auth/guards';
import { PageHeader } from '@/components/ui/controls';
import { CustomerImport } from '@/components/customers/import/customer-import';
import { COLUMN_IDS, canonicalHeader } from '@/server/services/customers/import/csv';

export async function generateMetadata() {
  const t = await getTranslations('customerImport');
  return { title: t('title') };
}

export default async function CustomerImportPage() {
  await requireStaffWith('customers.import', '/customers');
  const t = await getTranslations('customerImport');
  const customers = await getTranslations('customers');
  return (
    <>
      <PageHeader
        title={t('title')}
        actions={
          <Link href="/customers" className="inline-flex min-h-10 items-center rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-800 hover:bg-slate-100">
            {customers('title')}
          </Link>
        }
      />
      <CustomerImport maxUploadMb={env().MAX_UPLOAD_MB} columns={COLUMN_IDS.map(canonicalHeader)} />
    </>
  );
}
