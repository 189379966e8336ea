import { getTranslations } from 'next-intl/server';
import { requireTenant } from '@/server/auth/guards';
import { AuthCard } from '@/components/shell/auth-card';
import { SetPasswordWithCode, SetPasswordWithLink } from '@/components/portal/portal-access';
import { TRPCReactProvider } from '@/trpc/react';

export async function generateMetadata() {
  const t = await getTranslations('portal');
  return { title: t('setPasswordTitle') };
}

/**
 * F2/F8: setting the portal password — with the e-mailed link (`?token=`, checked and spent only when
 * the form is sent) or, without one, with the SMS's code.
 */
export default async function PortalPasswordPage({ searchParams }: { searchParams: Promise<{ token?: string | string[] }> }) {
  const tenant = await requireTenant();
  const t = await getTranslations('portal');
  const { token } = await searchParams;
  const field = tenant.settings.portal.loginField;
  return (
    <AuthCard tenantName={tenant.name} title={t('setPasswordTitle')}>
      <TRPCReactProvider>
        {typeof token === 'string' && token ? (
          <SetPasswordWithLink token={token} />
        ) : (
          <SetPasswordWithCode loginLabel={t(`loginField.${field}`)} loginType={field === 'EMAIL' ? 'email' : 'text'} />
        )}
      </TRPCReactProvider>
    </AuthCard>
  );
}
