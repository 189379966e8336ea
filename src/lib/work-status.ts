// G3: a ticket's work status — where the work is, driven by what the office and the technician do,
// beside the tenant's own states (TicketState). Pure: the services call it with every change of the
// ticket's assignee, stage or visit; the expiry job (src/server/services/tickets/work-expiry.ts) is the
// only other writer (ASSIGNED → EXPIRED once the agreed visit has ended).
//
//   TO_ASSIGN  pending, no technician (a partner company renounced it, the assignee was cleared)
//   ASSIGNED   pending, a technician set
//   COMPLETED  finished (the technician in the app, or the office) or closed — closing sets finishedAt too
//   EXPIRED    assigned, and the agreed visit ended before the ticket was finished (the job sets it)
//
// An EXPIRED ticket stays so while its visit is still in the past: reassigning it does not revive it;
// a new visit that ends in the future (or no visit) returns it to ASSIGNED; clearing its assignee makes
// it TO_ASSIGN; finishing it makes it COMPLETED; reopening a finished one makes it ASSIGNED or TO_ASSIGN
// (the job expires it again if its visit has passed).
export const WORK_STATUSES = ['TO_ASSIGN', 'ASSIGNED', 'COMPLETED', 'EXPIRED'] as const;
export type WorkStatus = (typeof WORK_STATUSES)[number];

export type WorkFacts = {
  /** The status before the change (null for a new ticket). */
  previous: WorkStatus | null;
  assigneeId: string | null;
  stage: 'PENDING' | 'FINISHED' | 'CLOSED';
  /** The agreed visit's end, after the change. */
  visitEnd: Date | null;
};

/** The work status a ticket has after a change, from its facts after the change. */
export function workStatusOf({ previous, assigneeId, stage, visitEnd }: WorkFacts, now = new Date()): WorkStatus {
  if (stage !== 'PENDING') return 'COMPLETED';
  if (!assigneeId) return 'TO_ASSIGN';
  // Only the job moves a ticket to EXPIRED (with its notification); a save keeps it there while the visit is still past.
  if (previous === 'EXPIRED' && visitEnd !== null && visitEnd.getTime() <= now.getTime()) return 'EXPIRED';
  return 'ASSIGNED';
}
