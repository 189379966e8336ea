// C8: files and images on a ticket or one of its comments. One request's files are checked first
// (type from the bytes, names that lie refused, images cleaned of location data), then stored,
// then recorded in one transaction with their history entries and events — a failure anywhere
// leaves no row, and the stored bytes are removed again. Who sees a file comes from its
// visibility and the permission map (`visibleTo`, the one rule): the office sees all four, technicians
// Globale and Tecnico, the customer (portal) Globale and Cliente (G11).
import { z } from 'zod';
import type { FileVisibility, Prisma } from '@/generated/prisma/client';
import { can, type Role } from '@/lib/permissions';
import { uuidv7 } from '@/lib/ids';
import { ZNamed, ZWhen } from '@/lib/answer-fields';
import { AppError, notFound, type Message } from '@/server/errors';
import { fileStore } from '@/server/files/storage';
import { inspectFile, type InspectedFile } from '@/server/files/inspect';
import { logger } from '@/server/logger';
import type { StaffCaller } from '@/server/services/caller';

/** G11, in the upload form's order: Globale, Azienda (office only), Tecnico, Cliente. */
export const FILE_VISIBILITIES = ['PUBLIC', 'STAFF', 'TECHNICIAN', 'CUSTOMER'] as const satisfies readonly FileVisibility[];
/** Files in one request. */
export const MAX_FILES_PER_UPLOAD = 10;

export const ZAttach = z
  .object({
    ticketId: z.uuid(),
    /** For files on their own; a comment's files follow the comment (public → PUBLIC, internal → STAFF). */
    visibility: z.enum(FILE_VISIBILITIES).default('TECHNICIAN'),
    /** A comment written together with the files: both are saved, or neither. */
    comment: z.string().trim().max(10_000).optional(),
    public: z.stringbool().optional(),
    /** E6 "Adjuntar al perfil del cliente": the files are kept on the ticket's customer instead. */
    toCustomer: z.stringbool().optional(),
    /** G11: a new version of this image of the ticket (annotated or signed): it takes the source's visibility. */
    sourceFileId: z.uuid().optional(),
  })
  .strict();
export type Attach = z.output<typeof ZAttach>;

export type IncomingFile = { name: string; bytes: Uint8Array };

/** Who reads files: a staff role (office or technician), or the customer in the portal. */
export type FileAudience = Role | 'customer';

/**
 * G11: the visibilities an audience may see — the one rule every list, count, PDF and download uses.
 * Office (tickets.files.office): all four. Technicians: Globale and Tecnico. The customer: Globale and Cliente.
 */
export function visibleTo(audience: FileAudience): FileVisibility[] {
  if (audience === 'customer') return ['PUBLIC', 'CUSTOMER'];
  return can(audience, 'tickets.files.office') ? ['PUBLIC', 'TECHNICIAN', 'STAFF', 'CUSTOMER'] : ['PUBLIC', 'TECHNICIAN'];
}

const FILE_SELECT = {
  id: true,
  name: true,
  mime: true,
  size: true,
  image: true,
  width: true,
  height: true,
  visibility: true,
  commentId: true,
  sourceFileId: true,
  sourcePage: true,
  createdAt: true,
  uploadedBy: { select: { id: true, name: true } },
} as const;

const { commentId: _commentId, sourceFileId: _sourceFileId, sourcePage: _sourcePage, ...CUSTOMER_FILE_SELECT } = FILE_SELECT;
const NOT_A_VERSION = { commentId: null, sourceFileId: null, sourcePage: null } as const;

/** A ticket's file as lists show it. */
export const ZTicketFile = z.object({
  id: z.uuid(),
  name: z.string(),
  mime: z.string(),
  size: z.number().int(),
  image: z.boolean(),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  visibility: z.enum(FILE_VISIBILITIES),
  commentId: z.uuid().nullable(),
  /** G11: the file this one was made from (a PDF's page, an annotated image), and the PDF's page. */
  sourceFileId: z.uuid().nullable(),
  sourcePage: z.number().int().nullable(),
  createdAt: ZWhen,
  uploadedBy: ZNamed.nullable(),
});

/** Checks every file before anything is written; one bad file refuses the request, naming it. */
async function inspectAll(files: IncomingFile[]): Promise<InspectedFile[]> {
  if (files.length === 0) throw new AppError('BAD_REQUEST', 'invalidInput', undefined, { files: { key: 'validation.fileMissing' } });
  if (files.length > MAX_FILES_PER_UPLOAD) throw new AppError('BAD_REQUEST', 'invalidInput', undefined, { files: { key: 'validation.tooManyItems', params: { max: MAX_FILES_PER_UPLOAD } } });
  const results = await Promise.all(files.map((f) => inspectFile(f.name, f.bytes)));
  const problems: Record<string, Message> = {};
  results.forEach((r, i) => {
    if ('key' in r) problems[`files.${i}`] = { key: `validation.${r.key}`, params: r.params };
  });
  if (Object.keys(problems).length > 0) throw new AppError('BAD_REQUEST', 'invalidInput', undefined, problems);
  return results as InspectedFile[];
}

/** C7 + C8: attaches files to a ticket, optionally with the comment they belong to. */
export async function attachFiles({ db, tenantId, actor }: StaffCaller, input: Attach, files: IncomingFile[]) {
  const ticket = await db.ticket.findUnique({ where: { id: input.ticketId }, select: { id: true, number: true, version: true, customerId: true } });
  if (!ticket) throw notFound();
  if (input.toCustomer) {
    if (!ticket.customerId) throw new AppError('BAD_REQUEST', 'invalidInput', undefined, { toCustomer: { key: 'validation.ticketWithoutCustomer' } });
    if (input.comment) throw new AppError('BAD_REQUEST', 'invalidInput', undefined, { comment: { key: 'validation.invalid' } });
  }
  const withComment = input.comment !== undefined && input.comment !== '';
  const isPublicComment = withComment && input.public === true;
  // G11: a new version of an image the caller may see, on this ticket; the source stays as it is.
  let source: { id: string; visibility: FileVisibility } | null = null;
  if (input.sourceFileId) {
    if (withComment || input.toCustomer) throw new AppError('BAD_REQUEST', 'invalidInput', undefined, { sourceFileId: { key: 'validation.invalid' } });
    const found = await db.ticketFile.findFirst({ where: { id: input.sourceFileId, ticketId: ticket.id, visibility: { in: visibleTo(actor.role) } }, select: { id: true, image: true, visibility: true } });
    if (!found) throw notFound();
    if (!found.image) throw new AppError('BAD_REQUEST', 'documents.onlyImages', undefined, { sourceFileId: { key: 'documents.onlyImages' } });
    if (files.length !== 1) throw new AppError('BAD_REQUEST', 'invalidInput', undefined, { files: { key: 'validation.tooManyItems', params: { max: 1 } } });
    source = found;
  }
  const visibility: FileVisibility = source ? source.visibility : withComment ? (isPublicComment ? 'PUBLIC' : 'STAFF') : input.visibility;

  const inspected = await inspectAll(files);
  if (source && !inspected[0]!.image) throw new AppError('BAD_REQUEST', 'documents.onlyImages', undefined, { files: { key: 'documents.onlyImages' } });
  const store = fileStore();
  const stored: string[] = [];
  const rows: Prisma.TicketFileCreateManyInput[] = [];
  try {
    for (const file of inspected) {
      const id = uuidv7();
      const key = await store.put(`${tenantId}/${id}`, file.bytes, file);
      stored.push(key);
      const thumbKey = file.thumb ? await store.put(`${tenantId}/${id}.thumb.webp`, file.thumb, { name: `${file.name}.webp`, mime: 'image/webp' }) : null;
      if (thumbKey) stored.push(thumbKey);
      rows.push({ id, tenantId, ticketId: ticket.id, uploadedById: actor.id, name: file.name, mime: file.mime, size: file.bytes.byteLength, image: file.image, width: file.width, height: file.height, visibility, storage: store.kind, key, thumbKey, sourceFileId: source?.id ?? null });
    }
    if (input.toCustomer) {
      // E6: kept on the customer's profile, naming the ticket it was taken on; the ticket's history says so.
      return await db.$transaction(async (tx) => {
        await tx.customerFile.createMany({ data: rows.map(({ commentId: _c, sourceFileId: _s, ...r }) => ({ ...r, customerId: ticket.customerId! })) });
        await tx.ticketEvent.createMany({
          data: rows.map((r) => ({ tenantId, ticketId: ticket.id, actorId: actor.id, kind: 'file', field: 'customerFile', newValue: r.name, visibility, version: ticket.version })),
        });
        const saved = await tx.customerFile.findMany({ where: { id: { in: rows.map((r) => r.id!) } }, orderBy: { id: 'asc' }, select: CUSTOMER_FILE_SELECT });
        return { commentId: null, files: saved.map((f) => ({ ...f, ...NOT_A_VERSION })) };
      });
    }
    return await db.$transaction(async (tx) => {
      const comment = withComment
        ? await tx.ticketComment.create({ data: { tenantId, ticketId: ticket.id, authorId: actor.id, public: isPublicComment, body: input.comment! }, select: { id: true } })
        : null;
      if (comment) {
        await tx.ticketEvent.create({ data: { tenantId, ticketId: ticket.id, actorId: actor.id, kind: isPublicComment ? 'comment' : 'note', version: ticket.version } });
      }
      await tx.ticketFile.createMany({ data: rows.map((r) => ({ ...r, commentId: comment?.id ?? null })) });
      await tx.ticketEvent.createMany({
        // The entry names the file: it is read by whoever may see the file.
        data: rows.map((r) => ({ tenantId, ticketId: ticket.id, actorId: actor.id, kind: 'file', field: source ? 'fileVersion' : 'file', newValue: r.name, visibility, version: ticket.version })),
      });
      // Only what the customer may see becomes an event: the notifications issue tells the customer.
      if (visibility === 'PUBLIC') {
        await tx.outboxEvent.create({
          data: {
            tenantId,
            type: comment ? 'ticket.commented' : 'ticket.filesAdded',
            payload: { ticketId: ticket.id, number: ticket.number, actorId: actor.id, fileIds: rows.map((r) => r.id!), ...(comment ? { commentId: comment.id } : {}) },
          },
        });
      }
      const saved = await tx.ticketFile.findMany({ where: { id: { in: rows.map((r) => r.id!) } }, orderBy: { id: 'asc' }, select: FILE_SELECT });
      return { commentId: comment?.id ?? null, files: saved };
    });
  } catch (error) {
    await store.remove(stored).catch((err) => logger.error({ err }, 'could not remove stored files of a failed upload'));
    throw error;
  }
}

/** A ticket's files the caller may see, newest first (index on tenantId, ticketId, createdAt). */
export async function listFiles({ db, actor }: StaffCaller, ticketId: string) {
  const ticket = await db.ticket.findUnique({ where: { id: ticketId }, select: { id: true } });
  if (!ticket) throw notFound();
  return db.ticketFile.findMany({
    where: { ticketId, visibility: { in: visibleTo(actor.role) } },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    select: FILE_SELECT,
  });
}

/** E6: the files kept on a customer's profile the caller may see, newest first, with the ticket each was taken on. */
export async function listCustomerFiles({ db, actor }: StaffCaller, customerId: string) {
  const customer = await db.customer.findUnique({ where: { id: customerId }, select: { id: true } });
  if (!customer) throw notFound();
  const files = await db.customerFile.findMany({
    where: { customerId, visibility: { in: visibleTo(actor.role) } },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: 200,
    select: { ...CUSTOMER_FILE_SELECT, ticket: { select: { id: true, number: true } } },
  });
  return files.map((f) => ({ ...f, ...NOT_A_VERSION }));
}

export const ZCustomerFile = ZTicketFile.extend({ ticket: z.object({ id: z.uuid(), number: z.number().int() }).nullable() });

/** The bytes of a file (or its preview) for /api/files/[id]; a file the caller may not see does not exist. */
export async function openFile({ db, actor }: StaffCaller, id: string, variant: 'original' | 'thumb') {
  const select = { name: true, mime: true, size: true, image: true, storage: true, key: true, thumbKey: true } as const;
  const where = { id, visibility: { in: visibleTo(actor.role) } };
  // A ticket's file (its ticket visible to the caller), or one kept on a customer's profile (E6).
  const file = (await db.ticketFile.findFirst({ where, select })) ?? (await db.customerFile.findFirst({ where, select }));
  if (!file) throw notFound();
  const key = variant === 'thumb' ? file.thumbKey : file.key;
  if (!key) throw notFound();
  const body = await fileStore(file.storage).read(key);
  if (!body) throw notFound();
  return variant === 'thumb' ? { body, name: `${file.name}.webp`, mime: 'image/webp', size: null, inline: true } : { body, name: file.name, mime: file.mime, size: file.size, inline: file.image || file.mime === 'application/pdf' };
}

/** Removes a file; the history keeps its name and who removed it. */
export async function removeFile({ db, tenantId, actor }: StaffCaller, id: string) {
  const file = await db.ticketFile.findFirst({
    where: { id, visibility: { in: visibleTo(actor.role) } },
    select: { id: true, name: true, visibility: true, storage: true, key: true, thumbKey: true, ticket: { select: { id: true, version: true } } },
  });
  if (!file) throw notFound();
  await db.$transaction([
    db.ticketFile.delete({ where: { id: file.id } }),
    // G11: its versions stay, no longer linked to it.
    db.ticketFile.updateMany({ where: { sourceFileId: file.id }, data: { sourceFileId: null, sourcePage: null } }),
    db.ticketEvent.create({ data: { tenantId, ticketId: file.ticket.id, actorId: actor.id, kind: 'file', field: 'fileRemoved', oldValue: file.name, visibility: file.visibility, version: file.ticket.version } }),
  ]);
  // After the commit: a failure here leaves unreachable bytes, never a row without its bytes.
  await fileStore(file.storage)
    .remove([file.key, ...(file.thumbKey ? [file.thumbKey] : [])])
    .catch((err) => logger.error({ err, fileId: file.id }, 'could not remove a deleted file’s bytes'));
  return { id: file.id };
}
