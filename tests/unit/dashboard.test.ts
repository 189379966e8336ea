// C14's arithmetic (src/lib/dashboard.ts): buckets, nearest-rank percentiles, the figures of counted rows.
import { describe, expect, it } from 'vitest';
import { figuresOf, histogramPercentile, monthOf, resolutionBucket, resolutionUnit, type StatRow } from '@/lib/dashboard';

describe('resolutionBucket', () => {
  it('keeps hours to two days, days to thirty, then 30-day steps, and a year as one', () => {
    expect([0, 0.99, 1, 47.9, 48, 71.9, 72, 719, 720, 1439, 1440, 8759, 8760, 50_000, -3].map(resolutionBucket)).toEqual([0, 0, 1, 47, 48, 48, 72, 696, 720, 720, 1440, 8640, 8760, 8760, 0]);
  });
});

describe('histogramPercentile', () => {
  it('is the nearest rank over the buckets', () => {
    const h = new Map([[2, 1], [5, 2], [30, 1]]);
    // Ranks: 2, 5, 5, 30.
    expect(histogramPercentile(h, 0.5)).toBe(5);
    expect(histogramPercentile(h, 0.25)).toBe(2);
    expect(histogramPercentile(h, 0.9)).toBe(30);
    expect(histogramPercentile(new Map(), 0.5)).toBeNull();
    expect(histogramPercentile(new Map([[7, 0]]), 0.5)).toBeNull();
  });
});

describe('figuresOf', () => {
  const row = (r: Partial<StatRow>): StatRow => ({ stage: 'PENDING', stateId: 's1', categoryId: null, assigneeId: null, complexity: null, resolutionHours: -1, n: 1, ...r });
  it('totals, stacks and satisfaction from counted rows; rows that net to zero are nothing', () => {
    const f = figuresOf(
      [
        row({ n: 3 }),
        row({ assigneeId: 'u1', complexity: 'HIGH', categoryId: 'c1', n: 2 }),
        row({ stage: 'CLOSED', stateId: 's9', assigneeId: 'u1', categoryId: 'c1', resolutionHours: 5, n: 4 }),
        row({ stage: 'FINISHED', stateId: 's8', resolutionHours: 50, n: 1 }),
        row({ stateId: 's2', n: 0 }),
      ],
      1,
      [{ rating: 5, n: 2 }, { rating: 2, n: 1 }],
    );
    expect(f.totals).toEqual({ unassigned: 3, pending: 5, overdue: 1, resolved: 5, total: 10 });
    expect(f.byState).toEqual([{ stateId: 's1', n: 5 }]);
    expect(f.byCategory).toEqual([
      { categoryId: 'c1', PENDING: 2, FINISHED: 0, CLOSED: 4, total: 6 },
      { categoryId: null, PENDING: 3, FINISHED: 1, CLOSED: 0, total: 4 },
    ]);
    expect(f.byAssignee).toEqual([{ assigneeId: 'u1', HIGH: 2, MEDIUM: 0, LOW: 0, NONE: 4, total: 6 }]);
    expect(f.resolution).toMatchObject({ count: 5, medianHours: 5, p90Hours: 50 });
    expect(f.resolution.bins.find((b) => b.fromHours === 4)).toEqual({ fromHours: 4, toHours: 8, n: 4 });
    expect(f.resolution.bins.find((b) => b.fromHours === 48)).toEqual({ fromHours: 48, toHours: 72, n: 1 });
    expect(f.satisfaction).toEqual({ count: 3, average: 4, byRating: [1, 2, 3, 4, 5].map((rating) => ({ rating, n: rating === 5 ? 2 : rating === 2 ? 1 : 0 })) });
  });
});

describe('periods and units', () => {
  it('a month runs from its first to its last day, leap years included', () => {
    expect(monthOf('2028-02-14')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(monthOf('2026-12-06')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
  });
  it('resolution times read in hours under two days, else in days', () => {
    expect(resolutionUnit(47)).toEqual({ value: 47, unit: 'hours' });
    expect(resolutionUnit(72)).toEqual({ value: 3, unit: 'days' });
  });
});
