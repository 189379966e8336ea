import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { requireStaff } from '@/server/auth/guards';
import { PageHeader } from '@/components/ui/controls';
import { StaffAccountSecurity } from '@/components/account/account-security';

export async function generateMetadata() {
  const t = await getTranslations('account');
  return { title: t('title') };
}

/** The signed-in staff member's own account: their password and their sessions. */
export default async function AccountPage() {
  const { staff } = await requireStaff();
  const t = await getTranslations('account');
  const exportsT = await getTranslations('exports');
  return (
    <>
      <PageHeader title={t('title')} actions={<Link href="/exports" className="text-sm font-medium text-brand-700 underline">{exportsT('myExports')}</Link>}>
        <p className="mt-1 text-sm text-slate-700">{staff.email}</p>
      </PageHeader>
      <StaffAccountSecurity email={staff.email} loginPath="/login" />
    </>
  );
}
