// Issue 17: the billing import's file read as a stream, so a file of a million rows is never held
// whole — neither its bytes nor its text. The same rules as the customer import's decodeCsv
// (src/server/services/customers/import/csv.ts): UTF-16 by its BOM, else strict UTF-8, else
// windows-1252 (auto), or the encoding forced; a BOM dropped; a spreadsheet, a NUL (a binary file)
// and an empty file refused. The file is read twice from its source — once to decide the encoding and
// refuse a bad file before any row is looked at, once to parse — which costs a fraction of a second
// per 100 MB and keeps the second pass free of surprises.
import 'server-only';
import { createReadStream } from 'node:fs';
import { FileError, decodeWindows1252, detectDelimiter, excelSeparator, type Delimiter, type DetectedEncoding, type EncodingChoice } from '@/server/services/customers/import/csv';

/** The uploaded file: in memory (a small multipart upload, tests), or saved to disk while it arrived. */
export type BillingSource = Uint8Array | { path: string };

const CHUNK = 1 << 16;

async function* bytesOf(source: BillingSource): AsyncGenerator<Uint8Array> {
  if (source instanceof Uint8Array) {
    for (let i = 0; i < source.byteLength; i += CHUNK) yield source.subarray(i, i + CHUNK);
    return;
  }
  for await (const chunk of createReadStream(source.path, { highWaterMark: CHUNK })) yield chunk as Buffer;
}

/** The file's text chunk by chunk in `encoding` (a BOM dropped); a bad UTF-8 sequence throws when `strict`. */
async function* textOf(source: BillingSource, encoding: DetectedEncoding, strict: boolean): AsyncGenerator<string> {
  const decoder = encoding === 'windows-1252' ? null : new TextDecoder(encoding, { fatal: strict });
  let first = true;
  for await (const bytes of bytesOf(source)) {
    let text = decoder ? decoder.decode(bytes, { stream: true }) : decodeWindows1252(bytes);
    // TextDecoder drops a leading BOM for UTF-8/16; a UTF-8 BOM read as windows-1252 shows as "ï»¿".
    if (first && text) {
      text = text.replace(/^(?:\uFEFF|ï»¿)/, '');
      first = false;
    }
    if (text) yield text;
  }
  const rest = decoder?.decode() ?? '';
  if (rest) yield rest;
}

export type OpenedSource = {
  encoding: DetectedEncoding;
  /** Auto mode found no valid UTF-8 and fell back to windows-1252. */
  encodingFallback: boolean;
  delimiter: Delimiter;
  /** The text from the start, without an Excel `sep=` line's content (its line break stays, so line numbers match). */
  text: () => AsyncGenerator<string>;
};

/** Reads the file once to check it: throws FileError for a file that is no CSV text; the bad UTF-8 of a forced encoding included. */
async function scan(source: BillingSource, encoding: DetectedEncoding, strict: boolean): Promise<string> {
  let head = '';
  let blank = true;
  for await (const text of textOf(source, encoding, strict)) {
    // PostgreSQL text cannot hold NUL, and no CSV has it: this is a binary file.
    if (text.includes('\u0000')) throw new FileError({ line: null, key: 'customerImport.problems.binary' });
    if (blank && /\S/.test(text)) blank = false;
    if (head.length < 65_536) head += text.slice(0, 65_536 - head.length);
  }
  if (blank) throw new FileError({ line: null, key: 'customerImport.problems.emptyFile' });
  return head;
}

/** Opens an uploaded file for reading as CSV text; a FileError says why it cannot be. */
export async function openSource(source: BillingSource, choice: EncodingChoice = 'auto'): Promise<OpenedSource> {
  let start: Uint8Array | null = null;
  for await (const bytes of bytesOf(source)) {
    start = bytes.subarray(0, 4);
    break;
  }
  if (!start?.byteLength) throw new FileError({ line: null, key: 'customerImport.problems.emptyFile' });
  const begins = (...prefix: number[]) => prefix.every((b, i) => start![i] === b);
  if (begins(0x50, 0x4b, 0x03, 0x04)) throw new FileError({ line: null, key: 'customerImport.problems.spreadsheet' });

  let encoding: DetectedEncoding;
  let fallback = false;
  let head: string;
  if (choice === 'auto' && begins(0xff, 0xfe)) encoding = 'utf-16le';
  else if (choice === 'auto' && begins(0xfe, 0xff)) encoding = 'utf-16be';
  else if (choice === 'windows-1252') encoding = 'windows-1252';
  else encoding = 'utf-8';
  try {
    head = await scan(source, encoding, encoding === 'utf-8');
  } catch (error) {
    if (error instanceof FileError || encoding !== 'utf-8') throw error;
    if (choice === 'utf-8') throw new FileError({ line: null, key: 'customerImport.problems.notUtf8' });
    encoding = 'windows-1252';
    fallback = true;
    head = await scan(source, encoding, false);
  }

  const sep = excelSeparator(head);
  const skip = head.length - sep.text.length;
  const delimiter = sep.delimiter ?? detectDelimiter(sep.text);
  async function* text(): AsyncGenerator<string> {
    let toSkip = skip;
    for await (let chunk of textOf(source, encoding, false)) {
      if (toSkip) {
        const cut = Math.min(toSkip, chunk.length);
        chunk = chunk.slice(cut);
        toSkip -= cut;
      }
      if (chunk) yield chunk;
    }
  }
  return { encoding, encodingFallback: fallback, delimiter, text };
}
