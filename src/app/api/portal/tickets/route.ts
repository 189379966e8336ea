// F11 and F6: POST /api/portal/tickets — multipart/form-data from the portal (or the installed app):
// `kind=ticket` with categoryId, reason, description and up to 5 `file` photos; or `kind=receipt` with
// one `file` (an image or a PDF) and an optional note. The caller goes through the portal's procedure
// rung (a customer of the host's tenant) before a byte of the body is read, and the body is never read
// past MAX_UPLOAD_MB. The services decide everything else (switches, categories, the daily limit).
import { translateError } from '@/i18n/catalog';
import { customerGate, errorResponse, failure, readFilesUpload, routeContext } from '@/server/api/route-handlers';
import { assertWellFormedText } from '@/server/well-formed-input';
import { openTicket, uploadReceipt, ZPortalReceipt, ZPortalTicketNew } from '@/server/services/portal/ticket-requests';

export const maxDuration = 120;

const gate = customerGate();

export async function POST(request: Request): Promise<Response> {
  const ctx = await routeContext(request);
  const { locale } = ctx;
  try {
    const caller = await gate(ctx);
    const upload = await readFilesUpload(request, locale);
    if (upload instanceof Response) return upload;
    const { files, text } = upload;
    const kind = text('kind');
    if (kind === 'receipt') {
      const fields = { note: text('note'), channel: text('channel'), clientKey: text('clientKey') };
      assertWellFormedText({ ...fields, files: files.map((f) => f.name) });
      return Response.json(await uploadReceipt(caller, ZPortalReceipt.parse(fields), files), { status: 201 });
    }
    if (kind !== 'ticket') return failure(400, 'BAD_REQUEST', translateError(locale, 'badRequest'));
    const fields = { categoryId: text('categoryId'), reason: text('reason'), description: text('description') ?? '', channel: text('channel'), siteId: text('siteId'), equipmentId: text('equipmentId'), clientKey: text('clientKey') };
    assertWellFormedText({ ...fields, files: files.map((f) => f.name) });
    return Response.json(await openTicket(caller, ZPortalTicketNew.parse(fields), files), { status: 201 });
  } catch (error) {
    return errorResponse(error, locale, 'portal ticket upload');
  }
}
