import { getTranslations } from 'next-intl/server';
import { requireStaffWith } from '@/server/auth/guards';
import { PageHeader } from '@/components/ui/controls';
import { PortalSettings } from '@/components/settings/portal-settings-form';
import { PromiseSettingsCard } from '@/components/settings/promise-settings-card';

export async function generateMetadata() {
  const t = await getTranslations('settings.portalSettings');
  return { title: t('title') };
}

/** Settings > "App y portal" (F1, F2, F8). */
export default async function PortalSettingsPage() {
  await requireStaffWith('settings.read');
  const t = await getTranslations('settings.portalSettings');
  return (
    <>
      <PageHeader title={t('title')} />
      <PortalSettings />
      <PromiseSettingsCard />
    </>
  );
}
