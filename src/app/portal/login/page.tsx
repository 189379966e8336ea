import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { requireTenant } from '@/server/auth/guards';
import { currentCustomer } from '@/server/auth/session';
import { AuthCard } from '@/components/shell/auth-card';
import { SignInForm } from '@/components/shell/sign-in-form';

export async function generateMetadata() {
  const t = await getTranslations('portal');
  return { title: t('loginTitle') };
}

/** F1: the customer's user is the field the tenant chose: tax id, customer code or e-mail. */
export default async function PortalLoginPage() {
  const tenant = await requireTenant();
  if (await currentCustomer(tenant)) redirect('/portal');
  const t = await getTranslations('portal');
  const field = tenant.settings.portal.loginField;
  return (
    <AuthCard tenantName={tenant.name} title={t('loginTitle')}>
      <SignInForm provider="customer" loginLabel={t(`loginField.${field}`)} loginType={field === 'EMAIL' ? 'email' : 'text'} next="/portal" />
    </AuthCard>
  );
}
