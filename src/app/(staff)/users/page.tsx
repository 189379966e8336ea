import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { requireStaff } from '@/server/auth/guards';
import { can } from '@/lib/permissions';
import { PageHeader } from '@/components/ui/controls';
import { UserAdmin } from '@/components/users/user-admin';

export async function generateMetadata() {
  const t = await getTranslations('users');
  return { title: t('title') };
}

export default async function UsersPage() {
  const { staff } = await requireStaff();
  if (!can(staff.role, 'users.read')) redirect('/');
  const t = await getTranslations('users');
  return (
    <>
      <PageHeader title={t('title')} />
      <UserAdmin />
    </>
  );
}
