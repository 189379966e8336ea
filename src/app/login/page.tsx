import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { requireTenant } from '@/server/auth/guards';
import { currentStaff } from '@/server/auth/session';
import { AuthCard } from '@/components/shell/auth-card';
import { SignInForm } from '@/components/shell/sign-in-form';
import { AreaMessages } from '@/components/shell/area-messages';

export async function generateMetadata() {
  const t = await getTranslations('auth');
  return { title: t('staffTitle') };
}

export default async function StaffLoginPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const tenant = await requireTenant();
  const { next } = await searchParams;
  const target = next === '/tech' ? '/tech' : '/';
  const staff = await currentStaff(tenant);
  if (staff) redirect(staff.role === 'TECHNICIAN' ? '/tech' : target);
  const t = await getTranslations('auth');
  return (
    <AreaMessages>
      <AuthCard tenantName={tenant.name} title={t('staffTitle')}>
        <SignInForm provider="staff" loginLabel={t('email')} loginType="email" next={target} />
      </AuthCard>
    </AreaMessages>
  );
}
