// A5: POST /api/import/billing?kind=invoices|payments&mode=preview|commit&encoding=auto|utf-8|windows-1252
// The body is the CSV file, raw or as the `file` field of multipart/form-data. Who may import is
// decided by the same procedure ladder as every tRPC call (tenant from the host, a session of that
// tenant, a staff member holding `billing.import`); the work is importBilling's. JSON always.
import { z } from 'zod';
import { env } from '@/env';
import { translateError, translator } from '@/i18n/catalog';
import type { Locale } from '@/lib/format';
import { errorResponse, failure, routeContext, staffGate } from '@/server/api/route-handlers';
import { readBody } from '@/server/http';
import { importBilling } from '@/server/services/billing/import/import-billing';

export const maxDuration = 300;

const gate = staffGate('billing.import');

const ZParams = z.object({
  kind: z.enum(['invoices', 'payments']),
  mode: z.enum(['preview', 'commit']).default('preview'),
  encoding: z.enum(['auto', 'utf-8', 'windows-1252']).default('auto'),
});

/** Room for the multipart envelope around a file of the maximum size. */
const MULTIPART_SLACK = 64 * 1024;

function tooLarge(locale: Locale, maxMb: number): Response {
  return failure(413, 'PAYLOAD_TOO_LARGE', translator(locale, 'customerImport')('errors.fileTooLarge', { max: maxMb }));
}

function param(form: FormData | null, url: URL, name: string): string | undefined {
  const value = form?.get(name) ?? url.searchParams.get(name);
  return typeof value === 'string' && value ? value : undefined;
}

export async function POST(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const ctx = await routeContext(request);
  const { locale } = ctx;
  try {
    const caller = await gate(ctx);

    // Only an authorized caller gets its body read, and never past the limit.
    const maxMb = env().MAX_UPLOAD_MB;
    const limit = maxMb * 1024 * 1024;
    const body = await readBody(request, limit + MULTIPART_SLACK);
    if (!body) return tooLarge(locale, maxMb);
    let bytes: Uint8Array = body;
    let form: FormData | null = null;
    if (request.headers.get('content-type')?.toLowerCase().startsWith('multipart/form-data')) {
      try {
        form = await new Request(url, { method: 'POST', headers: { 'content-type': request.headers.get('content-type')! }, body }).formData();
      } catch {
        return failure(400, 'BAD_REQUEST', translateError(locale, 'badRequest'));
      }
      const file = form.get('file');
      if (!(file instanceof Blob)) return failure(400, 'BAD_REQUEST', translator(locale, 'customerImport')('errors.noFile'));
      bytes = new Uint8Array(await file.arrayBuffer());
    }
    if (bytes.byteLength > limit) return tooLarge(locale, maxMb);

    const params = ZParams.safeParse({ kind: param(form, url, 'kind'), mode: param(form, url, 'mode'), encoding: param(form, url, 'encoding') });
    if (!params.success) return failure(400, 'BAD_REQUEST', translateError(locale, 'badRequest'));

    const { kind, ...options } = params.data;
    const report = await importBilling(caller, kind, bytes, { ...options, locale });
    // A preview with problems is still a preview; a commit with problems wrote nothing.
    return Response.json(report, { status: report.mode === 'commit' && !report.ok ? 400 : 200 });
  } catch (error) {
    return errorResponse(error, locale, 'billing import');
  }
}
