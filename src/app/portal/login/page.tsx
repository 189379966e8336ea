import Link from 'next/link';
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
export default async function PortalLoginPage({ searchParams }: { searchParams: Promise<{ changed?: string }> }) {
  const tenant = await requireTenant();
  if (await currentCustomer(tenant)) redirect('/portal');
  const t = await getTranslations('portal');
  const field = tenant.settings.portal.loginField;
  const { changed } = await searchParams;
  return (
    <AuthCard tenantName={tenant.name} title={t('loginTitle')}>
      {changed ? <p role="status" className="mb-4 rounded-md bg-green-50 p-3 text-sm text-green-800">{t('passwordChangedSignIn')}</p> : null}
      <SignInForm provider="customer" loginLabel={t(`loginField.${field}`)} loginType={field === 'EMAIL' ? 'email' : 'text'} next="/portal" />
      {/* F2/F8: a customer without a password, or who forgot it, sets their own. */}
      <Link className="mt-4 block text-center text-sm font-medium text-brand-700 underline" href="/portal/access">{t('accessLink')}</Link>
    </AuthCard>
  );
}
