import { getTranslations } from 'next-intl/server';
import { requireStaffWith } from '@/server/auth/guards';
import { PageHeader } from '@/components/ui/controls';
import { CustomerForm } from '@/components/customers/customer-form';

export async function generateMetadata() {
  const t = await getTranslations('customers');
  return { title: t('new') };
}

export default async function NewCustomerPage() {
  await requireStaffWith('customers.create', '/customers');
  const t = await getTranslations('customers');
  return (
    <>
      <PageHeader title={t('new')} />
      <CustomerForm />
    </>
  );
}
