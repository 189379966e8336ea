// Icons are drawn (lucide-react, with an accessible name or aria-hidden next to text), never emoji or
// pictographs: those render as empty boxes where no emoji font is installed. This scans the UI's
// sources — and the message catalogs, whose texts end up on the same screens — for them.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');

/** Emoji and the symbol blocks used as pictures: arrows, technical symbols, geometric shapes (▲ ▼ ■), dingbats (✓ ✕), the multiplication sign as a "close" cross, variation selectors. */
const PICTOGRAPH = /[\p{Extended_Pictographic}\u{2190}-\u{21FF}\u{2300}-\u{23FF}\u{25A0}-\u{25FF}\u{2600}-\u{27BF}\u{2B00}-\u{2BFF}\u{00D7}\u{FE0F}]/u;
/** In a sentence (history lines, e-mail subjects) an arrow is typography: «Abierto» → «Cerrado». */
const IN_CATALOGS = /[\p{Extended_Pictographic}\u{2600}-\u{27BF}\u{FE0F}]/u;

function files(dir: string, ext: RegExp): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? files(full, ext) : ext.test(name) ? [full] : [];
  });
}

function offenders(list: string[], pattern: RegExp): string[] {
  return list.flatMap((file) =>
    readFileSync(file, 'utf8')
      .split('\n')
      .flatMap((line, i) => (pattern.test(line) ? [`${path.relative(ROOT, file)}:${i + 1}: ${line.trim()}`] : [])),
  );
}

describe('no emoji or pictographs as icons', () => {
  it('in the components and pages', () => {
    const sources = [...files(path.join(ROOT, 'src/components'), /\.tsx?$/), ...files(path.join(ROOT, 'src/app'), /\.tsx?$/)];
    expect(sources.length).toBeGreaterThan(50);
    expect(offenders(sources, PICTOGRAPH)).toEqual([]);
  });

  it('in the message catalogs', () => {
    const catalogs = files(path.join(ROOT, 'src/i18n/messages'), /\.json$/);
    expect(catalogs.length).toBeGreaterThan(60);
    expect(offenders(catalogs, IN_CATALOGS)).toEqual([]);
  });

  it('the pattern finds what it is meant to find', () => {
    for (const icon of ['💬', '📎', '📷', '🔒', '🔔', '📄', '▲', '▼', '↕', '✓', '✕', '×', '⚠️']) expect(PICTOGRAPH.test(icon), icon).toBe(true);
    for (const text of ['Configuración', 'Nº', '«Abierto»', '…', '—', '·', '≤ 320 px', 'ñandú']) expect(PICTOGRAPH.test(text), text).toBe(false);
  });
});
