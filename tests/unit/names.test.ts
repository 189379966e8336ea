// Names shown as identifiers carry no invisible characters (issue 15): a right-to-left override
// makes "\u202Egnp.txt" read as "txt.png", a zero-width space makes two names look alike.
import { describe, expect, it } from 'vitest';
import { cleanName } from '@/lib/names';
import { displayName } from '@/lib/zod-fields';
import { cleanFileName } from '@/server/files/inspect';

const BIDI = ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069', '\u200E', '\u200F', '\u061C'];
const OTHER_INVISIBLE = ['\u200B', '\u2060', '\uFEFF', '\u00AD', '\u0000', '\u001B', '\u007F', '\u{E0041}'];

describe('cleanName', () => {
  it('removes every bidi control and other invisible format or control character', () => {
    for (const c of [...BIDI, ...OTHER_INVISIBLE]) expect(cleanName(`a${c}b`), `U+${c.codePointAt(0)!.toString(16).toUpperCase()}`).toBe('ab');
  });
  it('turns line breaks and tabs into spaces, and keeps letters, accents, emoji and the joiners that shape them', () => {
    expect(cleanName('Ana\nMaría\r\nGómez\tÑandú\u2028x')).toBe('Ana María Gómez Ñandú x');
    expect(cleanName('👩\u200D💻 نامه\u200Cها 東京')).toBe('👩\u200D💻 نامه\u200Cها 東京');
  });
});

describe('cleanFileName', () => {
  it('shows "\\u202Egnp.txt" as what it is', () => {
    expect(cleanFileName('\u202Egnp.txt')).toBe('gnp.txt');
    expect(cleanFileName('C:\\fotos\\\u2067factura\u2069\u200B.pdf')).toBe('factura.pdf');
  });
});

describe('displayName', () => {
  it('cleans, trims and then counts what is left', () => {
    const schema = displayName(2, 10);
    expect(schema.parse('  \u202Enimda\u202C ')).toBe('nimda');
    expect(schema.safeParse('\u202Ex\u200B').success).toBe(false);
    expect(schema.safeParse('\u200B'.repeat(20) + 'abc').success).toBe(true);
  });
});
