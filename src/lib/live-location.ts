// C16: when a technician's position is worth another row — the same rule on the device (the
// technician app reports no more often) and on the server (which stores no more often, whatever a
// device sends): a minute after the last one, or 100 m away from it.
import { haversineKm } from './geo';

/** Another position once the last is at least this old (ms) … */
export const REPORT_EVERY_MS = 60_000;
/** … or at least this far away (km). */
export const REPORT_EVERY_KM = 0.1;

export type Fix = { lat: number; lng: number; at: number };

/** Whether `next` is due after `last` (null: nothing yet). A fix no later than the last is never due. */
export function dueForReport(last: Fix | null, next: Fix): boolean {
  if (!last) return true;
  if (next.at <= last.at) return false;
  return next.at - last.at >= REPORT_EVERY_MS || haversineKm(last, next) >= REPORT_EVERY_KM;
}
