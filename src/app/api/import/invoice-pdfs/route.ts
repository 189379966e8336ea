// A5: POST /api/import/invoice-pdfs — a zip of invoice PDFs, each named by its invoice's number
// (`0001-00000042.pdf`, in any folder), raw or as the `file` field of multipart/form-data. Staff
// holding `billing.import`; all or nothing (attachInvoicePdfs). JSON always: 200 attached, 400 with
// the problems and nothing attached.
import { translator } from '@/i18n/catalog';
import { errorResponse, readUpload, routeContext, staffGate } from '@/server/api/route-handlers';
import { attachInvoicePdfs } from '@/server/services/billing/pdf';

export const maxDuration = 300;

const gate = staffGate('billing.import');

export async function POST(request: Request): Promise<Response> {
  const ctx = await routeContext(request);
  const { locale } = ctx;
  const t = translator(locale, 'billing');
  try {
    const caller = await gate(ctx);
    const upload = await readUpload(request, locale);
    if (upload instanceof Response) return upload;
    const report = await attachInvoicePdfs(caller, upload.bytes, (key, params) => t(key, params));
    return Response.json(report, { status: report.ok ? 200 : 400 });
  } catch (error) {
    return errorResponse(error, locale, 'invoice pdf attach');
  }
}
