import Link from 'next/link';
import { Suspense } from 'react';
import { getTranslations } from 'next-intl/server';
import { requireStaff } from '@/server/auth/guards';
import { can } from '@/lib/permissions';
import { PageHeader } from '@/components/ui/controls';
import { CustomerList } from '@/components/customers/customer-list';

export async function generateMetadata() {
  const t = await getTranslations('customers');
  return { title: t('title') };
}

const LINK = 'inline-flex min-h-10 items-center rounded-md px-4 py-2 text-sm font-medium';

export default async function CustomersPage() {
  const { staff } = await requireStaff();
  const t = await getTranslations('customers');
  const billing = await getTranslations('billing.import');
  return (
    <>
      <PageHeader
        title={t('title')}
        actions={
          <>
            {can(staff.role, 'customers.import') ? (
              <Link href="/customers/import" className={`${LINK} border border-slate-300 bg-white text-slate-800 hover:bg-slate-100`}>
                {t('import')}
              </Link>
            ) : null}
            {can(staff.role, 'billing.import') ? (
              <Link href="/customers/import-billing" className={`${LINK} border border-slate-300 bg-white text-slate-800 hover:bg-slate-100`}>
                {billing('link')}
              </Link>
            ) : null}
            {can(staff.role, 'customers.create') ? (
              <Link href="/customers/new" className={`${LINK} bg-brand-600 text-white hover:bg-brand-700`}>
                {t('new')}
              </Link>
            ) : null}
          </>
        }
      />
      <Suspense>
        <CustomerList />
      </Suspense>
    </>
  );
}
