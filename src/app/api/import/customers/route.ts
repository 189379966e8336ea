// A7: POST /api/import/customers?mode=preview|commit&encoding=auto|utf-8|windows-1252
// The body is the CSV file, raw or as the `file` field of multipart/form-data. Who may import is
// decided by the same procedure ladder as every tRPC call (tenant from the host, a session of that
// tenant, a staff member holding `customers.import`); the work is importCustomers'. JSON always.
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { env } from '@/env';
import { translateError, translator } from '@/i18n/catalog';
import type { Locale } from '@/lib/format';
import { createCallerFactory, createContext, router, staffProcedure } from '@/server/api/trpc';
import { requestClaims } from '@/server/auth/claims';
import { APP_ERROR_STATUS, AppError } from '@/server/errors';
import { clientIp, cookieLocale, readBody } from '@/server/http';
import { logger } from '@/server/logger';
import { importCustomers } from '@/server/services/customers/import/import-customers';

export const maxDuration = 300;

/** The ladder's answer to "who is calling": a StaffCaller, or the ladder's own error. */
const gate = createCallerFactory(router({ caller: staffProcedure('customers.import').query(({ ctx }) => ctx.caller) }));

const ZParams = z.object({
  mode: z.enum(['preview', 'commit']).default('preview'),
  encoding: z.enum(['auto', 'utf-8', 'windows-1252']).default('auto'),
});

/** Room for the multipart envelope around a file of the maximum size. */
const MULTIPART_SLACK = 64 * 1024;

function failure(status: number, code: string, message: string): Response {
  return Response.json({ error: { message, code } }, { status });
}

function tooLarge(locale: Locale, maxMb: number): Response {
  return failure(413, 'PAYLOAD_TOO_LARGE', translator(locale, 'customerImport')('errors.fileTooLarge', { max: maxMb }));
}

function param(form: FormData | null, url: URL, name: string): string | undefined {
  const value = form?.get(name) ?? url.searchParams.get(name);
  return typeof value === 'string' && value ? value : undefined;
}

export async function POST(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const session = await requestClaims(request);
  const ctx = await createContext({ host: request.headers.get('host'), session, ip: clientIp(request.headers), locale: cookieLocale(request.headers.get('cookie')) });
  const { locale } = ctx;
  try {
    const caller = await gate(ctx).caller();

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

    const params = ZParams.safeParse({ mode: param(form, url, 'mode'), encoding: param(form, url, 'encoding') });
    if (!params.success) return failure(400, 'BAD_REQUEST', translateError(locale, 'badRequest'));

    const report = await importCustomers(caller, bytes, { ...params.data, locale });
    // A preview with problems is still a preview; a commit with problems wrote nothing.
    return Response.json(report, { status: report.mode === 'commit' && !report.ok ? 400 : 200 });
  } catch (error) {
    const cause = error instanceof TRPCError ? error.cause : error;
    if (cause instanceof AppError) return failure(APP_ERROR_STATUS[cause.code], cause.code, translateError(locale, cause.messageKey, cause.params));
    logger.error({ err: cause ?? error }, 'customer import failed');
    return failure(500, 'INTERNAL_SERVER_ERROR', translateError(locale, 'unexpected'));
  }
}
