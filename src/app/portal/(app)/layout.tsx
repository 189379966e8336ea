// The signed-in customer's portal: the top bar (info icon, welcome message once, language), the page,
// and the bottom bar between home, invoices, tickets and profile. Each page checks the customer again.
// F14: the answers are kept on the device, per customer, so the installed app shows them offline.
import type { ReactNode } from 'react';
import { requireCustomer } from '@/server/auth/guards';
import { PortalHeader } from '@/components/portal/portal-header';
import { PortalNav } from '@/components/portal/portal-nav';
import { PortalOffline } from '@/components/portal/portal-offline';
import { intlLocale, isLocale } from '@/lib/format';
import { PORTAL_DATA_PREFIX } from '@/lib/pwa';
import { PersistedTRPCProvider } from '@/trpc/react';

export default async function PortalAppLayout({ children }: { children: ReactNode }) {
  const { tenant, customer } = await requireCustomer();
  return (
    <PersistedTRPCProvider storageKey={`${PORTAL_DATA_PREFIX}${customer.id}`}>
      <div className="mx-auto max-w-2xl p-4 pb-24">
        <PortalHeader tenantName={tenant.name} />
        <main>
          <PortalOffline intl={intlLocale(isLocale(tenant.locale) ? tenant.locale : 'es', tenant.country)}>{children}</PortalOffline>
        </main>
      </div>
      <PortalNav />
    </PersistedTRPCProvider>
  );
}
