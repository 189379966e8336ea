import { getTranslations } from 'next-intl/server';
import { requireStaffWith } from '@/server/auth/guards';
import { PageHeader } from '@/components/ui/controls';
import { TenantSettings } from '@/components/settings/tenant-settings-form';
import { NotificationSettings } from '@/components/settings/notification-settings-form';

export async function generateMetadata() {
  const t = await getTranslations('settings');
  return { title: t('title') };
}

export default async function SettingsPage() {
  await requireStaffWith('settings.read');
  const t = await getTranslations('settings');
  return (
    <>
      <PageHeader title={t('title')} />
      <TenantSettings />
      <div className="mt-8">
        <NotificationSettings />
      </div>
    </>
  );
}
