// E2: a ticket's scheduled visit is a day and a slot (from–to) on the tenant's wall clock, kept as two
// instants so "the next visit" and "today's visits" are plain comparisons. These convert between the
// two in a time zone, daylight-saving changes included. No zod here: the technician app's pages import
// this, and the input's schema (./visit-input.ts) is the server's.
import { dateTimeFormat } from './intl-cache';

export type Visit = { date: string; from: string; to: string };

/** Milliseconds the zone's wall clock is ahead of UTC at `instant`. */
function offsetAt(instant: number, timeZone: string): number {
  const parts = dateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return wall - Math.floor(instant / 1000) * 1000;
}

/** The instant the zone's clock reads `date` `time` (a time skipped by a DST change moves forward). */
export function zonedInstant(date: string, time: string, timeZone: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [h, min] = time.split(':').map(Number) as [number, number];
  const wall = Date.UTC(y, m - 1, d, h, min);
  let instant = wall - offsetAt(wall, timeZone);
  instant = wall - offsetAt(instant, timeZone);
  return new Date(instant);
}

/** The wall-clock day and time (YYYY-MM-DD, HH:MM) of an instant in a zone. */
export function wallClock(instant: Date | string, timeZone: string): { date: string; time: string } {
  const t = new Date(instant).getTime();
  const wall = new Date(Math.floor(t / 1000) * 1000 + offsetAt(t, timeZone)).toISOString();
  return { date: wall.slice(0, 10), time: wall.slice(11, 16) };
}

/** The visit's instants, or null for none. */
export function visitInstants(visit: Visit | null, timeZone: string): { visitStart: Date | null; visitEnd: Date | null } {
  if (!visit) return { visitStart: null, visitEnd: null };
  return { visitStart: zonedInstant(visit.date, visit.from, timeZone), visitEnd: zonedInstant(visit.date, visit.to, timeZone) };
}

/** The visit as the office typed it, from its instants. */
export function visitOf(start: Date | string | null, end: Date | string | null, timeZone: string): Visit | null {
  if (!start || !end) return null;
  const a = wallClock(start, timeZone);
  return { date: a.date, from: a.time, to: wallClock(end, timeZone).time };
}

/** "12 dic 2026 · 09:00–11:00" in the reader's locale and the tenant's zone. */
export function formatVisit(start: Date | string, end: Date | string, intl: string, timeZone: string): string {
  const day = dateTimeFormat(intl, { weekday: 'short', day: 'numeric', month: 'short', timeZone }).format(new Date(start));
  const time = (d: Date | string) => dateTimeFormat(intl, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone }).format(new Date(d));
  return `${day} · ${time(start)}–${time(end)}`;
}
