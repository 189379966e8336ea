// C15: GET /api/exports/customers?format=csv|xlsx&scope=all|filtered&query=…&status=…&localityId=… — the
// customer list as a file, streamed; staff of the host's tenant holding customers.read.
import { exportRoute } from '@/server/api/export-routes';
import { staffGate } from '@/server/api/route-handlers';
import { countCustomerExport, customerExport, ZCustomerExport } from '@/server/services/exports/customers';

export const GET = exportRoute(
  staffGate('customers.read'),
  {
    kind: 'customers',
    parse: (q) => ZCustomerExport.parse({ scope: q.get('scope') ?? undefined, query: q.get('query') || undefined, status: q.get('status') || undefined, localityId: q.get('localityId') || undefined }),
    count: countCustomerExport,
    build: customerExport,
  },
  async () => (await import('@/server/services/exports/background')).largeExport,
);
