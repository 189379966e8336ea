import { getTranslations } from 'next-intl/server';
import { requireTenant } from '@/server/auth/guards';
import { HandoffSignIn } from './handoff-sign-in';

/** After sign-up on the root domain, the new admin lands here with a one-time token and is signed in. */
export default async function HandoffPage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const tenant = await requireTenant();
  const { token } = await searchParams;
  const t = await getTranslations('signup');
  return (
    <main className="flex min-h-screen items-center justify-center p-4">
      <div className="w-full max-w-sm rounded-lg border border-slate-200 bg-white p-6 text-center shadow-sm">
        <p className="text-sm font-medium text-brand-700">{tenant.name}</p>
        <HandoffSignIn token={token ?? ''} pendingText={t('signingIn')} failedText={t('handoffFailed')} />
      </div>
    </main>
  );
}
