import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { requireCustomer } from '@/server/auth/guards';
import { PortalProfile } from '@/components/portal/portal-profile';
import { PortalHeader } from '@/components/portal/portal-header';
import { TRPCReactProvider } from '@/trpc/react';

export async function generateMetadata() {
  const t = await getTranslations('portal');
  return { title: t('profile') };
}

/** F12: the customer's profile. */
export default async function PortalProfilePage() {
  const { tenant } = await requireCustomer();
  const t = await getTranslations('portal');
  return (
    <TRPCReactProvider>
      <main className="mx-auto max-w-2xl p-4">
        <PortalHeader tenantName={tenant.name} />
        <nav className="mb-4 text-sm">
          <Link className="text-brand-700 underline" href="/portal">{t('backHome')}</Link>
        </nav>
        <h1 className="mb-4 text-2xl font-semibold">{t('profile')}</h1>
        <PortalProfile />
      </main>
    </TRPCReactProvider>
  );
}
