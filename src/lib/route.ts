// H3 "Mi ruta" and G6's distances: the order of a day's stops (the distance itself is ./geo.ts).
// The route is an open path from a fixed start (the technician's position, or the first visit): it
// starts from the nearest-neighbour order and improves it by 2-opt (reversing a stretch of the path)
// and Or-opt (moving a run of one to three stops elsewhere, either way round) until neither
// shortens it. 2-opt alone stops short on open paths: a technician between two jobs on one road,
// one each side, is sent to the nearer first and must come back past the start (see tests/unit/route.test.ts).
// Neither guarantees the optimum, and each step only accepts a shorter path, so the result is never
// longer than nearest neighbour's. Pure: no I/O, used by the server and the browser.

import { haversineKm, type Point } from './geo';

export { EARTH_RADIUS_KM, haversineKm, type Point } from './geo';

/** Length in km of the open path start → stops[order[0]] → stops[order[1]] → … */
export function pathKm(start: Point, stops: readonly Point[], order: readonly number[]): number {
  let total = 0;
  let from = start;
  for (const i of order) {
    total += haversineKm(from, stops[i]!);
    from = stops[i]!;
  }
  return total;
}

/** From `start`, always to the nearest stop not yet visited (ties: the earlier stop). */
export function nearestNeighbourOrder(start: Point, stops: readonly Point[]): number[] {
  const left = new Set(stops.keys());
  const order: number[] = [];
  let from = start;
  while (left.size > 0) {
    let best = -1;
    let bestKm = Infinity;
    for (const i of left) {
      const km = haversineKm(from, stops[i]!);
      if (km < bestKm) [best, bestKm] = [i, km];
    }
    order.push(best);
    left.delete(best);
    from = stops[best]!;
  }
  return order;
}

/** Improvements smaller than this (km, about a millimetre) are rounding, not improvements: they could loop. */
const EPSILON_KM = 1e-6;

/**
 * 2-opt on an open path with a fixed start: reverses the stretch order[i..k] while that shortens the
 * path (the start stays first; the path has no edge back to it). Returns a new order.
 */
export function twoOpt(start: Point, stops: readonly Point[], initial: readonly number[]): number[] {
  const order = [...initial];
  const at = (p: number) => (p < 0 ? start : stops[order[p]!]!);
  const n = order.length;
  let improved = true;
  while (improved) {
    improved = false;
    for (let i = 0; i < n - 1; i++) {
      for (let k = i + 1; k < n; k++) {
        // Edges (i-1 → i) and (k → k+1) become (i-1 → k) and (i → k+1); a stretch reaching the end has no edge after it.
        const before = haversineKm(at(i - 1), at(i)) + (k + 1 < n ? haversineKm(at(k), at(k + 1)) : 0);
        const after = haversineKm(at(i - 1), at(k)) + (k + 1 < n ? haversineKm(at(i), at(k + 1)) : 0);
        if (after < before - EPSILON_KM) {
          reverse(order, i, k);
          improved = true;
        }
      }
    }
  }
  return order;
}

function reverse(order: number[], i: number, k: number) {
  for (let a = i, b = k; a < b; a++, b--) [order[a], order[b]] = [order[b]!, order[a]!];
}

/**
 * Or-opt on an open path with a fixed start: moves a run of 1–3 consecutive stops to another place
 * in the path (as it was or reversed) while that shortens it. Returns a new order.
 */
export function orOpt(start: Point, stops: readonly Point[], initial: readonly number[]): number[] {
  let order = [...initial];
  const n = order.length;
  let improved = true;
  while (improved) {
    improved = false;
    const current = pathKm(start, stops, order);
    search: for (let len = 1; len <= Math.min(3, n - 1); len++) {
      for (let i = 0; i + len <= n; i++) {
        const run = order.slice(i, i + len);
        const rest = [...order.slice(0, i), ...order.slice(i + len)];
        for (let j = 0; j <= rest.length; j++) {
          if (j === i) continue;
          for (const piece of [run, [...run].reverse()]) {
            const candidate = [...rest.slice(0, j), ...piece, ...rest.slice(j)];
            if (pathKm(start, stops, candidate) < current - EPSILON_KM) {
              order = candidate;
              improved = true;
              break search;
            }
          }
        }
      }
    }
  }
  return order;
}

export type PlannedRoute = {
  /** Indexes into the stops, in the order to visit them. */
  order: number[];
  /** Km of each leg: legsKm[0] from the start to the first stop, legsKm[i] from stop i-1 to stop i (in route order). */
  legsKm: number[];
  totalKm: number;
};

/** The day's route from `start` through every stop: nearest neighbour, then 2-opt and Or-opt until neither improves it. */
export function planRoute(start: Point, stops: readonly Point[]): PlannedRoute {
  let order = nearestNeighbourOrder(start, stops);
  let km = pathKm(start, stops, order);
  for (;;) {
    const next = orOpt(start, stops, twoOpt(start, stops, order));
    const nextKm = pathKm(start, stops, next);
    if (nextKm >= km - EPSILON_KM) break;
    [order, km] = [next, nextKm];
  }
  const legsKm = order.map((stop, p) => haversineKm(p === 0 ? start : stops[order[p - 1]!]!, stops[stop]!));
  return { order, legsKm, totalKm: legsKm.reduce((a, b) => a + b, 0) };
}
