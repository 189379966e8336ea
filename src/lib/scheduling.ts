// G4/G5/G10: the visit's date agreed by both sides, and "Avvia ticket". Pure (no database): the
// ticket view and the portal read the same rules the server applies.
//   TO_SCHEDULE        no visit and no proposal;
//   AWAITING_CUSTOMER  the ISP's side (the office, or the partner company holding the ticket) proposed a slot;
//   AWAITING_COMPANY   the customer proposed one (from the portal, or countering through the e-mailed link);
//   AGREED             the visit is set: the other side accepted, or the office set it directly (E2).
// A ticket the customer opened reaches its technician's app with the appointment only once started
// ("Avvia ticket"), and only when time, technician and cost are agreed.
import type { WorkingHours } from './working-hours';
import type { Visit } from './visits';

export const SCHEDULE_STATUSES = ['TO_SCHEDULE', 'AWAITING_CUSTOMER', 'AWAITING_COMPANY', 'AGREED'] as const;
export type ScheduleStatus = (typeof SCHEDULE_STATUSES)[number];
export const SCHEDULE_SIDES = ['OFFICE', 'CUSTOMER'] as const;
export type ScheduleSide = (typeof SCHEDULE_SIDES)[number];

/** The channels of tickets the customer opened: these wait for "start" before their technician gets the appointment. */
export const CUSTOMER_CHANNELS = ['PORTAL', 'CUSTOMER_APP'] as const;

export function needsStart(channel: string): boolean {
  return (CUSTOMER_CHANNELS as readonly string[]).includes(channel);
}

/** Whether a slot lies within the tenant's working hours (none set, or hours spanning midnight: any slot). */
export function slotWithinHours(visit: Pick<Visit, 'from' | 'to'>, hours: WorkingHours): boolean {
  if (!hours || hours.start >= hours.end) return true;
  return visit.from >= hours.start && visit.to <= hours.end;
}

export const START_REQUIREMENTS = ['visit', 'assignee', 'cost'] as const;
export type StartRequirement = (typeof START_REQUIREMENTS)[number];

/** What is still missing before the ticket can be started: the agreed visit, the technician, the cost. */
export function startMissing(t: { scheduleStatus: ScheduleStatus; assigneeId: string | null; hasCost: boolean }): StartRequirement[] {
  const missing: StartRequirement[] = [];
  if (t.scheduleStatus !== 'AGREED') missing.push('visit');
  if (!t.assigneeId) missing.push('assignee');
  if (!t.hasCost) missing.push('cost');
  return missing;
}

/** Whether the technician's app shows the ticket's appointment: always for the office's own tickets, after "start" for the customer's. */
export function appointmentReleased(t: { channel: string; startedAt: Date | string | null }): boolean {
  return !needsStart(t.channel) || t.startedAt !== null;
}
