// C15: GET /api/exports/customers?format=csv|xlsx&scope=all|filtered&query=…&status=…&localityId=… — the
// customer list as a file, streamed; staff of the host's tenant holding customers.read.
import { exportRoute } from '@/server/api/export-routes';
import { staffGate } from '@/server/api/route-handlers';
import { EXPORTS } from '@/server/services/exports/kinds';

export const GET = exportRoute(staffGate('customers.read'), 'customers', EXPORTS.customers);
