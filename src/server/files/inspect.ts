// C8: what a file really is, decided from its bytes (file-type), never from its name or the
// browser's word. A name whose extension says something else is refused as lying; images are
// decoded and re-encoded (sharp) upright and without metadata, so EXIF GPS never leaves the
// phone's photo; a small WebP preview is made for the grid and the view.
import { fileTypeFromBuffer } from 'file-type';
import sharp, { type OutputInfo } from 'sharp';
import { ACCEPTED_TYPES } from '@/lib/file-types';
import { cleanName } from '@/lib/names';

/** Decompression bombs stop here: 50 megapixels is more than any phone camera's photo. */
const MAX_PIXELS = 50_000_000;
/** The preview: a WebP whose longer side is at most `size` pixels (also made by the PDF page renderer, documents.ts). */
export const PREVIEW = { size: 320, quality: 75 } as const;

export type InspectedFile = {
  name: string;
  mime: string;
  image: boolean;
  width: number | null;
  height: number | null;
  /** The bytes to store: for images, re-encoded without metadata. */
  bytes: Uint8Array;
  thumb: Uint8Array | null;
};

/** Why a file was refused; the key is under errors.validation. */
export type FileProblem = { key: 'fileEmpty' | 'fileType' | 'fileTypeMismatch' | 'fileCorrupt'; params: Record<string, string> };

/**
 * A display name without folders, control characters or invisible format characters (a right-to-left
 * override would show "\u202Egnp.txt" as "txt.png"; see lib/names.ts), at most 200 characters, keeping its extension.
 */
export function cleanFileName(raw: string): string {
  const base = cleanName(raw.split(/[\\/]/).pop()!).trim();
  if (base.length <= 200) return base;
  const dot = base.lastIndexOf('.');
  const ext = dot > 0 && base.length - dot <= 10 ? base.slice(dot) : '';
  return base.slice(0, 200 - ext.length) + ext;
}

function extensionOf(name: string): string | null {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : null;
}

function isUtf8Text(bytes: Uint8Array): boolean {
  if (bytes.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** A human name for a detected type, for messages ("PDF", "PNG", "ZIP"). */
function typeLabel(mime: string, ext: string | undefined): string {
  return (ext ?? mime.split('/').pop() ?? mime).toUpperCase();
}

export async function inspectFile(rawName: string, bytes: Uint8Array): Promise<InspectedFile | FileProblem> {
  let name = cleanFileName(rawName) || 'archivo';
  if (bytes.byteLength === 0) return { key: 'fileEmpty', params: { name } };
  const ext = extensionOf(name);

  const detected = await fileTypeFromBuffer(bytes);
  let mime: string;
  if (detected) {
    mime = detected.mime;
    if (!ACCEPTED_TYPES[mime]) return { key: 'fileType', params: { name, type: typeLabel(detected.mime, detected.ext) } };
  } else {
    // Plain text has no signature: accepted only when it is named as text and reads as UTF-8 text.
    const textType = Object.entries(ACCEPTED_TYPES).find(([m, t]) => m.startsWith('text/') && ext && t.exts.includes(ext));
    if (!textType) return { key: ext && Object.values(ACCEPTED_TYPES).some((t) => t.exts.includes(ext)) ? 'fileTypeMismatch' : 'fileType', params: { name, type: (ext ?? '?').toUpperCase() } };
    if (!isUtf8Text(bytes)) return { key: 'fileTypeMismatch', params: { name, type: ext!.toUpperCase() } };
    mime = textType[0];
  }
  const accepted = ACCEPTED_TYPES[mime]!;
  if (ext && !accepted.exts.includes(ext)) {
    return { key: 'fileTypeMismatch', params: { name, type: typeLabel(mime, detected?.ext) } };
  }
  if (!ext) name = `${name}.${accepted.exts[0]}`;

  if (!accepted.image) return { name, mime, image: false, width: null, height: null, bytes, thumb: null };
  try {
    return { name, mime, image: true, ...(await cleanImage(bytes, mime)) };
  } catch {
    return { key: 'fileCorrupt', params: { name } };
  }
}

/** Re-encodes an image upright with no metadata at all (EXIF, GPS, XMP), and makes its preview. */
async function cleanImage(bytes: Uint8Array, mime: string) {
  const input = { limitInputPixels: MAX_PIXELS, failOn: 'error' as const };
  let output: { data: Buffer; info: OutputInfo };
  if (mime === 'image/gif') {
    // GIF carries no EXIF; it is decoded (all frames) to prove it is one, and kept as it came.
    const meta = await sharp(bytes, { ...input, animated: true }).metadata();
    output = { data: Buffer.from(bytes), info: { width: meta.width, height: meta.pageHeight ?? meta.height } as OutputInfo };
  } else {
    const pipeline = sharp(bytes, input).rotate();
    const encoded = mime === 'image/jpeg' ? pipeline.jpeg({ quality: 90 }) : mime === 'image/png' ? pipeline.png() : pipeline.webp({ quality: 90 });
    output = await encoded.toBuffer({ resolveWithObject: true });
  }
  const thumb = await sharp(output.data, input)
    .resize(PREVIEW.size, PREVIEW.size, { fit: 'inside', withoutEnlargement: true })
    .webp({ quality: PREVIEW.quality })
    .toBuffer();
  return { bytes: new Uint8Array(output.data), width: output.info.width ?? null, height: output.info.height ?? null, thumb: new Uint8Array(thumb) };
}
