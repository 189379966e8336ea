// G11: a ticket's documents beyond upload and download (./files.ts) — a PDF's page converted to a PNG
// on the server (the seed's "convertitore PDF/PNG": only images can be annotated or signed by the
// technician), and the customer's signature taken on the technician's phone on completion.
//
// The conversion runs mupdf's WebAssembly build (no native download at install) in a child process,
// bounded by MAX_PDF_PAGE_SIDE pixels on the page's longer side and PDF_PAGE_TIMEOUT_MS; every mupdf
// object is destroyed after each page, and the process — with the WebAssembly heap, which never
// shrinks — exits after PDF_WORKER_IDLE_MS without work, so the server's memory returns to idle.
import { spawn, type ChildProcess } from 'node:child_process';
import { z } from 'zod';
import type { FileVisibility } from '@/generated/prisma/client';
import { uuidv7 } from '@/lib/ids';
import { AppError, notFound } from '@/server/errors';
import { cleanFileName, PREVIEW } from '@/server/files/inspect';
import { fileStore, type StorageKind } from '@/server/files/storage';
import { logger } from '@/server/logger';
import type { StaffCaller } from '@/server/services/caller';
import { visibleTo } from './files';

/** The PNG's longer side at most (pixels): an A4 page at the default scale is 1191 × 1684. */
export const MAX_PDF_PAGE_SIDE = 2000;
/** 2 = 144 dpi: readable when annotated on a phone, small enough to send over a weak signal. */
export const PDF_PAGE_SCALE = 2;

export const ZConvertPdfPage = z.object({ fileId: z.uuid(), page: z.number().int().min(1).max(100_000).default(1) }).strict();

/** A conversion taking longer than this is stopped (its process ended) and refused as unreadable. */
export const PDF_PAGE_TIMEOUT_MS = 20_000;
/** The renderer's process (and mupdf's WebAssembly heap with it) is ended after this long without work. */
export const PDF_WORKER_IDLE_MS = 10_000;

/**
 * The renderer, run in a child process: mupdf's WebAssembly memory grows to the largest page drawn and
 * never shrinks (and a worker thread's, once ended, stays in the allocator's arenas), so it lives in a
 * process that exits when idle — the server's memory goes back to where it was. The page's preview is
 * made there too (sharp, as an upload's): decoding a 2-megapixel PNG in the server left it 10–50 MB
 * above idle after 60 pages (docs/benchmarks.md). Plain JavaScript (\`node -e\`: nothing for the
 * bundler to follow); mupdf and sharp are external packages, imported from node_modules. Messages use
 * the structured-clone serialization (bytes as bytes).
 */
const WORKER_SOURCE = `
let loaded = null;
let sharpLoaded = null;
process.on('disconnect', () => process.exit(0));
process.on('message', async ({ id, bytes, page, scale: maxScale, maxSide, preview }) => {
  const owned = [];
  const answer = (result) => process.send({ id, ...result });
  try {
    loaded = loaded || import('mupdf');
    const m = await loaded;
    let doc;
    try { doc = m.Document.openDocument(bytes, 'application/pdf'); } catch { return answer({ error: 'pdfCorrupt' }); }
    owned.push(doc);
    if (doc.needsPassword()) return answer({ error: 'pdfEncrypted' });
    const pages = doc.countPages();
    if (pages < 1) return answer({ error: 'pdfCorrupt' });
    if (page > pages) return answer({ error: 'pageBeyond', pages });
    const p = doc.loadPage(page - 1);
    owned.push(p);
    const [x0, y0, x1, y1] = p.getBounds();
    const scale = Math.min(maxScale, maxSide / Math.max(x1 - x0, y1 - y0, 1));
    const pixmap = p.toPixmap(m.Matrix.scale(scale, scale), m.ColorSpace.DeviceRGB, false, true);
    owned.push(pixmap);
    const png = new Uint8Array(pixmap.asPNG());
    sharpLoaded = sharpLoaded || import('sharp');
    const sharp = (await sharpLoaded).default;
    const thumb = new Uint8Array(await sharp(png).resize(preview.size, preview.size, { fit: 'inside', withoutEnlargement: true }).webp({ quality: preview.quality }).toBuffer());
    answer({ png, thumb, width: pixmap.getWidth(), height: pixmap.getHeight(), pages });
  } catch (err) {
    answer({ error: 'pdfCorrupt', detail: String(err && err.message || err) });
  } finally {
    for (const o of owned.reverse()) { try { o.destroy(); } catch {} }
  }
});
`;

type WorkerAnswer = { id: number; png?: Uint8Array; thumb?: Uint8Array; width?: number; height?: number; pages?: number; error?: 'pdfCorrupt' | 'pdfEncrypted' | 'pageBeyond'; detail?: string };

let worker: ChildProcess | null = null;
let idleTimer: NodeJS.Timeout | null = null;
let nextId = 1;
const waiting = new Map<number, (answer: WorkerAnswer) => void>();

function endWorker() {
  const w = worker;
  worker = null;
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = null;
  for (const [id, resolve] of waiting) resolve({ id, error: 'pdfCorrupt', detail: 'the renderer stopped' });
  waiting.clear();
  if (w && w.exitCode === null) w.kill();
}

function renderer(): ChildProcess {
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = null;
  if (worker) return worker;
  const w = spawn(process.execPath, ['-e', WORKER_SOURCE], { cwd: process.cwd(), stdio: ['ignore', 'ignore', 'inherit', 'ipc'], serialization: 'advanced', env: { PATH: process.env.PATH ?? '', NODE_ENV: process.env.NODE_ENV } as NodeJS.ProcessEnv });
  w.unref();
  (w.channel as { unref?: () => void } | undefined)?.unref?.();
  w.on('message', (message) => {
    const answer = message as WorkerAnswer;
    waiting.get(answer.id)?.(answer);
    waiting.delete(answer.id);
    if (waiting.size === 0 && worker === w) {
      idleTimer = setTimeout(endWorker, PDF_WORKER_IDLE_MS);
      idleTimer.unref();
    }
  });
  w.on('error', (err) => {
    logger.error({ err }, 'the PDF renderer failed');
    if (worker === w) endWorker();
  });
  w.on('exit', () => {
    if (worker === w) endWorker();
  });
  worker = w;
  return w;
}

/** Whether the renderer's process is running (tests: it ends when idle). */
export function pdfRendererRunning(): boolean {
  return worker !== null;
}

/** A page as PNG, its WebP preview, its size in pixels, and how many pages the PDF has. */
export type PdfPageResult = { png: Uint8Array; thumb: Uint8Array; width: number; height: number; pages: number };

/**
 * Renders page `page` (1-based) of a PDF as PNG. Refusals are AppErrors with translated keys: a page
 * beyond the last, an encrypted PDF, a PDF mupdf cannot read (or one that takes too long).
 */
export async function renderPdfPage(bytes: Uint8Array, page: number): Promise<PdfPageResult> {
  const w = renderer();
  const id = nextId++;
  const answer = await new Promise<WorkerAnswer>((resolve) => {
    const timer = setTimeout(() => {
      logger.warn({ page }, 'a PDF page took too long to render: its renderer is ended');
      resolve({ id, error: 'pdfCorrupt', detail: 'timeout' });
      endWorker();
    }, PDF_PAGE_TIMEOUT_MS);
    waiting.set(id, (a) => {
      clearTimeout(timer);
      resolve(a);
    });
    w.send({ id, bytes, page, scale: PDF_PAGE_SCALE, maxSide: MAX_PDF_PAGE_SIDE, preview: PREVIEW });
  });
  if (answer.error === 'pageBeyond') throw new AppError('BAD_REQUEST', 'invalidInput', undefined, { page: { key: 'documents.pageBeyond', params: { page, pages: answer.pages ?? 0 } } });
  if (answer.error === 'pdfEncrypted') throw new AppError('BAD_REQUEST', 'documents.pdfEncrypted');
  if (answer.error || !answer.png || !answer.thumb) {
    if (answer.detail) logger.warn({ detail: answer.detail }, 'a PDF could not be rendered');
    throw new AppError('BAD_REQUEST', 'documents.pdfCorrupt');
  }
  return { png: answer.png, thumb: answer.thumb, width: answer.width!, height: answer.height!, pages: answer.pages! };
}

async function readAll(storage: StorageKind, key: string): Promise<Uint8Array> {
  const stream = await fileStore(storage).read(key);
  if (!stream) throw notFound();
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** "Convertir a imagen": page `page` of a ticket's PDF stored as a new PNG file beside it, with its visibility. */
export async function convertPdfPage({ db, tenantId, actor }: StaffCaller, input: z.output<typeof ZConvertPdfPage>) {
  const source = await db.ticketFile.findFirst({
    where: { id: input.fileId, visibility: { in: visibleTo(actor.role) } },
    select: { id: true, ticketId: true, name: true, mime: true, storage: true, key: true, visibility: true, ticket: { select: { version: true } } },
  });
  if (!source) throw notFound();
  if (source.mime !== 'application/pdf') throw new AppError('BAD_REQUEST', 'documents.notPdf');
  const { png, thumb, width, height } = await renderPdfPage(await readAll(source.storage, source.key), input.page);
  // The PNG is mupdf's (no metadata to strip, at most MAX_PDF_PAGE_SIDE a side): stored as drawn,
  // with the preview the renderer made the way an upload's is made.
  const base = source.name.replace(/\.pdf$/i, '');
  const name = cleanFileName(`${base}-p${input.page}.png`);
  const id = uuidv7();
  const store = fileStore();
  const stored: string[] = [];
  try {
    const key = await store.put(`${tenantId}/${id}`, png, { name, mime: 'image/png' });
    stored.push(key);
    const thumbKey = await store.put(`${tenantId}/${id}.thumb.webp`, thumb, { name: `${name}.webp`, mime: 'image/webp' });
    stored.push(thumbKey);
    const visibility: FileVisibility = source.visibility;
    return await db.$transaction(async (tx) => {
      const file = await tx.ticketFile.create({
        data: {
          id, tenantId, ticketId: source.ticketId, uploadedById: actor.id, name, mime: 'image/png', size: png.byteLength, image: true,
          width, height, visibility, storage: store.kind, key, thumbKey, sourceFileId: source.id, sourcePage: input.page,
        },
        select: { id: true, name: true, width: true, height: true, sourceFileId: true, sourcePage: true, visibility: true },
      });
      await tx.ticketEvent.create({ data: { tenantId, ticketId: source.ticketId, actorId: actor.id, kind: 'file', field: 'fileVersion', newValue: file.name, visibility, version: source.ticket.version } });
      return file;
    });
  } catch (error) {
    await store.remove(stored).catch((err) => logger.error({ err }, 'could not remove the stored PNG of a failed conversion'));
    throw error;
  }
}

export const ZConvertedPage = z.object({
  id: z.uuid(),
  name: z.string(),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  sourceFileId: z.uuid().nullable(),
  sourcePage: z.number().int().nullable(),
  visibility: z.enum(['PUBLIC', 'STAFF', 'TECHNICIAN', 'CUSTOMER']),
});

// ---- The customer's signature on completion ----

/** A signature's PNG at most (bytes): a phone's canvas of a signature is 10–60 KB. */
export const TICKET_SIGNATURE_MAX_BYTES = 200 * 1024;
const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

export const ZSignature = z
  .object({
    ticketId: z.uuid(),
    name: z.string().trim().min(1).max(200),
    /** The canvas as base64 PNG (a data: URL's part after the comma is accepted too); over the limit → signatureTooLarge. */
    image: z.string().min(1).max(TICKET_SIGNATURE_MAX_BYTES * 8),
    signedAt: z.coerce.date(),
    latitude: z.number().min(-90).max(90).nullable().optional(),
    longitude: z.number().min(-180).max(180).nullable().optional(),
    accuracy: z.number().min(0).max(1_000_000).nullable().optional(),
  })
  .strict();

export const ZTicketSignature = z.object({
  name: z.string(),
  signedAt: z.date(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  accuracy: z.number().nullable(),
  /** The PNG as base64 (checked to be a PNG when saved), shown as a data:image/png URL. */
  png: z.base64(),
  collectedBy: z.object({ id: z.uuid(), name: z.string() }).nullable(),
});

/** The base64 PNG decoded, refused when it is not a PNG or is over the limit. */
export function signaturePng(image: string): Buffer {
  const b64 = image.startsWith('data:') ? image.slice(image.indexOf(',') + 1) : image;
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(b64)) throw new AppError('BAD_REQUEST', 'invalidInput', undefined, { image: { key: 'documents.signatureNotPng' } });
  const bytes = Buffer.from(b64, 'base64');
  if (bytes.byteLength > TICKET_SIGNATURE_MAX_BYTES) {
    throw new AppError('PAYLOAD_TOO_LARGE', 'invalidInput', undefined, { image: { key: 'documents.signatureTooLarge', params: { max: Math.round(TICKET_SIGNATURE_MAX_BYTES / 1024) } } });
  }
  if (bytes.byteLength < PNG_MAGIC.length || PNG_MAGIC.some((b, i) => bytes[i] !== b)) throw new AppError('BAD_REQUEST', 'invalidInput', undefined, { image: { key: 'documents.signatureNotPng' } });
  return bytes;
}

/** Saves (or replaces) the customer's signature on a ticket the caller may see, with its history entry. */
export async function saveSignature({ db, tenantId, actor }: StaffCaller, input: z.output<typeof ZSignature>) {
  const image = signaturePng(input.image);
  if (input.signedAt.getTime() > Date.now() + 5 * 60_000) throw new AppError('BAD_REQUEST', 'invalidInput', undefined, { signedAt: { key: 'validation.invalid' } });
  const ticket = await db.ticket.findUnique({ where: { id: input.ticketId }, select: { id: true, version: true } });
  if (!ticket) throw notFound();
  const data = {
    name: input.name,
    image: new Uint8Array(image),
    signedAt: input.signedAt,
    latitude: input.latitude ?? null,
    longitude: input.longitude ?? null,
    accuracy: input.accuracy ?? null,
    collectedById: actor.id,
  };
  return db.$transaction(async (tx) => {
    await tx.ticketSignature.upsert({ where: { tenantId_ticketId: { tenantId, ticketId: ticket.id } }, create: { tenantId, ticketId: ticket.id, ...data }, update: data });
    await tx.ticketEvent.create({ data: { tenantId, ticketId: ticket.id, actorId: actor.id, kind: 'field', field: 'signature', newValue: input.name, version: ticket.version } });
    return { ticketId: ticket.id, name: input.name, signedAt: input.signedAt };
  });
}

/** The ticket's signature, or null; NOT_FOUND for a ticket the caller may not see. */
export async function getSignature({ db }: StaffCaller, ticketId: string) {
  const ticket = await db.ticket.findUnique({ where: { id: ticketId }, select: { id: true } });
  if (!ticket) throw notFound();
  const s = await db.ticketSignature.findFirst({ where: { ticketId } });
  if (!s) return null;
  const collectedBy = s.collectedById ? await db.user.findUnique({ where: { id: s.collectedById }, select: { id: true, name: true } }) : null;
  return {
    name: s.name,
    signedAt: s.signedAt,
    latitude: s.latitude,
    longitude: s.longitude,
    accuracy: s.accuracy,
    png: Buffer.from(s.image).toString('base64'),
    collectedBy,
  };
}
