// The tRPC wiring and the procedure ladder (STYLE.md §3):
//   publicProcedure → tenantProcedure (tenant from the host, verified here on every call)
//     → staffProcedure(permission) / technicianProcedure / customerProcedure.
// Tenant data is only reachable from the lower rungs, which hand services a tenant-scoped client.
import { initTRPC, TRPCError } from '@trpc/server';
import { z } from 'zod';
import { AppError, APP_ERROR_STATUS } from '@/server/errors';
import { assertWellFormedText } from '@/server/well-formed-input';
import { translateError } from '@/i18n/catalog';
import { fieldMessages } from '@/i18n/zod-messages';
import { allows, type Permission } from '@/lib/permissions';
import type { Locale } from '@/lib/format';
import { resolveTenantByHost, type TenantInfo } from '@/server/services/tenants/resolve';
import { loadStaffActor, loadCustomerActor } from '@/server/services/auth/actors';
import type { StaffActor } from '@/server/services/caller';
import { customerCallerFor, staffCallerFor } from '@/server/services/caller';
import { logger } from '@/server/logger';
import { transformer } from './wire';
import { answerFor } from './answers';

/**
 * What a signed-in session claims; verified against the host's tenant and the database on every call:
 * `version` must still be the person's session version and `sessionId` not signed out.
 */
export type SessionClaims = { kind: 'staff' | 'customer'; userId: string; tenantId: string; version: number; sessionId: string };

export type ContextOptions = {
  host: string | null;
  session: SessionClaims | null;
  ip: string | null;
  /** The UI language the caller chose (cookie), if any. */
  locale: Locale | null;
};

export async function createContext(opts: ContextOptions) {
  const tenant = opts.host ? await resolveTenantByHost(opts.host) : null;
  const locale: Locale = opts.locale ?? (tenant?.locale as Locale | undefined) ?? 'es';
  return { ...opts, tenant, locale };
}
export type Context = Awaited<ReturnType<typeof createContext>>;

const CODE_KEYS: Partial<Record<TRPCError['code'], string>> = {
  NOT_FOUND: 'notFound',
  UNAUTHORIZED: 'unauthorized',
  FORBIDDEN: 'forbidden',
  PAYLOAD_TOO_LARGE: 'payloadTooLarge',
  TOO_MANY_REQUESTS: 'tooManyRequests',
  CONFLICT: 'conflict',
  PARSE_ERROR: 'badRequest',
  BAD_REQUEST: 'badRequest',
  METHOD_NOT_SUPPORTED: 'badRequest',
  UNSUPPORTED_MEDIA_TYPE: 'badRequest',
};

/** What the sweeps read off a procedure: the permission its rung requires. */
export type ProcedureMeta = { permission?: Permission; audience?: 'public' | 'tenant' | 'staff' | 'technician' | 'customer' };

const t = initTRPC.context<Context>().meta<ProcedureMeta>().create({
  // superjson's format; answers written by a faster walk of the same format (./wire.ts).
  transformer,
  // Never send stack traces, in any environment.
  isDev: false,
  errorFormatter({ shape, error, ctx }) {
    const locale = ctx?.locale ?? 'es';
    const cause = error.cause;
    let message: string;
    let fieldErrors: Record<string, string> | undefined;
    if (cause instanceof AppError) {
      message = translateError(locale, cause.messageKey, cause.params);
      if (cause.fieldErrors) {
        fieldErrors = Object.fromEntries(
          Object.entries(cause.fieldErrors).map(([field, m]) => [field, translateError(locale, m.key, m.params)]),
        );
      }
    } else if (cause instanceof z.ZodError) {
      fieldErrors = fieldMessages(locale, cause.issues);
      message = translateError(locale, 'invalidInput');
    } else if (error.code === 'INTERNAL_SERVER_ERROR') {
      message = translateError(locale, 'unexpected');
    } else {
      message = translateError(locale, CODE_KEYS[error.code] ?? 'unexpected');
    }
    return { message, code: shape.code, data: { code: shape.data.code, httpStatus: shape.data.httpStatus, path: shape.data.path, fieldErrors } };
  },
});

export const createCallerFactory = t.createCallerFactory;
export const router = t.router;

/** Domain errors become tRPC errors with their code; anything unexpected is logged and answered generically. */
const appErrors = t.middleware(async ({ next, path }) => {
  const result = await next();
  if (!result.ok) {
    const cause = result.error.cause;
    if (cause instanceof AppError) throw new TRPCError({ code: cause.code, message: cause.messageKey, cause });
    if (result.error.code === 'INTERNAL_SERVER_ERROR') logger.error({ path, err: cause ?? result.error }, 'procedure failed');
  }
  return result;
});

/**
 * Text no database or provider takes (a NUL, a lone surrogate), anywhere in any procedure's input, is a
 * field error before the procedure's schema or service sees it — so no procedure can forget the check.
 */
const wellFormedText = t.middleware(async ({ getRawInput, next }) => {
  assertWellFormedText(await getRawInput());
  return next();
});

export const publicProcedure = t.procedure.meta({ audience: 'public' }).use(appErrors).use(wellFormedText);

export const tenantProcedure = publicProcedure.meta({ audience: 'tenant' }).use(({ ctx, next }) => {
  if (!ctx.tenant) throw new AppError('NOT_FOUND', 'tenantNotFound');
  return next({ ctx: { tenant: ctx.tenant as TenantInfo } });
});

/** A session is accepted only on its own tenant's host. */
const sessionProcedure = tenantProcedure.use(({ ctx, next }) => {
  const session = ctx.session;
  if (!session || session.tenantId !== ctx.tenant.id) throw new AppError('UNAUTHORIZED', 'unauthorized');
  return next({ ctx: { session } });
});

function staffRung(allowed: (actor: StaffActor) => boolean, meta: ProcedureMeta) {
  return sessionProcedure.meta(meta).use(async ({ ctx, next, path }) => {
    if (ctx.session.kind !== 'staff') throw new AppError('FORBIDDEN', 'forbidden');
    // Reloaded on every call: a deactivated user, a changed role or a revoked session takes effect at once.
    const actor = await loadStaffActor(ctx.tenant.id, ctx.session);
    if (!actor) throw new AppError('UNAUTHORIZED', 'sessionExpired');
    if (!allowed(actor)) throw new AppError('FORBIDDEN', 'forbidden');
    // Its tenant's data, and of its tickets only those it may see (src/server/data/visibility.ts).
    const caller = staffCallerFor(ctx.tenant, actor, ctx.locale);
    const result = await next({ ctx: { caller } });
    // The answer as the caller's role may receive it: the procedure's .output() schema without the
    // fields its permissions do not reach (./answers.ts), so a value a service forgot to leave out
    // cannot leave the server.
    if (!result.ok) return result;
    const answer = answerFor(path, actor.role);
    return answer ? { ...result, data: answer.parse(result.data) } : result;
  });
}

/** Staff holding `permission` in the permission map (for a partner company's user, within COMPANY_PERMISSIONS too). */
export function staffProcedure(permission: Permission) {
  return staffRung((actor) => allows(actor, permission), { audience: 'staff', permission });
}

/** Any signed-in staff member, for what concerns only themselves (their profile, their language). */
export const anyStaffProcedure = staffRung(() => true, { audience: 'staff' });

export const technicianProcedure = staffRung((actor) => actor.role === 'TECHNICIAN', { audience: 'technician' });

export const customerProcedure = sessionProcedure.meta({ audience: 'customer' }).use(async ({ ctx, next }) => {
  if (ctx.session.kind !== 'customer') throw new AppError('FORBIDDEN', 'forbidden');
  const actor = await loadCustomerActor(ctx.tenant, ctx.session);
  if (!actor) throw new AppError('UNAUTHORIZED', 'sessionExpired');
  const caller = customerCallerFor(ctx.tenant, actor, ctx.locale);
  return next({ ctx: { caller } });
});

export const HTTP_STATUS = APP_ERROR_STATUS;
