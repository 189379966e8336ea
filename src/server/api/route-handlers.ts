// What the route handlers outside tRPC (uploads, downloads, imports) share with it: the same context
// (tenant from the host, the session, the caller's language), the same procedure ladder deciding who
// may call, and errors answered with the same codes, statuses and translated messages.
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { translateError } from '@/i18n/catalog';
import { fieldMessages } from '@/i18n/zod-messages';
import type { Locale } from '@/lib/format';
import type { Permission } from '@/lib/permissions';
import { createCallerFactory, createContext, router, staffProcedure } from '@/server/api/trpc';
import { requestClaims } from '@/server/auth/claims';
import { APP_ERROR_STATUS, AppError } from '@/server/errors';
import { clientIp, clientWentAway, cookieLocale } from '@/server/http';
import { logger } from '@/server/logger';

/** The context a tRPC call of this request would get. */
export async function routeContext(request: Request) {
  const session = await requestClaims(request);
  return createContext({ host: request.headers.get('host'), session, ip: clientIp(request.headers), locale: cookieLocale(request.headers.get('cookie')) });
}

/** The ladder's answer to "who is calling": a StaffCaller holding `permission`, or the ladder's own error. */
export function staffGate(permission: Permission) {
  const caller = createCallerFactory(router({ caller: staffProcedure(permission).query(({ ctx }) => ctx.caller) }));
  return (ctx: Awaited<ReturnType<typeof routeContext>>) => caller(ctx).caller();
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
