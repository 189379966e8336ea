import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { CloudOff } from 'lucide-react';
import { requireCustomer } from '@/server/auth/guards';

export async function generateMetadata() {
  const t = await getTranslations('portalOffline');
  return { title: t('pageTitle') };
}

/**
 * F14: what the service worker shows for a portal page it has no copy of while there is no network —
 * the ways to what is kept (the account and the tickets). The portal keeps this page current itself.
 */
export default async function PortalOfflinePage() {
  await requireCustomer();
  const t = await getTranslations('portalOffline');
  const link = 'inline-flex items-center justify-center rounded-md border border-slate-300 px-4 py-2 text-sm font-medium text-slate-900 hover:bg-slate-50';
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-5 text-center" data-testid="portal-offline-page">
      <CloudOff aria-hidden className="mx-auto h-10 w-10 text-slate-500" />
      <h1 className="mt-3 text-xl font-semibold">{t('pageTitle')}</h1>
      <p className="mt-2 text-sm text-slate-700">{t('pageText')}</p>
      <p className="mt-4 flex flex-wrap justify-center gap-2">
        <Link href="/portal" className={link}>{t('toAccount')}</Link>
        <Link href="/portal/tickets" className={link}>{t('toTickets')}</Link>
      </p>
    </section>
  );
}
