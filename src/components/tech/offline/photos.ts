'use client';
// E6: photos are made smaller on the phone before they are queued: at most 1600 px on the long side,
// JPEG at 0.8 — a 3–4 MB camera photo becomes a few hundred KB, so it uploads on a weak signal.
// What the browser cannot decode as an image is refused here, with its name.

const MAX_SIDE = 1600;
/** Anything larger is refused before it is read (a video picked by mistake). */
export const MAX_PICKED_BYTES = 40 * 1024 * 1024;

export class NotAnImage extends Error {
  constructor(readonly fileName: string) {
    super(fileName);
  }
}

export class TooLarge extends Error {
  constructor(readonly fileName: string) {
    super(fileName);
  }
}

export async function compressPhoto(file: File): Promise<{ blob: Blob; name: string }> {
  if (file.size > MAX_PICKED_BYTES) throw new TooLarge(file.name);
  if (!file.type.startsWith('image/')) throw new NotAnImage(file.name);
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch {
    throw new NotAnImage(file.name);
  }
  const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
  const width = Math.max(1, Math.round(bitmap.width * scale));
  const height = Math.max(1, Math.round(bitmap.height * scale));
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d');
  if (!context) throw new NotAnImage(file.name);
  context.drawImage(bitmap, 0, 0, width, height);
  bitmap.close();
  const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.8 });
  const base = file.name.replace(/\.[^.]+$/, '') || 'foto';
  // Never larger than what was picked: a small, already-compressed photo is kept as it was.
  return blob.size < file.size || file.type !== 'image/jpeg' ? { blob, name: `${base}.jpg` } : { blob: file, name: file.name };
}
