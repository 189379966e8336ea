// One domain error type (STYLE.md §7). Services throw AppError with a code and a message key; the
// tRPC error formatter and the HTTP routes map it once to a status and a translated message.

export const APP_ERROR_STATUS = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  TOO_MANY_REQUESTS: 429,
} as const;

export type AppErrorCode = keyof typeof APP_ERROR_STATUS;

/** A message key under `errors.` in the i18n catalogs, with its parameters. */
export type Message = { key: string; params?: Record<string, string | number> };

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    readonly messageKey: string,
    readonly params?: Record<string, string | number>,
    /** Per-field errors, keyed by the input path (e.g. "taxId", "rows.3.email"). */
    readonly fieldErrors?: Record<string, Message>,
  ) {
    super(messageKey);
    this.name = 'AppError';
  }
}

/** Another tenant's row, or one the caller may not see: its existence is never revealed. */
export function notFound(): AppError {
  return new AppError('NOT_FOUND', 'notFound');
}

export function forbidden(): AppError {
  return new AppError('FORBIDDEN', 'forbidden');
}

/** A field-level error: one field, one message. */
export function fieldError(field: string, key: string, params?: Record<string, string | number>, code: AppErrorCode = 'BAD_REQUEST'): AppError {
  return new AppError(code, 'invalidInput', undefined, { [field]: { key, params } });
}

/** The fields of a PostgreSQL unique violation, from Prisma's error (classic or driver-adapter shape). */
export function uniqueViolationFields(error: unknown): string[] | null {
  const e = error as { code?: string; meta?: Record<string, unknown> } | null;
  if (!e || e.code !== 'P2002') return null;
  const meta = e.meta ?? {};
  if (Array.isArray(meta.target)) return meta.target as string[];
  const adapterFields = (meta.driverAdapterError as { cause?: { constraint?: { fields?: string[] } } } | undefined)?.cause?.constraint?.fields;
  if (Array.isArray(adapterFields)) return adapterFields.map((f) => f.replace(/^"|"$/g, ''));
  return [];
}

/**
 * A PostgreSQL foreign-key violation from Prisma (P2003): a row something still refers to (Restrict),
 * or a reference to a row that does not exist. Services turn it into archiving or a translated CONFLICT.
 */
export function isForeignKeyViolation(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === 'P2003';
}

/**
 * Runs a write whose unique key is one field: a duplicate is that field's CONFLICT (`key`, by default
 * "name already taken"), a row gone meanwhile (Prisma's P2025) is NOT_FOUND; anything else is rethrown.
 */
export async function uniqueWrite<T>(write: () => Promise<T>, field = 'name', key = 'validation.nameTaken'): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (uniqueViolationFields(error)) throw fieldError(field, key, undefined, 'CONFLICT');
    if ((error as { code?: string }).code === 'P2025') throw notFound();
    throw error;
  }
}
