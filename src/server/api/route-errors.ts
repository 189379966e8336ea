// Errors of route handlers (uploads, downloads, imports) answered like tRPC's: the same codes and
// statuses, messages in the caller's language, per-field messages when there are some.
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { translateError } from '@/i18n/catalog';
import { fieldMessages } from '@/i18n/zod-messages';
import type { Locale } from '@/lib/format';
import { APP_ERROR_STATUS, AppError } from '@/server/errors';
import { logger } from '@/server/logger';

export type RouteErrorBody = { error: { code: string; message: string; fieldErrors?: Record<string, string> } };

export function failure(status: number, code: string, message: string, fieldErrors?: Record<string, string>): Response {
  return Response.json({ error: { code, message, ...(fieldErrors ? { fieldErrors } : {}) } } satisfies RouteErrorBody, { status });
}

export function errorResponse(error: unknown, locale: Locale, what: string): Response {
  const cause = error instanceof TRPCError ? (error.cause ?? error) : error;
  if (cause instanceof AppError) {
    const fields = cause.fieldErrors && Object.fromEntries(Object.entries(cause.fieldErrors).map(([field, m]) => [field, translateError(locale, m.key, m.params)]));
    return failure(APP_ERROR_STATUS[cause.code], cause.code, translateError(locale, cause.messageKey, cause.params), fields);
  }
  if (cause instanceof z.ZodError) return failure(400, 'BAD_REQUEST', translateError(locale, 'invalidInput'), fieldMessages(locale, cause.issues));
  logger.error({ err: cause }, `${what} failed`);
  return failure(500, 'INTERNAL_SERVER_ERROR', translateError(locale, 'unexpected'));
}
