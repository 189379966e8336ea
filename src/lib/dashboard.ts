// C14: the dashboard's figures from counted rows — the same arithmetic whether the rows come from the
// figures kept ahead (TicketStat) or from a direct count over the grid's search. Pure: no database,
// usable in the browser and in tests.
import { z } from 'zod';
import { COMPLEXITIES, LIFECYCLE_STAGES } from './ticket-filters';

type Stage = (typeof LIFECYCLE_STAGES)[number];
type Complexity = (typeof COMPLEXITIES)[number];

/**
 * The resolution time's bucket: the whole hours from opening to finishing for the first two days,
 * whole days (in hours) to 30 days, 30-day steps to a year, and a year or more as one. The same as
 * the database's `antena_resolution_hours` (migration *_ticket_stats); -1 while pending.
 */
export function resolutionBucket(hours: number): number {
  const h = Math.max(hours, 0);
  if (h < 48) return Math.floor(h);
  if (h < 720) return 24 * Math.floor(h / 24);
  if (h < 8760) return 720 * Math.floor(h / 720);
  return 8760;
}

/** The distribution chart's bins, in hours (each bin from its bound to the next; the last open). */
export const RESOLUTION_BINS = [0, 1, 4, 8, 24, 48, 72, 168, 336, 720] as const;

/** One counted row: tickets sharing a stage, state, category, assignee, complexity and resolution bucket. */
export type StatRow = {
  stage: Stage;
  stateId: string;
  categoryId: string | null;
  assigneeId: string | null;
  complexity: Complexity | null;
  /** -1: not resolved. */
  resolutionHours: number;
  n: number;
};

export const ZDashboardFigures = z.object({
  totals: z.object({ unassigned: z.number().int(), pending: z.number().int(), overdue: z.number().int(), resolved: z.number().int(), total: z.number().int() }),
  /** Unresolved (pending) tickets by state, most first. */
  byState: z.array(z.object({ stateId: z.uuid(), n: z.number().int() })),
  /** Resolution time: nearest-rank median and 90th percentile, as the bucket's lower bound in hours (null: nothing resolved). */
  resolution: z.object({
    count: z.number().int(),
    medianHours: z.number().int().nullable(),
    p90Hours: z.number().int().nullable(),
    bins: z.array(z.object({ fromHours: z.number().int(), toHours: z.number().int().nullable(), n: z.number().int() })),
  }),
  /** Tickets by category, stacked by stage, most first (null: no category). */
  byCategory: z.array(z.object({ categoryId: z.uuid().nullable(), PENDING: z.number().int(), FINISHED: z.number().int(), CLOSED: z.number().int(), total: z.number().int() })),
  /** Tickets by assignee, stacked by complexity, most first (unassigned tickets are the totals' figure, not a bar). */
  byAssignee: z.array(z.object({ assigneeId: z.uuid(), HIGH: z.number().int(), MEDIUM: z.number().int(), LOW: z.number().int(), NONE: z.number().int(), total: z.number().int() })),
  /** H5: the customers' ratings in the period (1–5). */
  satisfaction: z.object({ count: z.number().int(), average: z.number().nullable(), byRating: z.array(z.object({ rating: z.number().int(), n: z.number().int() })) }),
});
export type DashboardFigures = z.output<typeof ZDashboardFigures>;

/** The nearest-rank percentile (p in 0–1) of a histogram of buckets, or null when it is empty. */
export function histogramPercentile(histogram: ReadonlyMap<number, number>, p: number): number | null {
  const buckets = [...histogram.entries()].filter(([, n]) => n > 0).sort(([a], [b]) => a - b);
  const total = buckets.reduce((sum, [, n]) => sum + n, 0);
  if (!total) return null;
  const rank = Math.max(1, Math.ceil(p * total));
  let seen = 0;
  for (const [bucket, n] of buckets) {
    seen += n;
    if (seen >= rank) return bucket;
  }
  return buckets.at(-1)![0];
}

/** The figures of counted rows, plus the two counted apart: overdue tickets (a moment's question) and ratings. */
export function figuresOf(rows: readonly StatRow[], overdue: number, ratings: readonly { rating: number; n: number }[]): DashboardFigures {
  const totals = { unassigned: 0, pending: 0, overdue, resolved: 0, total: 0 };
  const byState = new Map<string, number>();
  const histogram = new Map<number, number>();
  const byCategory = new Map<string | null, { PENDING: number; FINISHED: number; CLOSED: number }>();
  const byAssignee = new Map<string, { HIGH: number; MEDIUM: number; LOW: number; NONE: number }>();
  for (const r of rows) {
    if (!r.n) continue;
    totals.total += r.n;
    if (r.stage === 'PENDING') {
      totals.pending += r.n;
      if (!r.assigneeId) totals.unassigned += r.n;
      byState.set(r.stateId, (byState.get(r.stateId) ?? 0) + r.n);
    } else totals.resolved += r.n;
    if (r.resolutionHours >= 0) histogram.set(r.resolutionHours, (histogram.get(r.resolutionHours) ?? 0) + r.n);
    const category = byCategory.get(r.categoryId) ?? { PENDING: 0, FINISHED: 0, CLOSED: 0 };
    category[r.stage] += r.n;
    byCategory.set(r.categoryId, category);
    if (r.assigneeId) {
      const assignee = byAssignee.get(r.assigneeId) ?? { HIGH: 0, MEDIUM: 0, LOW: 0, NONE: 0 };
      assignee[r.complexity ?? 'NONE'] += r.n;
      byAssignee.set(r.assigneeId, assignee);
    }
  }
  const resolvedCount = [...histogram.values()].reduce((a, b) => a + b, 0);
  const bins = RESOLUTION_BINS.map((from, i) => {
    const to = RESOLUTION_BINS[i + 1] ?? null;
    let n = 0;
    for (const [bucket, count] of histogram) if (bucket >= from && (to === null || bucket < to)) n += count;
    return { fromHours: from, toHours: to, n };
  });
  const ratingCount = ratings.reduce((a, r) => a + r.n, 0);
  const ratingSum = ratings.reduce((a, r) => a + r.rating * r.n, 0);
  const byMost = <T extends { total: number }>(a: T, b: T) => b.total - a.total;
  return {
    totals,
    byState: [...byState].filter(([, n]) => n > 0).map(([stateId, n]) => ({ stateId, n })).sort((a, b) => b.n - a.n),
    resolution: { count: resolvedCount, medianHours: histogramPercentile(histogram, 0.5), p90Hours: histogramPercentile(histogram, 0.9), bins },
    byCategory: [...byCategory]
      .map(([categoryId, s]) => ({ categoryId, ...s, total: s.PENDING + s.FINISHED + s.CLOSED }))
      .filter((c) => c.total > 0)
      .sort(byMost),
    byAssignee: [...byAssignee]
      .map(([assigneeId, s]) => ({ assigneeId, ...s, total: s.HIGH + s.MEDIUM + s.LOW + s.NONE }))
      .filter((a) => a.total > 0)
      .sort(byMost),
    satisfaction: {
      count: ratingCount,
      average: ratingCount ? Math.round((ratingSum / ratingCount) * 100) / 100 : null,
      byRating: [1, 2, 3, 4, 5].map((rating) => ({ rating, n: ratings.filter((r) => r.rating === rating).reduce((a, r) => a + r.n, 0) })),
    },
  };
}

/** A resolution time (a bucket's lower bound in hours) in the unit that reads best: hours under two days, else days. */
export function resolutionUnit(hours: number): { value: number; unit: 'hours' | 'days' } {
  return hours < 48 ? { value: hours, unit: 'hours' } : { value: Math.round(hours / 24), unit: 'days' };
}

/** The current month of a day: its first and last days. */
export function monthOf(day: string): { from: string; to: string } {
  const [y, m] = day.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${day.slice(0, 7)}-01`, to: `${day.slice(0, 7)}-${String(last).padStart(2, '0')}` };
}

/** A period may span ten years at most. */
export const MAX_PERIOD_DAYS = 3653;
