// A zip archive read from memory with Node's zlib, no dependency: the central directory lists the
// entries, and each entry's bytes are inflated one at a time when asked for (A5: invoice PDFs
// attached by file name). Stored (0) and deflated (8) entries; ZIP64, encrypted entries and other
// methods are refused. Pure, no I/O.
import { inflateRawSync } from 'node:zlib';

export class ZipError extends Error {
  constructor(readonly key: 'notZip' | 'zip64' | 'encrypted' | 'method' | 'corrupt' | 'tooLarge') {
    super(key);
    this.name = 'ZipError';
  }
}

export type ZipEntry = { name: string; size: number; read(): Uint8Array };

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** The archive's file entries (directories left out), each read on demand up to `maxEntryBytes`. */
export function zipEntries(bytes: Uint8Array, maxEntryBytes: number): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end-of-central-directory record is in the last 22 + 65,535 (comment) bytes.
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i -= 1) {
    if (view.getUint32(i, true) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipError('notZip');
  const count = view.getUint16(eocd + 10, true);
  const dirOffset = view.getUint32(eocd + 16, true);
  if (count === 0xffff || dirOffset === 0xffffffff) throw new ZipError('zip64');
  const decoder = new TextDecoder('utf-8');
  const latin1 = new TextDecoder('latin1');
  const entries: ZipEntry[] = [];
  let at = dirOffset;
  for (let n = 0; n < count; n += 1) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== CENTRAL) throw new ZipError('corrupt');
    const flags = view.getUint16(at + 8, true);
    const method = view.getUint16(at + 10, true);
    const compressed = view.getUint32(at + 20, true);
    const size = view.getUint32(at + 24, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const local = view.getUint32(at + 42, true);
    const rawName = bytes.subarray(at + 46, at + 46 + nameLength);
    // Bit 11: the name is UTF-8; otherwise CP437, which for the ASCII names of invoices reads the same as Latin-1.
    const name = (flags & 0x800 ? decoder : latin1).decode(rawName);
    at += 46 + nameLength + extraLength + commentLength;
    if (compressed === 0xffffffff || size === 0xffffffff || local === 0xffffffff) throw new ZipError('zip64');
    if (name.endsWith('/')) continue;
    if (flags & 0x1) throw new ZipError('encrypted');
    if (method !== 0 && method !== 8) throw new ZipError('method');
    entries.push({
      name,
      size,
      read() {
        if (size > maxEntryBytes) throw new ZipError('tooLarge');
        if (local + 30 > bytes.length || view.getUint32(local, true) !== LOCAL) throw new ZipError('corrupt');
        const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
        const data = bytes.subarray(start, start + compressed);
        if (data.length !== compressed) throw new ZipError('corrupt');
        try {
          const out = method === 0 ? data : new Uint8Array(inflateRawSync(data, { maxOutputLength: Math.max(1, maxEntryBytes) }));
          if (out.length !== size) throw new ZipError('corrupt');
          return out;
        } catch (error) {
          if (error instanceof ZipError) throw error;
          throw new ZipError('corrupt');
        }
      },
    });
  }
  return entries;
}
