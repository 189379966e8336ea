import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { requireStaff } from '@/server/auth/guards';
import { can } from '@/lib/permissions';
import { PageHeader } from '@/components/ui/controls';
import { TenantSettings } from '@/components/settings/tenant-settings-form';

export async function generateMetadata() {
  const t = await getTranslations('settings');
  return { title: t('title') };
}

export default async function SettingsPage() {
  const { staff } = await requireStaff();
  if (!can(staff.role, 'settings.read')) redirect('/');
  const t = await getTranslations('settings');
  return (
    <>
      <PageHeader title={t('title')} />
      <TenantSettings />
    </>
  );
}
