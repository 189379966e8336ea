// C16: the throttling rule the device and the server share (src/lib/live-location.ts), and H3's
// order of a day's visits (src/lib/visit-route.ts).
import { describe, expect, it } from 'vitest';
import { dueForReport } from '@/lib/live-location';
import { orderVisits } from '@/lib/visit-route';

/** A point `metres` north of (-34.6, -58.4): a degree of latitude is 111,195 m on the haversine's sphere. */
const at = (metres: number, seconds: number) => ({ lat: -34.6 + metres / 111_195, lng: -58.4, at: seconds * 1000 });

describe('dueForReport: a minute or 100 m', () => {
  it('the first position is always due', () => {
    expect(dueForReport(null, at(0, 0))).toBe(true);
  });
  it('59 s and 50 m: not due; 61 s, or 150 m: due', () => {
    const last = at(0, 0);
    expect(dueForReport(last, at(50, 59))).toBe(false);
    expect(dueForReport(last, at(50, 61))).toBe(true);
    expect(dueForReport(last, at(150, 10))).toBe(true);
    expect(dueForReport(last, at(99, 59))).toBe(false);
    expect(dueForReport(last, at(0, 60))).toBe(true);
    expect(dueForReport(last, at(100.01, 1))).toBe(true);
  });
  it('a fix no later than the last is never due', () => {
    expect(dueForReport(at(0, 100), at(5_000, 100))).toBe(false);
    expect(dueForReport(at(0, 100), at(5_000, 30))).toBe(false);
  });
});

describe('orderVisits (H3)', () => {
  const v = (id: string, lng: number | null, hour: number) => ({ id, lat: lng === null ? null : -34.7, lng, start: new Date(Date.UTC(2026, 2, 2, hour)) });

  it('from the position: nearest first along the road, unplaced visits apart in time order, legs summing to the total', () => {
    const visits = [v('far', -58.2, 9), v('none-late', null, 15), v('near', -58.28, 14), v('mid', -58.24, 11), v('none-early', null, 8)];
    const { stops, unlocated, totalKm } = orderVisits(visits, { lat: -34.7, lng: -58.3 });
    expect(stops.map((s) => s.id)).toEqual(['near', 'mid', 'far']);
    expect(unlocated.map((s) => s.id)).toEqual(['none-early', 'none-late']);
    expect(stops[0]!.legKm).toBeGreaterThan(1.8);
    expect(stops[0]!.legKm).toBeLessThan(1.9);
    expect(totalKm).toBeCloseTo(stops.reduce((a, s) => a + s.legKm!, 0), 9);
  });

  it('without a position: from the day’s first visit, which has no leg', () => {
    const visits = [v('b', -58.28, 11), v('c', -58.2, 12), v('a', -58.24, 9)];
    const { stops, totalKm } = orderVisits(visits, null);
    expect(stops[0]).toMatchObject({ id: 'a', legKm: null });
    // From a (−58.24), b (−58.28) and c (−58.20) are equally far (3.7 km): either order is 11 km.
    expect(new Set(stops.slice(1).map((s) => s.id))).toEqual(new Set(['b', 'c']));
    expect(totalKm).toBeCloseTo(stops.slice(1).reduce((a, s) => a + s.legKm!, 0), 9);
  });

  it('nothing placed: no stops, no kilometres', () => {
    expect(orderVisits([v('x', null, 9)], { lat: -34.7, lng: -58.3 })).toEqual({ stops: [], unlocated: [expect.objectContaining({ id: 'x' })], totalKm: 0 });
    expect(orderVisits([], null)).toEqual({ stops: [], unlocated: [], totalKm: 0 });
  });
});
