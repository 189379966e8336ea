// C15: GET /api/exports/tickets?format=csv|xlsx&tab=…&scope=all|filtered&query=…&columns=…&<the grid's filters>
// — the ticket grid as a file, streamed; staff of the host's tenant holding tickets.read, and of the
// tickets only those the caller may see (a technician's own). Above EXPORT_SYNC_MAX_ROWS, a background job.
import { filtersFromParams } from '@/lib/ticket-filters';
import { exportRoute } from '@/server/api/export-routes';
import { staffGate } from '@/server/api/route-handlers';
import { countTicketExport, ticketExport, ZTicketExport } from '@/server/services/exports/tickets';

export const GET = exportRoute(
  staffGate('tickets.read'),
  {
    kind: 'tickets',
    parse: (q) =>
      ZTicketExport.parse({
        tab: q.get('tab') ?? undefined,
        scope: q.get('scope') ?? undefined,
        query: q.get('query') || undefined,
        filters: filtersFromParams(q),
        columns: q.get('columns') ?? '',
      }),
    count: countTicketExport,
    build: ticketExport,
  },
  async () => (await import('@/server/services/exports/background')).largeExport,
);
