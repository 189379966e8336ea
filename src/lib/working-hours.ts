// E8: the technicians' working hours (HH:MM to HH:MM in the tenant's time zone; an end before the
// start spans midnight). A push to technicians outside them waits for the next start of hours.
import { dateTimeFormat } from './intl-cache';

export type WorkingHours = { start: string; end: string } | null;

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Minutes since local midnight of an instant in a time zone. */
function localMinutes(date: Date, timeZone: string): number {
  const parts = dateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(date);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return get('hour') * 60 + get('minute');
}

export function withinWorkingHours(date: Date, timeZone: string, hours: WorkingHours): boolean {
  if (!hours) return true;
  const [m, s, e] = [localMinutes(date, timeZone), minutesOf(hours.start), minutesOf(hours.end)];
  if (s === e) return true;
  return s < e ? m >= s && m < e : m >= s || m < e;
}

/** `date` itself within working hours; otherwise the instant the next working hours start. */
export function nextWorkingInstant(date: Date, timeZone: string, hours: WorkingHours): Date {
  if (!hours || withinWorkingHours(date, timeZone, hours)) return date;
  const start = minutesOf(hours.start);
  const minute = new Date(Math.floor(date.getTime() / 60_000) * 60_000);
  let candidate = new Date(minute.getTime() + ((start - localMinutes(minute, timeZone) + 1440) % 1440) * 60_000);
  // A daylight-saving change between now and then moves the local clock: correct by the difference.
  for (let i = 0; i < 2; i++) {
    const off = localMinutes(candidate, timeZone) - start;
    if (off === 0) break;
    candidate = new Date(candidate.getTime() - (((off + 720 + 1440) % 1440) - 720) * 60_000);
  }
  return candidate;
}
