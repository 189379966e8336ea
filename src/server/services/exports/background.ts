// C15: exports above EXPORT_SYNC_MAX_ROWS, prepared in the background.
//
// The route writes an Export row (QUEUED) and an outbox event in one transaction — or, when an export
// of the same kind of this user is already queued or running, answers that one instead of a second
// (a per-user, per-kind advisory lock makes two requests at once see each other). The worker turns the
// event into a pg-boss job (dispatch.ts), runs it here (runExport): the same rows as the streamed
// download, written to a temporary file, counted as they go (the progress), stored in the file store
// under tenant/export id, and the user is e-mailed (through the message queue, as every e-mail) a link
// signed with AUTH_SECRET that names the tenant, the user, the export and its end. The link downloads
// only for that user signed in on that tenant; "Mis exportaciones" lists the last 7 days.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { env, tenantOrigin } from '@/env';
import { Prisma } from '@/generated/prisma/client';
import { translator } from '@/i18n/catalog';
import { EXPORT_FORMATS, EXPORT_KINDS, type ExportFormat, type ExportKind, exportFileName } from '@/lib/exports';
import { formatDateTime, intlLocale, isLocale, tenantIntl, type Locale } from '@/lib/format';
import { allows } from '@/lib/permissions';
import { scopedDb } from '@/server/data/scoped';
import { tenantSql } from '@/server/data/sql';
import { db } from '@/server/db';
import { notFound } from '@/server/errors';
import { fileStore } from '@/server/files/storage';
import { logger } from '@/server/logger';
import { EXPORT_REQUESTED, type ExportJob } from '@/server/notifications/queue';
import { writeMessages } from '@/server/notifications/recipients';
import { type StaffCaller, staffCallerFor } from '@/server/services/caller';
import { toTenantInfo } from '@/server/services/tenants/resolve';
import { exportEmail } from './email';
import { EXPORTS } from './kinds';
import { CONTENT_TYPE, sheetSink } from './sheet';


export const ZExportRequested = z.object({ id: z.uuid(), status: z.enum(['QUEUED', 'RUNNING']), already: z.boolean(), message: z.string() });

/** The 202 answer of an export route above the limit: the queued export, or the one already under way. */
export async function requestExport(caller: StaffCaller, kind: ExportKind, format: ExportFormat, input: unknown, limit: number): Promise<z.output<typeof ZExportRequested>> {
  const t = translator(caller.locale, 'exports');
  const { db: scoped, sql, actor } = caller;
  const expiresAt = new Date(Date.now() + env().EXPORT_EXPIRY_SECONDS * 1000);
  return scoped.$transaction(async (tx) => {
    // One request at a time per user and kind: the second sees the first's row.
    await sql.query(tx, (s) => Prisma.sql`SELECT pg_advisory_xact_lock(hashtext(${s.tenant}::text || ${actor.id} || ${kind}))::text`);
    const running = await tx.export.findFirst({ where: { userId: actor.id, kind, status: { in: ['QUEUED', 'RUNNING'] } }, orderBy: { createdAt: 'desc' }, select: { id: true, status: true } });
    if (running) return { id: running.id, status: running.status as 'QUEUED' | 'RUNNING', already: true, message: t('alreadyRunning') };
    const row = await tx.export.create({ data: { tenantId: caller.tenantId, userId: actor.id, kind, format, params: input as Prisma.InputJsonValue, expiresAt }, select: { id: true } });
    await tx.outboxEvent.create({ data: { tenantId: caller.tenantId, type: EXPORT_REQUESTED, payload: { exportId: row.id } } });
    return { id: row.id, status: 'QUEUED' as const, already: false, message: t('queued', { count: limit }) };
  });
}

// ---------------------------------------------------------------------------------------------
// The signed link

function secret(): string {
  const value = process.env.AUTH_SECRET;
  if (!value) throw new Error('AUTH_SECRET is not set (npm start generates one)');
  return value;
}

function signature(tenantId: string, userId: string, exportId: string, exp: number): string {
  return createHmac('sha256', secret()).update(`export:${tenantId}:${userId}:${exportId}:${exp}`).digest('base64url');
}

/** The download's path with its signature: valid for this tenant, this user and this export until `expiresAt`. */
export function signedExportPath(tenantId: string, userId: string, exportId: string, expiresAt: Date): string {
  const exp = Math.floor(expiresAt.getTime() / 1000);
  return `/api/exports/files/${exportId}?exp=${exp}&sig=${signature(tenantId, userId, exportId, exp)}`;
}

/** Whether a link's signature is this tenant's, this user's and this export's (constant-time). */
export function validExportSignature(tenantId: string, userId: string, exportId: string, exp: string | null, sig: string | null): boolean {
  if (!exp || !sig || !/^\d{1,12}$/.test(exp)) return false;
  const expected = Buffer.from(signature(tenantId, userId, exportId, Number(exp)));
  const given = Buffer.from(sig);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * A signed link opened by `caller`: the file, or why not. Another tenant's export, or another user's,
 * is not found (the scoped client and the owner in the `where`); a signature that is not this
 * tenant's, user's and export's is refused (403); a link or a file past its end has expired (410).
 */
export async function openExport(caller: StaffCaller, id: string, exp: string | null, sig: string | null) {
  const row = await caller.db.export.findFirst({ where: { id, userId: caller.actor.id } });
  if (!row) throw notFound();
  if (!validExportSignature(caller.tenantId, caller.actor.id, id, exp, sig)) return { refused: 'linkInvalid', status: 403 } as const;
  if (Number(exp) * 1000 < Date.now() || row.expiresAt.getTime() < Date.now()) return { refused: 'linkExpired', status: 410 } as const;
  if (row.status !== 'DONE' || !row.fileKey) return { refused: 'notReady', status: 409 } as const;
  const body = await fileStore().read(row.fileKey);
  if (!body) return { refused: 'linkExpired', status: 410 } as const;
  const format = row.format as ExportFormat;
  return { file: { body, name: exportFileName(row.kind as ExportKind, format, caller.tenant.timeZone, row.createdAt), mime: CONTENT_TYPE[format], size: null } };
}

// ---------------------------------------------------------------------------------------------
// "Mis exportaciones"

export const ZMyExport = z.object({
  id: z.uuid(),
  kind: z.enum(EXPORT_KINDS),
  format: z.enum(EXPORT_FORMATS),
  status: z.enum(['QUEUED', 'RUNNING', 'DONE', 'FAILED']),
  rows: z.number().int(),
  total: z.number().int().nullable(),
  createdAt: z.date(),
  finishedAt: z.date().nullable(),
  expiresAt: z.date(),
  /** The signed download, once the file is ready. */
  href: z.string().nullable(),
});

/** The caller's own exports of the last 7 days (never another user's), newest first. */
export async function myExports(caller: StaffCaller): Promise<z.output<typeof ZMyExport>[]> {
  const rows = await caller.db.export.findMany({
    where: { userId: caller.actor.id, createdAt: { gte: new Date(Date.now() - 7 * 24 * 3600 * 1000) } },
    orderBy: { createdAt: 'desc' },
    take: 50,
  });
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind as ExportKind,
    format: r.format as ExportFormat,
    status: r.status,
    rows: r.rows,
    total: r.total,
    createdAt: r.createdAt,
    finishedAt: r.finishedAt,
    expiresAt: r.expiresAt,
    href: r.status === 'DONE' && r.expiresAt.getTime() > Date.now() ? signedExportPath(caller.tenantId, caller.actor.id, r.id, r.expiresAt) : null,
  }));
}

// ---------------------------------------------------------------------------------------------
// The worker's job

/** The export's owner as a caller, as the ladder would build one now: gone, deactivated or without the kind's permission → null. */
async function ownerCaller(tenantId: string, userId: string, kind: ExportKind): Promise<StaffCaller | null> {
  const tenant = await db().tenant.findUnique({ where: { id: tenantId } });
  if (!tenant) return null;
  const [user] = await tenantSql(tenantId).rows<{ id: string; role: StaffCaller['actor']['role']; name: string; email: string; locale: string | null; companyId: string | null }>(
    (s) => Prisma.sql`SELECT id, role, name, email, locale, "companyId" FROM "User" WHERE "tenantId" = ${s.tenant} AND id = ${userId}::uuid AND active`,
  );
  if (!user || !allows(user, EXPORTS[kind].permission)) return null;
  const info = toTenantInfo(tenant);
  const locale: Locale = isLocale(user.locale) ? user.locale : isLocale(info.locale) ? info.locale : 'es';
  return staffCallerFor(info, { kind: 'staff', id: user.id, role: user.role, name: user.name, email: user.email, companyId: user.companyId }, locale);
}

/** Runs one export: the file, the row's progress and end, the e-mail. A failure marks it FAILED (and is logged). */
export async function runExport({ exportId, tenantId }: ExportJob): Promise<void> {
  const exports = scopedDb(tenantId).export;
  const byId = { tenantId_id: { tenantId, id: exportId } };
  const row = await exports.findUnique({ where: byId });
  if (!row || row.status === 'DONE' || row.status === 'FAILED') return;
  const kind = row.kind as ExportKind;
  const format = row.format as ExportFormat;
  const dir = await mkdtemp(path.join(tmpdir(), 'antena-export-'));
  try {
    const caller = await ownerCaller(tenantId, row.userId, kind);
    if (!caller) throw new Error('the export’s owner is gone or may no longer export this');
    const def = EXPORTS[kind];
    const total = await def.count(caller, row.params as never, 10_000_000);
    await exports.update({ where: byId, data: { status: 'RUNNING', rows: 0, total } });
    let written = 0;
    const { columns, fill } = await def.build(caller, row.params as never, async (n) => {
      written += n;
      await exports.update({ where: byId, data: { rows: written } });
    });
    const file = path.join(dir, `export.${format}`);
    const out = createWriteStream(file);
    const sink = sheetSink(out, { format, columns, intl: tenantIntl(caller.tenant) });
    await fill(sink);
    const rows = await sink.end();
    const key = `${tenantId}/${exportId}`;
    const name = exportFileName(kind, format, caller.tenant.timeZone, row.createdAt);
    // The store takes bytes (UploadThing's API does too): the finished file is read once to store it.
    await fileStore().put(key, new Uint8Array(await readFile(file)), { name, mime: CONTENT_TYPE[format] });
    const origin = tenantOrigin(caller.tenant.slug);
    const url = `${origin}${signedExportPath(tenantId, row.userId, exportId, row.expiresAt)}`;
    const rendered = exportEmail(caller.locale, {
      tenant: caller.tenant.name,
      name: caller.actor.name,
      kind,
      rows,
      url,
      expires: formatDateTime(row.expiresAt, intlLocale(caller.locale, caller.tenant.country), caller.tenant.timeZone),
    });
    await scopedDb(tenantId).$transaction(async (tx) => {
      await tx.export.update({ where: byId, data: { status: 'DONE', rows, fileKey: key, finishedAt: new Date() } });
      await writeMessages(tx, tenantId, [{ tenantId, channel: 'EMAIL', reason: EXPORT_REQUESTED, recipient: caller.actor.email, userId: row.userId, locale: caller.locale, ...rendered, link: `${origin}/exports` }], null);
    });
  } catch (error) {
    logger.error({ err: error, exportId }, 'export failed');
    await exports.update({ where: byId, data: { status: 'FAILED', finishedAt: new Date() } }).catch(() => undefined);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Exports past their end (7 days), of every tenant: their files removed from the store, then their
 * rows; up to `limit` a run. The worker runs it every hour (src/server/maintenance/exports.ts).
 */
export async function purgeExpiredExports(now = new Date(), limit = 500): Promise<number> {
  const expired = await db().export.findMany({ where: { expiresAt: { lt: now } }, select: { id: true, fileKey: true }, take: limit });
  if (!expired.length) return 0;
  const keys = expired.map((e) => e.fileKey).filter((k): k is string => Boolean(k));
  if (keys.length) await fileStore().remove(keys);
  const { count } = await db().export.deleteMany({ where: { id: { in: expired.map((e) => e.id) } } });
  return count;
}
