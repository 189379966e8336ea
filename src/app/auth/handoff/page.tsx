import { headers } from 'next/headers';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { rootOrigin } from '@/env';
import { currentTenant } from '@/server/auth/session';
import { resolvePendingTenantByHost } from '@/server/services/tenants/resolve';
import { AreaMessages } from '@/components/shell/area-messages';
import { HandoffSignIn } from './handoff-sign-in';

/**
 * The link e-mailed after sign-up lands here with a one-time token: it verifies the admin's address,
 * which makes the tenant live, and signs them in. A sign-up still waiting serves this page and nothing else.
 */
export default async function HandoffPage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const live = await currentTenant();
  const tenant = live ?? (await resolvePendingTenantByHost((await headers()).get('host') ?? ''));
  if (!tenant) notFound();
  const { token } = await searchParams;
  const t = await getTranslations('signup');
  const root = rootOrigin();
  return (
    <AreaMessages>
      <main className="flex min-h-screen items-center justify-center p-4">
        <div className="w-full max-w-sm rounded-lg border border-slate-200 bg-white p-6 text-center shadow-sm">
          <p className="text-sm font-medium text-brand-700">{tenant.name}</p>
          <HandoffSignIn
            token={token ?? ''}
            pendingText={live ? t('signingIn') : t('verifying')}
            failedText={live ? t('handoffFailed') : t('verifyFailed')}
            retry={live ? { href: '/login', label: '/login' } : { href: root, label: new URL(root).host }}
          />
        </div>
      </main>
    </AreaMessages>
  );
}
