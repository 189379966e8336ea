import { getTranslations } from 'next-intl/server';
import { requireStaffWith } from '@/server/auth/guards';
import { PageHeader } from '@/components/ui/controls';
import { PortalSettings } from '@/components/settings/portal-settings-form';
import { PortalInvoiceSettings } from '@/components/settings/portal-invoice-settings';
import { PortalTicketSettingsCard } from '@/components/settings/portal-ticket-settings-card';
import { PaymentSettingsCard } from '@/components/settings/payment-settings-card';
import { PromiseSettingsCard } from '@/components/settings/promise-settings-card';

export async function generateMetadata() {
  const t = await getTranslations('settings.portalSettings');
  return { title: t('title') };
}

/** Settings > "App y portal" (F1, F2, F4, F8). */
export default async function PortalSettingsPage() {
  await requireStaffWith('settings.read');
  const t = await getTranslations('settings.portalSettings');
  return (
    <>
      <PageHeader title={t('title')} />
      <div className="space-y-6">
        <PortalSettings />
        <PortalInvoiceSettings />
        <PaymentSettingsCard />
        <PromiseSettingsCard />
        <PortalTicketSettingsCard />
      </div>
    </>
  );
}
