// A7: POST /api/import/customers?mode=preview|commit&encoding=auto|utf-8|windows-1252
// The body is the CSV file, raw or as the `file` field of multipart/form-data. Who may import is
// decided by the same procedure ladder as every tRPC call (tenant from the host, a session of that
// tenant, a staff member holding `customers.import`); the work is importCustomers'. JSON always.
import { z } from 'zod';
import { translateError } from '@/i18n/catalog';
import { errorResponse, failure, readUpload, routeContext, staffGate } from '@/server/api/route-handlers';
import { importCustomers } from '@/server/services/customers/import/import-customers';

export const maxDuration = 300;

const gate = staffGate('customers.import');

const ZParams = z.object({
  mode: z.enum(['preview', 'commit']).default('preview'),
  encoding: z.enum(['auto', 'utf-8', 'windows-1252']).default('auto'),
});

export async function POST(request: Request): Promise<Response> {
  const ctx = await routeContext(request);
  const { locale } = ctx;
  try {
    const caller = await gate(ctx);

    // Only an authorized caller gets its body read, and never past the limit.
    const upload = await readUpload(request, locale);
    if (upload instanceof Response) return upload;

    const params = ZParams.safeParse({ mode: upload.param('mode'), encoding: upload.param('encoding') });
    if (!params.success) return failure(400, 'BAD_REQUEST', translateError(locale, 'badRequest'));

    const report = await importCustomers(caller, upload.bytes, { ...params.data, locale });
    // A preview with problems is still a preview; a commit with problems wrote nothing.
    return Response.json(report, { status: report.mode === 'commit' && !report.ok ? 400 : 200 });
  } catch (error) {
    return errorResponse(error, locale, 'customer import');
  }
}
