import type { ReactNode } from 'react';
import { notFound } from 'next/navigation';
import { headers } from 'next/headers';
import { classifyHost } from '@/lib/hosts';
import { env } from '@/env';
import { TRPCReactProvider } from '@/trpc/react';
import { AreaMessages } from '@/components/shell/area-messages';

/** The product's own pages live only on the root domain. */
export default async function SiteLayout({ children }: { children: ReactNode }) {
  const host = (await headers()).get('host') ?? '';
  if (classifyHost(host, env().ROOT_DOMAIN).kind !== 'root') notFound();
  return (
    <AreaMessages>
      <TRPCReactProvider>{children}</TRPCReactProvider>
    </AreaMessages>
  );
}
