import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { requireTenant } from '@/server/auth/guards';
import { currentCustomer } from '@/server/auth/session';
import { AuthCard } from '@/components/shell/auth-card';
import { RequestAccessForm } from '@/components/portal/portal-access';
import { TRPCReactProvider } from '@/trpc/react';

export async function generateMetadata() {
  const t = await getTranslations('portal');
  return { title: t('accessTitle') };
}

/** F2/F8: "Primer ingreso / Olvidé mi contraseña": the customer types their login (the tenant's field). */
export default async function PortalAccessPage() {
  const tenant = await requireTenant();
  if (await currentCustomer(tenant)) redirect('/portal');
  const t = await getTranslations('portal');
  const field = tenant.settings.portal.loginField;
  return (
    <AuthCard tenantName={tenant.name} title={t('accessTitle')}>
      <TRPCReactProvider>
        <RequestAccessForm loginLabel={t(`loginField.${field}`)} loginType={field === 'EMAIL' ? 'email' : 'text'} />
      </TRPCReactProvider>
    </AuthCard>
  );
}
