// What the route handlers outside tRPC (uploads, downloads, imports) share with it: the same context
// (tenant from the host, the session, the caller's language), the same procedure ladder deciding who
// may call, and errors answered with the same codes, statuses and translated messages.
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { env } from '@/env';
import { translateError, translator } from '@/i18n/catalog';
import { fieldMessages } from '@/i18n/zod-messages';
import type { Locale } from '@/lib/format';
import type { Permission } from '@/lib/permissions';
import { anyStaffProcedure, createCallerFactory, createContext, customerProcedure, router, staffProcedure } from '@/server/api/trpc';
import { requestClaims } from '@/server/auth/claims';
import { APP_ERROR_STATUS, AppError, notFound } from '@/server/errors';
import { clientIp, clientWentAway, cookieLocale, readBody } from '@/server/http';
import { logger } from '@/server/logger';

/** The context a tRPC call of this request would get. */
export async function routeContext(request: Request) {
  const session = await requestClaims(request);
  return createContext({ host: request.headers.get('host'), session, ip: clientIp(request.headers), locale: cookieLocale(request.headers.get('cookie')) });
}

/** The ladder's answer to "who is calling": a StaffCaller holding `permission`, or the ladder's own error. */
export function staffGate(permission: Permission) {
  const caller = createCallerFactory(router({ caller: staffProcedure(permission).query(({ ctx }) => ctx.caller) }));
  return (ctx: RouteContext) => caller(ctx).caller();
}

/** The ladder's answer for what concerns only the caller (their own exports): any signed-in staff member of the host's tenant. */
export function anyStaffGate() {
  const caller = createCallerFactory(router({ caller: anyStaffProcedure.query(({ ctx }) => ctx.caller) }));
  return (ctx: RouteContext) => caller(ctx).caller();
}

/** The ladder's answer for the portal's routes: the signed-in customer's caller, or the ladder's own error. */
export function customerGate() {
  const caller = createCallerFactory(router({ caller: customerProcedure.query(({ ctx }) => ctx.caller) }));
  return (ctx: RouteContext) => caller(ctx).caller();
}

type RouteContext = Awaited<ReturnType<typeof routeContext>>;

/**
 * A GET route for one file by id (a stored file, an invoice's or a ticket's PDF): the caller passes
 * `gate`; an id that is not a UUID is not found, like one that does not exist; `send` answers with
 * the file (the query string is its options); errors are answered as every route answers them.
 */
export function fileByIdRoute<C>(gate: (ctx: RouteContext) => Promise<C>, what: string, send: (caller: C, id: string, query: URLSearchParams) => Promise<Response>) {
  return async (request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> => {
    const ctx = await routeContext(request);
    try {
      const caller = await gate(ctx);
      const id = z.uuid().safeParse((await params).id);
      if (!id.success) throw notFound();
      return await send(caller, id.data, new URL(request.url).searchParams);
    } catch (error) {
      return errorResponse(error, ctx.locale, what);
    }
  };
}

export type RouteErrorBody = { error: { code: string; message: string; fieldErrors?: Record<string, string> } };

export function failure(status: number, code: string, message: string, fieldErrors?: Record<string, string>): Response {
  return Response.json({ error: { code, message, ...(fieldErrors ? { fieldErrors } : {}) } } satisfies RouteErrorBody, { status });
}

/** A failure answered before a call has its context: in the language of the caller's cookie (Spanish without one). */
export function edgeFailure(cookieHeader: string | null, status: number, code: string, messageKey: string, params?: Record<string, string | number>): Response {
  return failure(status, code, translateError(cookieLocale(cookieHeader) ?? 'es', messageKey, params));
}

export function errorResponse(error: unknown, locale: Locale, what: string): Response {
  const cause = error instanceof TRPCError ? (error.cause ?? error) : error;
  if (cause instanceof AppError) {
    const fields = cause.fieldErrors && Object.fromEntries(Object.entries(cause.fieldErrors).map(([field, m]) => [field, translateError(locale, m.key, m.params)]));
    return failure(APP_ERROR_STATUS[cause.code], cause.code, translateError(locale, cause.messageKey, cause.params), fields);
  }
  if (cause instanceof z.ZodError) return failure(400, 'BAD_REQUEST', translateError(locale, 'invalidInput'), fieldMessages(locale, cause.issues));
  if (clientWentAway(cause)) {
    logger.warn({ err: (cause as Error).message }, `${what}: the client closed the connection before the request's end`);
    return failure(400, 'BAD_REQUEST', translateError(locale, 'unexpected'));
  }
  logger.error({ err: cause }, `${what} failed`);
  return failure(500, 'INTERNAL_SERVER_ERROR', translateError(locale, 'unexpected'));
}

/** Room for the multipart envelope around a file of the maximum size. */
const MULTIPART_SLACK = 64 * 1024;

/** A file uploaded to an import route, and its parameters (form fields, else the query string). */
export type Upload = { bytes: Uint8Array; param: (name: string) => string | undefined };

/**
 * Reads an import route's file — the raw body, or the `file` field of multipart/form-data — never
 * past MAX_UPLOAD_MB. Call it only once the caller is authorized. A Response is the refusal to send.
 */
export async function readUpload(request: Request, locale: Locale): Promise<Upload | Response> {
  const url = new URL(request.url);
  const maxMb = env().MAX_UPLOAD_MB;
  const limit = maxMb * 1024 * 1024;
  const tooLarge = () => failure(413, 'PAYLOAD_TOO_LARGE', translator(locale, 'customerImport')('errors.fileTooLarge', { max: maxMb }));
  const body = await readBody(request, limit + MULTIPART_SLACK);
  if (!body) return tooLarge();
  let bytes: Uint8Array = body;
  let form: FormData | null = null;
  const type = request.headers.get('content-type');
  if (type?.toLowerCase().startsWith('multipart/form-data')) {
    try {
      form = await new Request(url, { method: 'POST', headers: { 'content-type': type }, body }).formData();
    } catch {
      return failure(400, 'BAD_REQUEST', translateError(locale, 'badRequest'));
    }
    const file = form.get('file');
    if (!(file instanceof Blob)) return failure(400, 'BAD_REQUEST', translator(locale, 'customerImport')('errors.noFile'));
    bytes = new Uint8Array(await file.arrayBuffer());
  }
  if (bytes.byteLength > limit) return tooLarge();
  const param = (name: string) => {
    const value = form?.get(name) ?? url.searchParams.get(name);
    return typeof value === 'string' && value ? value : undefined;
  };
  return { bytes, param };
}

/** Files sent as multipart/form-data (every `file` field), and the form's other text fields. */
export type FilesUpload = { files: { name: string; bytes: Uint8Array }[]; text: (name: string) => string | undefined };

/**
 * Reads a multipart/form-data body of files (ticket files, the portal's photos and receipts), never
 * past MAX_UPLOAD_MB in all. Call it only once the caller is authorized. A Response is the refusal to send.
 */
export async function readFilesUpload(request: Request, locale: Locale): Promise<FilesUpload | Response> {
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
  const files: FilesUpload['files'] = [];
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
  return { files, text };
}

/** An import's file: in memory (a multipart upload) or in a temporary file (a raw body); `dispose` removes the file. */
export type SavedUpload = { source: Uint8Array | { path: string }; param: (name: string) => string | undefined; dispose: () => Promise<void> };

/**
 * Receives a large import's file without holding it: a raw body is written to a temporary file as it
 * arrives, never past `maxMb` (a translated 413 as soon as it passes, or when Content-Length says it
 * will); a multipart body is read as readUpload reads it, within MAX_UPLOAD_MB. Call it only once the
 * caller is authorized, and `dispose` the upload when done.
 */
export async function saveUpload(request: Request, locale: Locale, maxMb: number): Promise<SavedUpload | Response> {
  if (request.headers.get('content-type')?.toLowerCase().startsWith('multipart/form-data')) {
    const upload = await readUpload(request, locale);
    if (upload instanceof Response) return upload;
    return { source: upload.bytes, param: upload.param, dispose: async () => undefined };
  }
  const url = new URL(request.url);
  const limit = maxMb * 1024 * 1024;
  const tooLarge = () => failure(413, 'PAYLOAD_TOO_LARGE', translator(locale, 'customerImport')('errors.fileTooLarge', { max: maxMb }));
  if (Number(request.headers.get('content-length') ?? 0) > limit) return tooLarge();
  const dir = await mkdtemp(path.join(tmpdir(), 'antena-upload-'));
  const file = path.join(dir, 'upload.csv');
  const dispose = () => rm(dir, { recursive: true, force: true });
  const out = createWriteStream(file);
  try {
    let size = 0;
    const reader = request.body?.getReader();
    for (;;) {
      if (!reader) break;
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        await reader.cancel();
        out.destroy();
        await dispose();
        return tooLarge();
      }
      if (!out.write(value)) await once(out, 'drain');
    }
    out.end();
    await finished(out);
  } catch (error) {
    out.destroy();
    await dispose();
    throw error;
  }
  const param = (name: string) => url.searchParams.get(name) || undefined;
  return { source: { path: file }, param, dispose };
}
