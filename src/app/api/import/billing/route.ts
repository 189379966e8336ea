// A5: POST /api/import/billing?kind=invoices|payments&mode=preview|commit&encoding=auto|utf-8|windows-1252
// The body is the CSV file, raw (saved to a temporary file as it arrives, within BILLING_IMPORT_MAX_MB,
// and read as a stream: issue 17) or as the `file` field of multipart/form-data (in memory, within
// MAX_UPLOAD_MB). Who may import is
// decided by the same procedure ladder as every tRPC call (tenant from the host, a session of that
// tenant, a staff member holding `billing.import`); the work is importBilling's. JSON always.
import { z } from 'zod';
import { translateError } from '@/i18n/catalog';
import { env } from '@/env';
import { errorResponse, failure, routeContext, saveUpload, staffGate } from '@/server/api/route-handlers';
import { importBilling } from '@/server/services/billing/import/import-billing';

export const maxDuration = 300;

const gate = staffGate('billing.import');

const ZParams = z.object({
  kind: z.enum(['invoices', 'payments']),
  mode: z.enum(['preview', 'commit']).default('preview'),
  encoding: z.enum(['auto', 'utf-8', 'windows-1252']).default('auto'),
});

export async function POST(request: Request): Promise<Response> {
  const ctx = await routeContext(request);
  const { locale } = ctx;
  try {
    const caller = await gate(ctx);

    // Only an authorized caller gets its body read, and never past the limit.
    const upload = await saveUpload(request, locale, env().BILLING_IMPORT_MAX_MB);
    if (upload instanceof Response) return upload;
    try {
      const params = ZParams.safeParse({ kind: upload.param('kind'), mode: upload.param('mode'), encoding: upload.param('encoding') });
      if (!params.success) return failure(400, 'BAD_REQUEST', translateError(locale, 'badRequest'));

      const { kind, ...options } = params.data;
      const report = await importBilling(caller, kind, upload.source, { ...options, locale });
      // A preview with problems is still a preview; a commit with problems wrote nothing.
      return Response.json(report, { status: report.mode === 'commit' && !report.ok ? 400 : 200 });
    } finally {
      await upload.dispose();
    }
  } catch (error) {
    return errorResponse(error, locale, 'billing import');
  }
}
