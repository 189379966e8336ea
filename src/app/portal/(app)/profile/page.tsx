import { getTranslations } from 'next-intl/server';
import { requireCustomer } from '@/server/auth/guards';
import { PortalProfile } from '@/components/portal/portal-profile';
import { PushToggle } from '@/components/push/push-toggle';
import { SignOutEverywhere } from '@/components/account/account-security';
import { SignOutButton } from '@/components/shell/sign-out-button';
import { TRPCReactProvider } from '@/trpc/react';

export async function generateMetadata() {
  const t = await getTranslations('portal');
  return { title: t('profile') };
}

/** F12: the customer's profile, push on this device (F13), signing out. */
export default async function PortalProfilePage() {
  await requireCustomer();
  const t = await getTranslations('portal');
  return (
    <TRPCReactProvider>
      <h1 className="mb-4 text-2xl font-semibold">{t('profile')}</h1>
      <div className="space-y-6">
        <PortalProfile />
        <div className="rounded-lg border border-slate-200 p-3">
          <PushToggle audience="customer" />
        </div>
        <div className="rounded-lg border border-slate-200 p-3">
          <SignOutEverywhere audience="customer" redirectTo="/portal/login" />
        </div>
        <SignOutButton redirectTo="/portal/login" />
      </div>
    </TRPCReactProvider>
  );
}
