// Names shown as identifiers — a file's, a customer's, a staff member's — without the invisible
// characters that can disguise them. A right-to-left override makes "\u202Egnp.txt" read as
// "txt.png"; zero-width and other format characters make two names look alike. These are Unicode's
// format (Cf) and control (Cc) characters, line and paragraph separators included: bidi embeddings,
// overrides, isolates and marks (U+202A–U+202E, U+2066–U+2069, U+200E/U+200F, U+061C), zero-width
// space, word joiner, BOM, soft hyphen, tag characters. Zero-width joiner and non-joiner stay: they
// only join or separate letters (emoji sequences, Persian words) and cannot reorder text.

const LINE_BREAKS = /[\t\n\v\f\r\u0085\u2028\u2029]+/g;
const INVISIBLE = /(?![\u200C\u200D])[\p{Cc}\p{Cf}]/gu;

/** `value` with line breaks and tabs as spaces, and invisible format and control characters removed (not trimmed). */
export function cleanName(value: string): string {
  return value.replace(LINE_BREAKS, ' ').replace(INVISIBLE, '');
}
