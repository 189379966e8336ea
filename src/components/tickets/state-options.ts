// C10: the states a person may move a ticket to, from the permission map: closing needs
// tickets.close, leaving finished/closed for pending needs tickets.reopen; the current state stays.
import type { Permission } from '@/lib/permissions';

type State = { id: string; stage: 'PENDING' | 'FINISHED' | 'CLOSED'; archivedAt: Date | null };

export function offeredStates<T extends State>(states: T[], current: { id: string; stage: State['stage'] }, can: (p: Permission) => boolean): T[] {
  return states.filter(
    (s) => s.id === current.id || (!s.archivedAt && (s.stage !== 'CLOSED' || can('tickets.close')) && (current.stage === 'PENDING' || s.stage !== 'PENDING' || can('tickets.reopen'))),
  );
}
