import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { requireStaff } from '@/server/auth/guards';
import { TechShell } from '@/components/tech/tech-shell';
import { StaffAccountSecurity } from '@/components/account/account-security';
import { TRPCReactProvider } from '@/trpc/react';

export async function generateMetadata() {
  const t = await getTranslations('account');
  return { title: t('title') };
}

/** The technician's own account (E3): their password and their sessions. */
export default async function TechAccountPage() {
  const { tenant, staff } = await requireStaff('/login?next=/tech');
  const t = await getTranslations('account');
  const tech = await getTranslations('tech');
  return (
    <TechShell tenant={tenant} staff={staff}>
      <Link href="/tech?view=profile" className="mb-2 inline-block text-sm text-brand-700 underline">{tech('backToProfile')}</Link>
      <h1 className="mb-4 text-2xl font-semibold">{t('title')}</h1>
      <TRPCReactProvider>
        <StaffAccountSecurity email={staff.email} loginPath="/login?next=/tech" />
      </TRPCReactProvider>
    </TechShell>
  );
}
