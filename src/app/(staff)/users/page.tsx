import { getTranslations } from 'next-intl/server';
import { requireStaffWith } from '@/server/auth/guards';
import { PageHeader } from '@/components/ui/controls';
import { UserAdmin } from '@/components/users/user-admin';

export async function generateMetadata() {
  const t = await getTranslations('users');
  return { title: t('title') };
}

export default async function UsersPage() {
  await requireStaffWith('users.read');
  const t = await getTranslations('users');
  return (
    <>
      <PageHeader title={t('title')} />
      <UserAdmin />
    </>
  );
}
