// H3: a day's visits in route order (src/lib/route.ts) — from the technician's position, or from the
// day's first visit when it is not known. Visits whose connection has no coordinates cannot be placed
// and come back apart, in time order. Pure, for "Mi ruta" (src/components/tech/tech-route.tsx).
import { planRoute, type Point } from './route';

export type Visit = { lat: number | null; lng: number | null; start: Date | string };
/** A placed visit, with the km of the leg that reaches it (null: the route starts there). */
export type RouteStop<V> = V & { lat: number; lng: number; legKm: number | null };

export function orderVisits<V extends Visit>(visits: readonly V[], position: Point | null): { stops: RouteStop<V>[]; unlocated: V[]; totalKm: number } {
  const byStart = [...visits].sort((a, b) => new Date(a.start).getTime() - new Date(b.start).getTime());
  const located = byStart.filter((v): v is V & { lat: number; lng: number } => v.lat !== null && v.lng !== null);
  const unlocated = byStart.filter((v) => v.lat === null || v.lng === null);
  if (located.length === 0) return { stops: [], unlocated, totalKm: 0 };
  if (position) {
    const plan = planRoute(position, located);
    return { stops: plan.order.map((i, p) => ({ ...located[i]!, legKm: plan.legsKm[p]! })), unlocated, totalKm: plan.totalKm };
  }
  // No position: the day starts at its first visit, and the others follow by distance from there.
  const [first, ...rest] = located;
  const plan = planRoute(first!, rest);
  return { stops: [{ ...first!, legKm: null }, ...plan.order.map((i, p) => ({ ...rest[i]!, legKm: plan.legsKm[p]! }))], unlocated, totalKm: plan.totalKm };
}
