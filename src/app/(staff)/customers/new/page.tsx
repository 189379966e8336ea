import { getTranslations } from 'next-intl/server';
import { redirect } from 'next/navigation';
import { requireStaff } from '@/server/auth/guards';
import { can } from '@/lib/permissions';
import { PageHeader } from '@/components/ui/controls';
import { CustomerForm } from '@/components/customers/customer-form';

export async function generateMetadata() {
  const t = await getTranslations('customers');
  return { title: t('new') };
}

export default async function NewCustomerPage() {
  const { staff } = await requireStaff();
  if (!can(staff.role, 'customers.create')) redirect('/customers');
  const t = await getTranslations('customers');
  return (
    <>
      <PageHeader title={t('new')} />
      <CustomerForm />
    </>
  );
}
