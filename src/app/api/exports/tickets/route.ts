// C15: GET /api/exports/tickets?format=csv|xlsx&tab=…&scope=all|filtered&query=…&columns=…&<the grid's filters>
// — the ticket grid as a file, streamed; staff of the host's tenant holding tickets.read, and of the
// tickets only those the caller may see (a technician's own). Above EXPORT_SYNC_MAX_ROWS, a background job.
import { exportRoute } from '@/server/api/export-routes';
import { staffGate } from '@/server/api/route-handlers';
import { EXPORTS } from '@/server/services/exports/kinds';

export const GET = exportRoute(staffGate('tickets.read'), 'tickets', EXPORTS.tickets);
