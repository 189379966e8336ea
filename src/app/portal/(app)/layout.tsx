// The signed-in customer's portal: the top bar (info icon, welcome message once, language), the page,
// and the bottom bar between home, invoices, tickets and profile. Each page checks the customer again.
import type { ReactNode } from 'react';
import { requireCustomer } from '@/server/auth/guards';
import { PortalHeader } from '@/components/portal/portal-header';
import { PortalNav } from '@/components/portal/portal-nav';
import { TRPCReactProvider } from '@/trpc/react';

export default async function PortalAppLayout({ children }: { children: ReactNode }) {
  const { tenant } = await requireCustomer();
  return (
    <TRPCReactProvider>
      <div className="mx-auto max-w-2xl p-4 pb-24">
        <PortalHeader tenantName={tenant.name} />
        <main>{children}</main>
      </div>
      <PortalNav />
    </TRPCReactProvider>
  );
}
