// F11 and F6: POST /api/portal/tickets — multipart/form-data from the portal (or the installed app):
// `kind=ticket` with categoryId, reason, description and up to 5 `file` photos; or `kind=receipt` with
// one `file` (an image or a PDF) and an optional note. The caller goes through the portal's procedure
// rung (a customer of the host's tenant) before a byte of the body is read, and the body is never read
// past MAX_UPLOAD_MB. The services decide everything else (switches, categories, the daily limit).
import { env } from '@/env';
import { translateError } from '@/i18n/catalog';
import { errorResponse, failure, routeContext } from '@/server/api/route-handlers';
import { customerGate } from '@/server/api/customer-gate';
import { readBody } from '@/server/http';
import { assertWellFormedText } from '@/server/well-formed-input';
import { openTicket, uploadReceipt, ZPortalReceipt, ZPortalTicketNew } from '@/server/services/portal/ticket-requests';
import type { IncomingFile } from '@/server/services/tickets/files';

export const maxDuration = 120;

/** Room for the multipart envelope around the files. */
const MULTIPART_SLACK = 64 * 1024;

export async function POST(request: Request): Promise<Response> {
  const ctx = await routeContext(request);
  const { locale } = ctx;
  try {
    const caller = await customerGate(ctx);
    const maxMb = env().MAX_UPLOAD_MB;
    const tooLarge = () => failure(413, 'PAYLOAD_TOO_LARGE', translateError(locale, 'fileTooLarge', { max: maxMb }));
    const body = await readBody(request, maxMb * 1024 * 1024 + MULTIPART_SLACK);
    if (!body) return tooLarge();
    const contentType = request.headers.get('content-type') ?? '';
    if (!contentType.toLowerCase().startsWith('multipart/form-data')) return failure(400, 'BAD_REQUEST', translateError(locale, 'badRequest'));
    let form: FormData;
    try {
      form = await new Request(request.url, { method: 'POST', headers: { 'content-type': contentType }, body }).formData();
    } catch {
      return failure(400, 'BAD_REQUEST', translateError(locale, 'badRequest'));
    }
    const files: IncomingFile[] = [];
    let total = 0;
    for (const entry of form.getAll('file')) {
      if (!(entry instanceof File)) continue;
      const bytes = new Uint8Array(await entry.arrayBuffer());
      total += bytes.byteLength;
      files.push({ name: entry.name, bytes });
    }
    if (total > maxMb * 1024 * 1024) return tooLarge();
    const text = (name: string) => {
      const value = form.get(name);
      return typeof value === 'string' && value !== '' ? value : undefined;
    };
    const kind = text('kind');
    if (kind === 'receipt') {
      const fields = { note: text('note'), channel: text('channel'), clientKey: text('clientKey') };
      assertWellFormedText({ ...fields, files: files.map((f) => f.name) });
      return Response.json(await uploadReceipt(caller, ZPortalReceipt.parse(fields), files), { status: 201 });
    }
    if (kind !== 'ticket') return failure(400, 'BAD_REQUEST', translateError(locale, 'badRequest'));
    const fields = { categoryId: text('categoryId'), reason: text('reason'), description: text('description') ?? '', channel: text('channel'), clientKey: text('clientKey') };
    assertWellFormedText({ ...fields, files: files.map((f) => f.name) });
    return Response.json(await openTicket(caller, ZPortalTicketNew.parse(fields), files), { status: 201 });
  } catch (error) {
    return errorResponse(error, locale, 'portal ticket upload');
  }
}
