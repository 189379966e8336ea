// C8: GET /api/files/[id] (?variant=thumb for an image's preview) — the only way a ticket file's
// bytes reach a browser. The caller passes the procedure ladder (staff holding tickets.read of the
// host's tenant) and the file's visibility; anything else is a 404, whether or not the file exists.
import { fileResponse } from '@/server/http';
import { fileByIdRoute, staffGate } from '@/server/api/route-handlers';
import { openFile } from '@/server/services/tickets/files';

export const GET = fileByIdRoute(staffGate('tickets.read'), 'ticket file download', async (caller, id, query) => {
  const file = await openFile(caller, id, query.get('variant') === 'thumb' ? 'thumb' : 'original');
  return fileResponse(file, file.inline && query.get('download') !== '1' ? 'inline' : 'attachment', 'archivo');
});
