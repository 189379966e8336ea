'use client';
// E3: the technician's profile — their data, language, push on this device, the working hours the
// tenant set — and signing out, which also clears this device's copy and queue (a shared phone).
import Link from 'next/link';
import { signOut } from 'next-auth/react';
import { useTranslations } from 'next-intl';
import { Button } from '@/components/ui/controls';
import { LanguageSwitcher } from '@/components/shell/language-switcher';
import { PushToggle } from '@/components/push/push-toggle';
import { useTech } from './use-tech';
import { QueuedChanges } from './sync-status';
import { LocationConsent } from './location-consent';

export function TechProfile({ staff }: { staff: { name: string; email: string; roleLabel: string } }) {
  const t = useTranslations('tech');
  const auth = useTranslations('auth');
  const account = useTranslations('account');
  const { device, queue, location, snapshot: meta } = useTech();
  const hours = meta?.home.workingHours;
  const unsent = queue?.length ?? 0;

  async function leave() {
    if (unsent && !window.confirm(t('profile.unsentWarning', { count: unsent }))) return;
    if (device) await device.erase().catch(() => undefined);
    navigator.serviceWorker?.controller?.postMessage({ type: 'antena-clear' });
    await signOut({ redirect: false });
    window.location.assign('/login?next=/tech');
  }

  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">{t('profile.title')}</h1>
      <dl className="rounded-lg border border-slate-200 bg-white p-3 text-sm">
        <div className="py-1"><dt className="font-medium text-slate-700">{t('profile.name')}</dt><dd>{staff.name}</dd></div>
        <div className="py-1"><dt className="font-medium text-slate-700">{t('profile.email')}</dt><dd>{staff.email}</dd></div>
        <div className="py-1"><dt className="font-medium text-slate-700">{t('profile.role')}</dt><dd>{staff.roleLabel}</dd></div>
        <div className="py-1">
          <dt className="font-medium text-slate-700">{t('profile.hours')}</dt>
          <dd data-testid="working-hours">{hours ? t('profile.hoursRange', { start: hours.start, end: hours.end }) : t('profile.anyHours')}</dd>
        </div>
      </dl>
      <div className="rounded-lg border border-slate-200 bg-white p-3">
        <LanguageSwitcher />
      </div>
      <div className="rounded-lg border border-slate-200 bg-white p-3">
        <PushToggle audience="staff" />
      </div>
      <div className="rounded-lg border border-slate-200 bg-white p-3">
        <LocationConsent status={location.status} error={location.error} />
      </div>
      <QueuedChanges />
      <div className="flex flex-wrap items-center gap-3">
        <Button variant="secondary" onClick={() => void leave()}>{auth('signOut')}</Button>
        <Link href="/tech/account" className="text-sm text-brand-700 underline">{account('title')}</Link>
      </div>
    </div>
  );
}
