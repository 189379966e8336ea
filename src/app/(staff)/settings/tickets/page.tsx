import { getTranslations } from 'next-intl/server';
import { requireStaffWith } from '@/server/auth/guards';
import { PageHeader } from '@/components/ui/controls';
import { TicketConfigAdmin } from '@/components/settings/ticket-config-admin';

export async function generateMetadata() {
  const t = await getTranslations('ticketConfig');
  return { title: t('title') };
}

/** B1–B8: areas, states, priorities, categories (and PQRS for Colombian tenants). */
export default async function TicketConfigPage() {
  await requireStaffWith('settings.read');
  const t = await getTranslations('ticketConfig');
  return (
    <>
      <PageHeader title={t('title')}>
        <p className="mt-1 text-sm text-slate-700">{t('intro')}</p>
      </PageHeader>
      <TicketConfigAdmin />
    </>
  );
}
