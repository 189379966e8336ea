import { getTranslations } from 'next-intl/server';
import { requireStaff } from '@/server/auth/guards';
import { PageHeader } from '@/components/ui/controls';
import { MyExports } from '@/components/exports/my-exports';

export async function generateMetadata() {
  const t = await getTranslations('exports');
  return { title: t('page.title') };
}

/** C15: "Mis exportaciones" — the signed-in staff member's background exports of the last 7 days. */
export default async function ExportsPage() {
  await requireStaff();
  const t = await getTranslations('exports');
  return (
    <>
      <PageHeader title={t('page.title')}>
        <p className="mt-1 text-sm text-slate-700">{t('page.intro')}</p>
      </PageHeader>
      <MyExports />
    </>
  );
}
