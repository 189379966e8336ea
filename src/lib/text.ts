// Accent- and case-insensitive search text: "Sin Conexión" and "sin conexion" normalize alike.

export function normalizeText(value: string): string {
  return value
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Words of a search query, normalized; LIKE wildcards are escaped so they match literally. */
export function searchTokens(query: string): string[] {
  return normalizeText(query)
    .split(' ')
    .filter(Boolean)
    // "20-12345678-3" or "12.345.678" find the tax id stored without separators.
    .map((t) => (/^[\d.\-/]+$/.test(t) ? t.replace(/[.\-/]/g, '') : t))
    .filter(Boolean)
    .slice(0, 8)
    .map((t) => t.replace(/[\\%_]/g, (c) => `\\${c}`));
}
