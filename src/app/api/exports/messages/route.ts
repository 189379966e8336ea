// C15: GET /api/exports/messages?format=csv|xlsx&channel=EMAIL|SMS|PUSH&scope=all|filtered&query=…&status=…&kind=…&from=…&to=…
// — a message log as a file, streamed; staff of the host's tenant holding messages.read.
import { exportRoute } from '@/server/api/export-routes';
import { staffGate } from '@/server/api/route-handlers';
import { EXPORTS } from '@/server/services/exports/kinds';

export const GET = exportRoute(staffGate('messages.read'), 'messages', EXPORTS.messages);
