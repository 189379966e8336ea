// Issue 17: the pieces of the streamed billing import that need no database — the file read as a
// stream (encoding, BOM, `sep=`, refusals, chunk boundaries), COPY's text escaping, and the bulk ids.
import { describe, expect, it } from 'vitest';
import { uuidv7Fast } from '@/lib/ids';
import { copyValue } from '@/server/data/sql';
import { openSource } from '@/server/services/billing/import/source';
import { FileError } from '@/server/services/customers/import/csv';

async function textOf(bytes: Uint8Array, choice: 'auto' | 'utf-8' | 'windows-1252' = 'auto') {
  const opened = await openSource(bytes, choice);
  let text = '';
  for await (const chunk of opened.text()) text += chunk;
  return { ...opened, text };
}

const problem = async (bytes: Uint8Array, choice: 'auto' | 'utf-8' | 'windows-1252' = 'auto') => {
  const error = await openSource(bytes, choice).catch((e: unknown) => e);
  return error instanceof FileError ? error.problem.key : error;
};

describe('openSource', () => {
  it('reads UTF-8 (BOM dropped), falls back to windows-1252, and honours a forced encoding', async () => {
    const utf8 = await textOf(new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('número;año\n1;ñ\n')]));
    expect(utf8).toMatchObject({ encoding: 'utf-8', encodingFallback: false, delimiter: ';', text: 'número;año\n1;ñ\n' });
    const latin = await textOf(Uint8Array.from([...'a,b\n\u00f1,\u0080\n'].map((c) => (c === '\u0080' ? 0x80 : c.charCodeAt(0)))));
    expect(latin).toMatchObject({ encoding: 'windows-1252', encodingFallback: true, delimiter: ',', text: 'a,b\nñ,€\n' });
    expect(await problem(Uint8Array.from([0x61, 0xf1, 0x0a]), 'utf-8')).toBe('customerImport.problems.notUtf8');
  });

  it('keeps a multi-byte character split across the 1 MB chunks whole', async () => {
    const line = 'ñ'.repeat(700_000);
    const { text } = await textOf(new TextEncoder().encode(`a\n${line}\n`));
    expect(text).toBe(`a\n${line}\n`);
  });

  it('takes the delimiter from an Excel `sep=` line, keeping its line break so row numbers match', async () => {
    const { delimiter, text } = await textOf(new TextEncoder().encode('sep=;\r\nnumero,x;total\r\n1;2\r\n'));
    expect(delimiter).toBe(';');
    expect(text).toBe('\r\nnumero,x;total\r\n1;2\r\n');
  });

  it('refuses an empty file, a spreadsheet and a binary file', async () => {
    expect(await problem(new Uint8Array())).toBe('customerImport.problems.emptyFile');
    expect(await problem(new TextEncoder().encode(' \r\n\r\n'))).toBe('customerImport.problems.emptyFile');
    expect(await problem(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0]))).toBe('customerImport.problems.spreadsheet');
    expect(await problem(new TextEncoder().encode('a;b\n1;\u0000\n'))).toBe('customerImport.problems.binary');
  });
});

describe('copyValue', () => {
  it('escapes what COPY text format reads specially, and writes null as \\N', () => {
    expect(copyValue('plain')).toBe('plain');
    expect(copyValue('a\tb\nc\rd\\e')).toBe('a\\tb\\nc\\rd\\\\e');
    expect(copyValue(null)).toBe('\\N');
    expect(copyValue('\\N')).toBe('\\\\N');
    expect(copyValue(12)).toBe('12');
  });
});

describe('uuidv7Fast', () => {
  it('gives distinct version-7 ids that start with the time', () => {
    const now = Date.UTC(2026, 11, 5);
    const ids = Array.from({ length: 10_000 }, () => uuidv7Fast(now));
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids.slice(0, 50)) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(ids[0]!.replace(/-/g, '').slice(0, 12)).toBe(now.toString(16).padStart(12, '0'));
  });
});
