// A2 within a ticket: which fields a role may set, from the permission map's TICKET_FIELDS — checked
// the same way by creation, the ticket view's save and mass actions (which save through it).
import { forbiddenTicketFields, TICKET_FIELDS, type Role, type TicketField } from '@/lib/permissions';
import { AppError } from '@/server/errors';

/**
 * The ticket fields a creation sets: those given a value. `billable: false` and an empty cost are
 * what a ticket gets without them, so they set nothing.
 */
export function givenFields(input: Record<string, unknown>): TicketField[] {
  return (Object.keys(TICKET_FIELDS) as TicketField[]).filter((field) => {
    const value = input[field];
    if (value === undefined || value === null) return false;
    return !(field === 'billable' && value === false);
  });
}

/** Refuses (FORBIDDEN, naming each field) what `actor`'s role may not set — never drops it silently. */
export function assertTicketFields(actor: { role: Role }, when: 'create' | 'change', fields: readonly string[]): void {
  const refused = forbiddenTicketFields(actor.role, when, fields);
  if (refused.length === 0) return;
  throw new AppError('FORBIDDEN', 'fieldsForbidden', undefined, Object.fromEntries(refused.map((field) => [field, { key: 'validation.fieldForbidden' }])));
}
