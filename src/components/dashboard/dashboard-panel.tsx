'use client';
// C14 above the ticket grid: the dashboard, folded or unfolded as this user left it, for the current
// month, a range or all time — or, with "Actualizar dashboard al buscar", following the grid's
// search and advanced filters (their opening dates are the period; none: "Histórico").
import Link from 'next/link';
import { useState } from 'react';
import { useSearchParams } from 'next/navigation';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { ChevronDown, ChevronRight } from 'lucide-react';
import { useTRPC } from '@/trpc/react';
import { activeFilterKeys, filtersFromParams } from '@/lib/ticket-filters';
import { Checkbox } from '@/components/ui/controls';
import { DashboardView, PeriodPicker, type DashboardInput, type DashboardPeriod } from './dashboard-view';

const VIEW_KEY = { key: 'tickets.dashboard' } as const;

/** What the dashboard asks for when it follows the grid: the grid's search and filters, its opening dates as the period. */
export function followInput(params: URLSearchParams): DashboardInput {
  const { openedFrom, openedTo, ...filters } = filtersFromParams(params);
  const query = params.get('q')?.trim() || undefined;
  return {
    period: openedFrom || openedTo ? { kind: 'range', from: openedFrom, to: openedTo } : { kind: 'all' },
    query,
    filters: activeFilterKeys(filters).length ? filters : undefined,
  };
}

export function DashboardPanel() {
  const t = useTranslations('dashboard');
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const params = useSearchParams();
  const stored = useQuery(trpc.preferences.get.queryOptions(VIEW_KEY));
  const save = useMutation(trpc.preferences.set.mutationOptions({ onSuccess: (value) => queryClient.setQueryData(trpc.preferences.get.queryKey(VIEW_KEY), value) }));
  // The user's choice shows at once (in the same render as the click), and is saved meanwhile.
  const [chosen, setChosen] = useState<{ open: boolean; follow: boolean } | null>(null);
  const view = chosen ?? (stored.data && !Array.isArray(stored.data) ? stored.data : { open: false, follow: false });
  const [period, setPeriod] = useState<DashboardPeriod>({ kind: 'month' });
  const change = (next: Partial<typeof view>) => {
    const value = { ...view, ...next };
    setChosen(value);
    save.mutate({ key: 'tickets.dashboard', value });
  };
  const input: DashboardInput = view.follow ? followInput(new URLSearchParams(params)) : { period };

  return (
    <section aria-labelledby="dashboard-panel-title" className="rounded-lg border border-slate-200 bg-slate-50 p-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="dashboard-panel-title" className="text-base font-semibold text-slate-900">
          <button type="button" aria-expanded={view.open} disabled={!stored.data} onClick={() => change({ open: !view.open })} className="inline-flex items-center gap-1 rounded px-1 hover:bg-slate-200">
            {view.open ? <ChevronDown aria-hidden className="h-4 w-4" /> : <ChevronRight aria-hidden className="h-4 w-4" />}
            {t('panelToggle')}
          </button>
        </h2>
        {view.open ? (
          <Link href="/dashboard" className="text-sm text-brand-700 hover:underline">
            {t('openPage')}
          </Link>
        ) : null}
      </div>
      {view.open ? (
        <div className="mt-3 space-y-3">
          <div className="flex flex-wrap items-end justify-between gap-3">
            {view.follow ? <p className="max-w-xl text-xs text-slate-600">{t('followHint')}</p> : <PeriodPicker value={period} onChange={setPeriod} />}
            <Checkbox label={t('follow')} checked={view.follow} onChange={(e) => change({ follow: e.target.checked })} />
          </div>
          <DashboardView input={input} />
        </div>
      ) : null}
    </section>
  );
}
