'use client';
// C14: the help desk's dashboard — the totals (unassigned, pending, overdue, resolved), unresolved
// tickets by state, resolution time, tickets by category (stacked by stage) and by employee (stacked
// by complexity), and the customers' satisfaction, for a period. Every number in the tenant's locale;
// every chart with its table; a bar or a total opens the grid filtered to those tickets.
import Link from 'next/link';
import dynamic from 'next/dynamic';
import { useRouter } from 'next/navigation';
import { useState, type ReactNode } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useTRPC } from '@/trpc/react';
import type { RouterInputs, RouterOutputs } from '@/trpc/types';
import { formatDay } from '@/lib/format';
import { resolutionUnit } from '@/lib/dashboard';
import { Alert, Button, Card } from '@/components/ui/controls';
import { formErrors } from '@/components/ui/use-form-errors';
import { useStaffContext } from '@/components/shell/permissions';
import type { ChartRow, Series } from './dashboard-charts';

const BarsChart = dynamic(() => import('./dashboard-charts').then((m) => m.BarsChart), { ssr: false, loading: () => <div className="h-32 animate-pulse rounded bg-slate-100" /> });

export type DashboardInput = RouterInputs['dashboard']['get'];
export type DashboardPeriod = NonNullable<DashboardInput['period']>;
type Dashboard = RouterOutputs['dashboard']['get'];

const STAGE_COLORS = { PENDING: '#f59e0b', FINISHED: '#0ea5e9', CLOSED: '#64748b' } as const;
const COMPLEXITY_COLORS = { HIGH: '#dc2626', MEDIUM: '#f59e0b', LOW: '#94a3b8', NONE: '#cbd5e1' } as const;
/** The longest lists are cut to their first bars; the table under the chart lists them all. */
const MAX_BARS = 12;

/** The grid's query string for a slice of the figures: its tab and filters, within the period (and the search the dashboard follows). */
function gridQuery(d: Dashboard, base: Pick<DashboardInput, 'query' | 'filters'>, tab: string, filters: Record<string, string>) {
  const p = new URLSearchParams({ tab });
  if (d.searched && base.query) p.set('q', base.query);
  for (const [k, v] of Object.entries(d.searched ? (base.filters ?? {}) : {})) if (v !== undefined) p.set(k, String(v));
  if (d.period.from) p.set('openedFrom', d.period.from);
  if (d.period.to) p.set('openedTo', d.period.to);
  for (const [k, v] of Object.entries(filters)) p.set(k, v);
  return p.toString();
}

/** The period's words: "diciembre de 2026", "Del 1 dic 2026 al 5 dic 2026", "Histórico". */
export function usePeriodLabel() {
  const t = useTranslations('dashboard');
  const { intl } = useStaffContext();
  return (period: Dashboard['period']) => {
    if (period.kind === 'all' || (!period.from && !period.to)) return t('period.all');
    if (period.kind === 'month' && period.from) return new Intl.DateTimeFormat(intl, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${period.from}T00:00:00Z`));
    if (period.from && period.to) return t('period.between', { from: formatDay(period.from, intl), to: formatDay(period.to, intl) });
    return period.from ? t('period.since', { from: formatDay(period.from, intl) }) : t('period.until', { to: formatDay(period.to!, intl) });
  };
}

export function DashboardView({ input }: { input: DashboardInput }) {
  const t = useTranslations('dashboard');
  const trpc = useTRPC();
  const router = useRouter();
  const { intl } = useStaffContext();
  const periodLabel = usePeriodLabel();
  const query = useQuery({ ...trpc.dashboard.get.queryOptions(input), placeholderData: keepPreviousData });
  // One formatter for the render's hundreds of numbers (tables included).
  const numbers = new Intl.NumberFormat(intl);
  const number = (n: number) => numbers.format(n);
  if (query.error) {
    // A period the server refused names its field: that message says what is wrong.
    const { message, fields } = formErrors(query.error);
    return <Alert>{Object.values(fields)[0] ?? message ?? t('error')}</Alert>;
  }
  const d = query.data;
  if (!d) return <p className="text-sm text-slate-600" role="status">{t('loading')}</p>;
  const f = d.figures;
  const href = (tab: string, filters: Record<string, string> = {}) => `/tickets?${gridQuery(d, input, tab, filters)}`;
  const open = (to: string) => router.push(to);
  const nameOf = (list: { id: string; name: string }[], id: string) => list.find((x) => x.id === id)?.name ?? '—';
  const duration = (hours: number | null) => {
    if (hours === null) return '—';
    const { value, unit } = resolutionUnit(hours);
    return t(`resolution.${unit}`, { value });
  };
  const binLabel = (hours: number) => (hours < 48 ? t('resolution.binHours', { value: hours }) : t('resolution.binDays', { value: hours / 24 }));

  const stateRows: ChartRow[] = f.byState.map((s) => ({ label: nameOf(d.states, s.stateId), values: { n: s.n }, link: () => href('PENDING', { stateId: s.stateId }) }));
  const stageSeries: Series[] = (['PENDING', 'FINISHED', 'CLOSED'] as const).map((k) => ({ key: k, label: t(`stage.${k}`), color: STAGE_COLORS[k] }));
  const categoryRows: ChartRow[] = f.byCategory.map((c) => ({
    label: c.categoryId ? nameOf(d.categories, c.categoryId) : t('byCategory.none'),
    values: { PENDING: c.PENDING, FINISHED: c.FINISHED, CLOSED: c.CLOSED },
    link: c.categoryId ? (stage) => href(stage, { categoryId: c.categoryId! }) : undefined,
  }));
  const complexitySeries: Series[] = (['HIGH', 'MEDIUM', 'LOW', 'NONE'] as const).map((k) => ({ key: k, label: t(`complexity.${k}`), color: COMPLEXITY_COLORS[k] }));
  const assigneeRows: ChartRow[] = f.byAssignee.map((a) => ({
    label: nameOf(d.assignees, a.assigneeId),
    values: { HIGH: a.HIGH, MEDIUM: a.MEDIUM, LOW: a.LOW, NONE: a.NONE },
    link: (complexity) => href('PENDING', { assigneeId: a.assigneeId, ...(complexity === 'NONE' ? {} : { complexity }) }),
  }));
  const binRows: ChartRow[] = f.resolution.bins.map((b) => ({
    label: b.toHours === null ? t('resolution.binOpen', { from: binLabel(b.fromHours) }) : t('resolution.bin', { from: binLabel(b.fromHours), to: binLabel(b.toHours) }),
    values: { n: b.n },
  }));
  const ratingRows: ChartRow[] = [...f.satisfaction.byRating].reverse().map((r) => ({ label: t('satisfaction.stars', { rating: r.rating }), values: { n: r.n } }));
  const one = (label: string, color: string): Series[] => [{ key: 'n', label, color }];

  return (
    <div className="space-y-4" aria-busy={query.isFetching}>
      <p className="text-sm text-slate-700">
        <span className="font-medium" data-testid="dashboard-period">{periodLabel(d.period)}</span>
        {d.searched ? <span className="ml-2 text-slate-600">· {t('searched')}</span> : null}
      </p>
      <dl className="grid grid-cols-2 gap-3 lg:grid-cols-4">
        {(
          [
            ['unassigned', f.totals.unassigned, gridQuery(d, input, 'PENDING', { assigneeId: 'unassigned' })],
            ['pending', f.totals.pending, gridQuery(d, input, 'PENDING', {})],
            ['overdue', f.totals.overdue, gridQuery(d, input, 'PENDING', { overdue: 'true' })],
            ['resolved', f.totals.resolved, null],
          ] as const
        ).map(([key, n, to]) => (
          <div key={key} className="rounded-lg border border-slate-200 bg-white p-3 shadow-sm">
            <dt className="text-sm text-slate-600">{t(`totals.${key}`)}</dt>
            <dd className={`text-2xl font-semibold tabular-nums ${key === 'overdue' && n > 0 ? 'text-red-700' : 'text-slate-900'}`} data-testid={`dashboard-${key}`}>
              {to ? <Link href={`/tickets?${to}`} className="hover:underline" title={t('totals.open')}>{number(n)}</Link> : number(n)}
            </dd>
          </div>
        ))}
      </dl>
      <p className="text-xs text-slate-600">{t('barHint')}</p>
      <div className="grid gap-4 lg:grid-cols-2">
        <ChartCard title={t('byState.title')} empty={!stateRows.length && t('byState.empty')}>
          <BarsChart label={t('byState.title')} rows={stateRows.slice(0, MAX_BARS)} series={one(t('table.count'), '#f59e0b')} number={number} onOpen={open} />
          <ChartTable summary={t('table.show')} head={[t('table.name'), t('table.count')]} rows={stateRows.map((r, i) => ({ key: String(i), cells: [r.label, number(r.values.n!)] }))} />
        </ChartCard>
        <ChartCard title={t('resolution.title')} empty={!f.resolution.count && t('resolution.empty')}>
          <p className="mb-2 flex flex-wrap gap-x-6 gap-y-1 text-sm text-slate-700">
            <span>{t('resolution.median')}: <strong data-testid="dashboard-median">{duration(f.resolution.medianHours)}</strong></span>
            <span>{t('resolution.p90')}: <strong>{duration(f.resolution.p90Hours)}</strong></span>
            <span>{t('resolution.count', { count: f.resolution.count })}</span>
          </p>
          <BarsChart label={t('resolution.title')} rows={binRows} series={one(t('table.count'), '#0ea5e9')} number={number} onOpen={open} />
          <ChartTable summary={t('table.show')} head={[t('table.range'), t('table.count')]} rows={binRows.map((r, i) => ({ key: String(i), cells: [r.label, number(r.values.n!)] }))} />
        </ChartCard>
        <ChartCard title={t('byCategory.title')} empty={!categoryRows.length && t('byCategory.empty')}>
          <BarsChart label={t('byCategory.title')} rows={categoryRows.slice(0, MAX_BARS)} series={stageSeries} number={number} onOpen={open} />
          <ChartTable
            summary={t('table.show')}
            head={[t('table.name'), ...stageSeries.map((s) => s.label), t('table.total')]}
            rows={f.byCategory.map((c, i) => ({ key: String(i), cells: [categoryRows[i]!.label, number(c.PENDING), number(c.FINISHED), number(c.CLOSED), number(c.total)] }))}
          />
        </ChartCard>
        <ChartCard title={t('byAssignee.title')} empty={!assigneeRows.length && t('byAssignee.empty')}>
          <BarsChart label={t('byAssignee.title')} rows={assigneeRows.slice(0, MAX_BARS)} series={complexitySeries} number={number} onOpen={open} />
          <ChartTable
            summary={t('table.show')}
            head={[t('table.name'), ...complexitySeries.map((s) => s.label), t('table.total')]}
            rows={f.byAssignee.map((a, i) => ({ key: a.assigneeId, cells: [assigneeRows[i]!.label, number(a.HIGH), number(a.MEDIUM), number(a.LOW), number(a.NONE), number(a.total)] }))}
          />
        </ChartCard>
        <ChartCard title={t('satisfaction.title')} empty={!f.satisfaction.count && t('satisfaction.empty')}>
          <p className="mb-2 flex flex-wrap gap-x-6 text-sm text-slate-700">
            <strong>{t('satisfaction.average', { value: new Intl.NumberFormat(intl, { maximumFractionDigits: 2 }).format(f.satisfaction.average ?? 0) })}</strong>
            <span>{t('satisfaction.count', { count: f.satisfaction.count })}</span>
          </p>
          <BarsChart label={t('satisfaction.title')} rows={ratingRows} series={one(t('table.count'), '#22c55e')} number={number} onOpen={open} />
          <ChartTable summary={t('table.show')} head={[t('table.rating'), t('table.count')]} rows={ratingRows.map((r, i) => ({ key: String(i), cells: [r.label, number(r.values.n!)] }))} />
        </ChartCard>
      </div>
    </div>
  );
}

function ChartCard({ title, empty, children }: { title: string; empty: string | false; children: ReactNode }) {
  return <Card title={title}>{empty ? <p className="text-sm text-slate-600">{empty}</p> : children}</Card>;
}

/** The chart's figures as a table, folded under the chart. */
function ChartTable({ summary, head, rows }: { summary: string; head: string[]; rows: { key: string; cells: ReactNode[] }[] }) {
  return (
    <details className="mt-2 text-sm">
      <summary className="cursor-pointer text-brand-700">{summary}</summary>
      <table className="mt-2 w-full text-left">
        <thead>
          <tr className="border-b border-slate-200 text-slate-600">
            {head.map((h, i) => (
              <th key={i} scope="col" className={`py-1 pr-2 font-medium ${i ? 'text-right' : ''}`}>{h}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key} className="border-b border-slate-100">
              {r.cells.map((c, i) => (i ? <td key={i} className="py-1 pr-2 text-right tabular-nums">{c}</td> : <th key={i} scope="row" className="py-1 pr-2 font-normal">{c}</th>))}
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

/** The period's choice: the current month, between two dates, or all time ("Histórico"). */
export function PeriodPicker({ value, onChange }: { value: DashboardPeriod; onChange: (p: DashboardPeriod) => void }) {
  const t = useTranslations('dashboard');
  const te = useTranslations('errors');
  const [from, setFrom] = useState(value.kind === 'range' ? (value.from ?? '') : '');
  const [to, setTo] = useState(value.kind === 'range' ? (value.to ?? '') : '');
  const kind = value.kind;
  const reversed = Boolean(from && to && from > to);
  const choice = (k: 'month' | 'all', label: string) => (
    <Button type="button" variant={kind === k ? 'primary' : 'secondary'} aria-pressed={kind === k} onClick={() => onChange({ kind: k })}>
      {label}
    </Button>
  );
  return (
    <fieldset className="flex flex-wrap items-end gap-2">
      <legend className="sr-only">{t('period.label')}</legend>
      {choice('month', t('period.month'))}
      {choice('all', t('period.all'))}
      <label className="text-sm text-slate-700">
        <span className="block">{t('period.from')}</span>
        <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} className="rounded-md border border-slate-300 px-2 py-1.5 text-sm" />
      </label>
      <label className="text-sm text-slate-700">
        <span className="block">{t('period.to')}</span>
        <input type="date" value={to} onChange={(e) => setTo(e.target.value)} aria-invalid={reversed} aria-describedby={reversed ? 'dashboard-period-error' : undefined} className="rounded-md border border-slate-300 px-2 py-1.5 text-sm aria-[invalid=true]:border-red-600" />
      </label>
      <Button type="button" variant={kind === 'range' ? 'primary' : 'secondary'} disabled={(!from && !to) || reversed} onClick={() => onChange({ kind: 'range', from: from || undefined, to: to || undefined })}>
        {t('period.apply')}
      </Button>
      {reversed ? (
        <p id="dashboard-period-error" role="alert" className="w-full text-sm text-red-700">
          {te('validation.dateRange')}
        </p>
      ) : null}
    </fieldset>
  );
}
