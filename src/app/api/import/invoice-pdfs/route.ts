// A5: POST /api/import/invoice-pdfs — a zip of invoice PDFs, each named by its invoice's number
// (`0001-00000042.pdf`, in any folder), raw or as the `file` field of multipart/form-data. Staff
// holding `billing.import`; all or nothing (attachInvoicePdfs). JSON always: 200 attached, 400 with
// the problems and nothing attached.
import { env } from '@/env';
import { translateError, translator } from '@/i18n/catalog';
import { errorResponse, failure, routeContext, staffGate } from '@/server/api/route-handlers';
import { readBody } from '@/server/http';
import { attachInvoicePdfs } from '@/server/services/billing/pdf';

export const maxDuration = 300;

const gate = staffGate('billing.import');
const MULTIPART_SLACK = 64 * 1024;

export async function POST(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const ctx = await routeContext(request);
  const { locale } = ctx;
  const t = translator(locale, 'billing');
  try {
    const caller = await gate(ctx);
    const maxMb = env().MAX_UPLOAD_MB;
    const limit = maxMb * 1024 * 1024;
    const body = await readBody(request, limit + MULTIPART_SLACK);
    const tooLarge = () => failure(413, 'PAYLOAD_TOO_LARGE', translator(locale, 'customerImport')('errors.fileTooLarge', { max: maxMb }));
    if (!body) return tooLarge();
    let bytes: Uint8Array = body;
    if (request.headers.get('content-type')?.toLowerCase().startsWith('multipart/form-data')) {
      let form: FormData;
      try {
        form = await new Request(url, { method: 'POST', headers: { 'content-type': request.headers.get('content-type')! }, body }).formData();
      } catch {
        return failure(400, 'BAD_REQUEST', translateError(locale, 'badRequest'));
      }
      const file = form.get('file');
      if (!(file instanceof Blob)) return failure(400, 'BAD_REQUEST', translator(locale, 'customerImport')('errors.noFile'));
      bytes = new Uint8Array(await file.arrayBuffer());
    }
    if (bytes.byteLength > limit) return tooLarge();
    const report = await attachInvoicePdfs(caller, bytes, (key, params) => t(key, params));
    return Response.json(report, { status: report.ok ? 200 : 400 });
  } catch (error) {
    return errorResponse(error, locale, 'invoice pdf attach');
  }
}
