// The signed-in customer's portal: the top bar (info icon, welcome message once, language), the page,
// and the bottom bar between home, invoices, tickets and profile. Each page checks the customer again.
// No query layer here: the home and the tickets render on the server with their data (so the worker's
// kept copy holds it, F14, and the home's first load carries no client for the API); the pages that
// read the API from the browser wrap themselves in <TRPCReactProvider>.
import type { ReactNode } from 'react';
import { requireCustomer } from '@/server/auth/guards';
import { serverApi } from '@/trpc/server';
import { PortalHeader } from '@/components/portal/portal-header';
import { PortalNav } from '@/components/portal/portal-nav';
import { PortalKeepPages } from '@/components/portal/portal-offline';

export default async function PortalAppLayout({ children }: { children: ReactNode }) {
  const { tenant } = await requireCustomer();
  const messages = await (await serverApi()).portal.messages.get();
  return (
    <>
      <div className="mx-auto max-w-2xl p-4 pb-24">
        <PortalHeader tenantName={tenant.name} messages={messages} savedAt={Date.now()} />
        <main>{children}</main>
      </div>
      <PortalNav />
      <PortalKeepPages />
    </>
  );
}
