// C3 advanced search: the filters of the ticket grid — one schema for the server's input and for
// the grid, which keeps them in the URL (so a view can be shared, reloaded and saved in
// "Mis filtros"). Pure: no database, usable in the browser.
import { z } from 'zod';
import { WORK_STATUSES } from './work-status';

export const LIFECYCLE_STAGES = ['PENDING', 'FINISHED', 'CLOSED'] as const;
export const COMPLEXITIES = ['HIGH', 'MEDIUM', 'LOW'] as const;
export const PQRS_TYPES = ['PETICION', 'QUEJA', 'RECLAMO', 'SUGERENCIA'] as const;
export const TICKET_CHANNELS = ['BACKOFFICE', 'TECHNICIAN_APP', 'CUSTOMER_APP', 'PORTAL', 'API'] as const;
export const CONNECTION_STATUSES = ['ENABLED', 'BLOCKED', 'NO_SERVICE'] as const;

/** A calendar day, YYYY-MM-DD, read in the tenant's time zone. */
const ZDay = z.iso.date();

const fields = {
  areaId: z.uuid(),
  categoryId: z.uuid(),
  priorityId: z.uuid(),
  stateId: z.uuid(),
  /** A staff member, or 'unassigned' for tickets nobody has. */
  assigneeId: z.union([z.uuid(), z.literal('unassigned')]),
  complexity: z.enum(COMPLEXITIES),
  billable: z.boolean(),
  /** Pending tickets past their due date (so it matches nothing in the other tabs). */
  overdue: z.literal(true),
  pqrs: z.enum(PQRS_TYPES),
  channel: z.enum(TICKET_CHANNELS),
  openedFrom: ZDay,
  openedTo: ZDay,
  /** The ticket's connection: its node, plan, locality and status. */
  nodeId: z.uuid(),
  planId: z.uuid(),
  localityId: z.uuid(),
  connectionStatus: z.enum(CONNECTION_STATUSES),
  /** G3: the work status (COMPLETED only in the finished and closed tabs, the others only in the pending one). */
  workStatus: z.enum(WORK_STATUSES),
  /** G2: the partner company the ticket was handed to, or 'own' for the ISP's own tickets. */
  companyId: z.union([z.uuid(), z.literal('own')]),
};
export type TicketFilterKey = keyof typeof fields;
export const TICKET_FILTER_KEYS = Object.keys(fields) as TicketFilterKey[];
/** The filters that are fields of the ticket's connection. */
export const CONNECTION_FILTER_KEYS = ['nodeId', 'planId', 'localityId', 'connectionStatus'] as const satisfies readonly TicketFilterKey[];

export const ZTicketFilters = z
  .object(fields)
  .partial()
  .refine((f) => !f.openedFrom || !f.openedTo || f.openedFrom <= f.openedTo, { path: ['openedTo'], message: 'validation.dateRange' });
export type TicketFilters = z.output<typeof ZTicketFilters>;

/**
 * The filters in a grid URL (each under its own name: ?nodeId=…&billable=true). A value that does
 * not parse is left out, so an old or hand-edited link still opens the grid.
 */
export function filtersFromParams(params: URLSearchParams): TicketFilters {
  const out: Record<string, unknown> = {};
  for (const key of TICKET_FILTER_KEYS) {
    const raw = params.get(key);
    if (raw === null || raw === '') continue;
    const value = key === 'billable' || key === 'overdue' ? (raw === 'true' ? true : raw === 'false' ? false : raw) : raw;
    const parsed = fields[key].safeParse(value);
    if (parsed.success) out[key] = parsed.data;
  }
  return out as TicketFilters;
}

export function activeFilterKeys(filters: TicketFilters): TicketFilterKey[] {
  return TICKET_FILTER_KEYS.filter((k) => filters[k] !== undefined);
}
