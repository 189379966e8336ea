// COPY's text format, with nothing else: the invoice import's reader process (issue 17) writes its
// rows in it without loading the database layer.

/** COPY text format: a value with its backslashes, tabs and line breaks escaped; null as \N. */
export function copyValue(value: string | number | null): string {
  if (value === null) return '\\N';
  const text = String(value);
  return /[\\\t\n\r]/.test(text) ? text.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r')) : text;
}

/** One row as a COPY text line, its values in the table's column order. */
export function copyLine(values: readonly (string | number | null)[]): string {
  return `${values.map(copyValue).join('\t')}\n`;
}
