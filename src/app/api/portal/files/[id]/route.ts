// F11: GET /api/portal/files/[id] (?variant=thumb for an image's preview) — a public file of one of
// the signed-in customer's tickets (their photos, their receipt, what the office shared). Anything
// else — an office or technician file, another customer's — is a 404, whether or not it exists.
import { fileResponse } from '@/server/http';
import { customerGate, fileByIdRoute } from '@/server/api/route-handlers';
import { openMyFile } from '@/server/services/portal/tickets';

export const GET = fileByIdRoute(customerGate(), 'portal file download', async (caller, id, query) => {
  const file = await openMyFile(caller, id, query.get('variant') === 'thumb' ? 'thumb' : 'original');
  return fileResponse(file, file.inline && query.get('download') !== '1' ? 'inline' : 'attachment', 'archivo');
});
