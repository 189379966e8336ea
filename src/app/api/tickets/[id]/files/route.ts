// C8: POST /api/tickets/[id]/files — multipart/form-data with one or more `file` fields, and
// optionally `visibility` (PUBLIC | TECHNICIAN | STAFF | CUSTOMER), or `sourceFileId` for a new version of
// an image (G11: it takes the source's visibility), or `comment` + `public` to save a comment
// with its files in one go; `toCustomer=true` keeps them on the ticket's customer (E6). An
// `Idempotency-Key` header (a UUID) makes a replayed upload answer the first one (E9). The caller goes through the same procedure ladder as every tRPC call
// (tenant from the host, a session of that tenant, staff holding tickets.attach) before a byte of
// the body is read, and the body is never read past MAX_UPLOAD_MB.
import { translateError } from '@/i18n/catalog';
import { errorResponse, failure, readFilesUpload, routeContext, staffGate } from '@/server/api/route-handlers';
import { attachFiles, ZAttach } from '@/server/services/tickets/files';
import { assertWellFormedText } from '@/server/well-formed-input';
import { once } from '@/server/services/sync/receipts';
import { z } from 'zod';

export const maxDuration = 120;

const gate = staffGate('tickets.attach');

export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const ctx = await routeContext(request);
  const { locale } = ctx;
  try {
    const caller = await gate(ctx);
    const upload = await readFilesUpload(request, locale);
    if (upload instanceof Response) return upload;
    const { files, text } = upload;
    const fields = { visibility: text('visibility'), comment: text('comment'), public: text('public'), toCustomer: text('toCustomer'), sourceFileId: text('sourceFileId') };
    // Names and text no database takes (a NUL, a lone surrogate) are field errors, as in every procedure.
    assertWellFormedText({ ...fields, files: files.map((f) => f.name) });
    const input = ZAttach.parse({ ticketId: (await params).id, ...fields });
    // E9: an upload from the technician app's offline queue names its key: a replay (its answer was
    // lost) answers the first upload's files instead of storing them again.
    const key = request.headers.get('idempotency-key');
    if (key !== null) {
      const parsed = z.uuid().safeParse(key);
      if (!parsed.success) return failure(400, 'BAD_REQUEST', translateError(locale, 'invalidInput'), { key: translateError(locale, 'validation.invalid') });
      const payload = { ...input, files: files.map((f) => ({ name: f.name, bytes: f.bytes })) };
      const result = await once(caller, parsed.data, 'files', payload, async (inner) => JSON.parse(JSON.stringify(await attachFiles(inner, input, files))));
      return Response.json(result, { status: 201 });
    }
    return Response.json(await attachFiles(caller, input, files), { status: 201 });
  } catch (error) {
    return errorResponse(error, locale, 'ticket file upload');
  }
}
