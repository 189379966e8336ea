'use client';
// C14's own page: the period lives in the URL (?period=all, or ?from=…&to=…), so a view can be shared and reloaded.
import { usePathname, useSearchParams } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { PageHeader } from '@/components/ui/controls';
import { DashboardView, PeriodPicker, type DashboardPeriod } from './dashboard-view';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function periodOf(params: URLSearchParams): DashboardPeriod {
  if (params.get('period') === 'all') return { kind: 'all' };
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  if (DAY.test(from) || DAY.test(to)) return { kind: 'range', from: DAY.test(from) ? from : undefined, to: DAY.test(to) ? to : undefined };
  return { kind: 'month' };
}

export function DashboardPage() {
  const t = useTranslations('dashboard');
  const params = useSearchParams();
  const pathname = usePathname();
  const period = periodOf(new URLSearchParams(params));
  const choose = (p: DashboardPeriod) => {
    const next = new URLSearchParams();
    if (p.kind === 'all') next.set('period', 'all');
    if (p.kind === 'range') {
      if (p.from) next.set('from', p.from);
      if (p.to) next.set('to', p.to);
    }
    window.history.replaceState(null, '', next.size ? `${pathname}?${next.toString()}` : pathname);
  };
  return (
    <>
      <PageHeader title={t('title')} />
      <div className="space-y-4">
        <PeriodPicker key={JSON.stringify(period)} value={period} onChange={choose} />
        <DashboardView input={{ period }} />
      </div>
    </>
  );
}
