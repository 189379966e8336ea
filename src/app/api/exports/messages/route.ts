// C15: GET /api/exports/messages?format=csv|xlsx&channel=EMAIL|SMS|PUSH&scope=all|filtered&query=…&status=…&kind=…&from=…&to=…
// — a message log as a file, streamed; staff of the host's tenant holding messages.read.
import { exportRoute } from '@/server/api/export-routes';
import { staffGate } from '@/server/api/route-handlers';
import { countMessageExport, messageExport, ZMessageExport } from '@/server/services/exports/messages';

const param = (q: URLSearchParams, name: string) => q.get(name) || undefined;

export const GET = exportRoute(
  staffGate('messages.read'),
  {
    kind: 'messages',
    parse: (q) =>
      ZMessageExport.parse({ channel: param(q, 'channel'), scope: param(q, 'scope'), query: param(q, 'query'), status: param(q, 'status'), kind: param(q, 'kind'), from: param(q, 'from'), to: param(q, 'to') }),
    count: countMessageExport,
    build: messageExport,
  },
  async () => (await import('@/server/services/exports/background')).largeExport,
);
