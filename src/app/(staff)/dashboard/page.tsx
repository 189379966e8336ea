import { Suspense } from 'react';
import { getTranslations } from 'next-intl/server';
import { requireStaffWith } from '@/server/auth/guards';
import { DashboardPage } from '@/components/dashboard/dashboard-page';

export async function generateMetadata() {
  const t = await getTranslations('dashboard');
  return { title: t('title') };
}

/** C14: the help desk's dashboard as its own page (it is also above the ticket grid). */
export default async function DashboardRoute() {
  await requireStaffWith('dashboard.read');
  return (
    <Suspense>
      <DashboardPage />
    </Suspense>
  );
}
