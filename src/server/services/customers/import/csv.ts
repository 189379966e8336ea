// A7, the file layer of the customer import: bytes → text (encoding), text → records (delimiter,
// quotes, line numbers), header → columns. Pure functions, no database; unit-tested.
import { parse, type InfoRecord, type Options } from 'csv-parse/sync';
import { normalizeText } from '@/lib/text';

export const ENCODINGS = ['utf-8', 'windows-1252'] as const;
export type ForcedEncoding = (typeof ENCODINGS)[number];
export type EncodingChoice = 'auto' | ForcedEncoding;
export type DetectedEncoding = ForcedEncoding | 'utf-16le' | 'utf-16be';

/** A problem with the file as a whole: a message key (never a raw parser message) and the line, when known. */
export type FileProblem = { line: number | null; key: string; params?: Record<string, string | number> };

export class FileError extends Error {
  constructor(readonly problem: FileProblem) {
    super(problem.key);
    this.name = 'FileError';
  }
}

export type Decoded = { text: string; encoding: DetectedEncoding; /** Auto mode found no valid UTF-8 and fell back to windows-1252. */ fallback: boolean };

// Windows-1252 differs from Latin-1 only in 0x80–0x9F (€, curly quotes, dashes, Š, Ž, Œ…). Node's
// TextDecoder('windows-1252') decodes those bytes as Latin-1 C1 controls, so they are mapped here.
const CP1252_HIGH = '\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178';

export function decodeWindows1252(bytes: Uint8Array): string {
  return new TextDecoder('latin1').decode(bytes).replace(/[\u0080-\u009F]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]!);
}

function startsWith(bytes: Uint8Array, ...prefix: number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

/**
 * Decodes an uploaded file. `auto`: UTF-16 when it starts with a UTF-16 BOM, else strict UTF-8,
 * else windows-1252 (what Excel writes in Spanish and Italian locales; a superset of Latin-1 for
 * text). A forced encoding is used as given; forced UTF-8 on bytes that are not UTF-8 is an error.
 * A BOM is dropped. A spreadsheet (.xlsx/.ods are ZIP files) or other binary is refused.
 */
export function decodeCsv(bytes: Uint8Array, choice: EncodingChoice = 'auto'): Decoded {
  if (bytes.byteLength === 0) throw new FileError({ line: null, key: 'customerImport.problems.emptyFile' });
  if (startsWith(bytes, 0x50, 0x4b, 0x03, 0x04)) throw new FileError({ line: null, key: 'customerImport.problems.spreadsheet' });
  let decoded: Decoded;
  if (choice === 'auto' && startsWith(bytes, 0xff, 0xfe)) decoded = { text: new TextDecoder('utf-16le').decode(bytes), encoding: 'utf-16le', fallback: false };
  else if (choice === 'auto' && startsWith(bytes, 0xfe, 0xff)) decoded = { text: new TextDecoder('utf-16be').decode(bytes), encoding: 'utf-16be', fallback: false };
  else if (choice === 'windows-1252') decoded = { text: decodeWindows1252(bytes), encoding: 'windows-1252', fallback: false };
  else {
    try {
      decoded = { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8', fallback: false };
    } catch {
      if (choice === 'utf-8') throw new FileError({ line: null, key: 'customerImport.problems.notUtf8' });
      decoded = { text: decodeWindows1252(bytes), encoding: 'windows-1252', fallback: true };
    }
  }
  // TextDecoder drops a leading BOM for UTF-8/16; a UTF-8 BOM read as windows-1252 shows as "ï»¿".
  decoded.text = decoded.text.replace(/^(?:\uFEFF|ï»¿)/, '');
  // PostgreSQL text cannot hold NUL, and no CSV has it: this is a binary file.
  if (decoded.text.includes('\u0000')) throw new FileError({ line: null, key: 'customerImport.problems.binary' });
  if (!decoded.text.trim()) throw new FileError({ line: null, key: 'customerImport.problems.emptyFile' });
  return decoded;
}

export const DELIMITERS = [';', ',', '\t'] as const;
export type Delimiter = (typeof DELIMITERS)[number];

/**
 * Excel's optional first line `sep=;` names the delimiter. Returns it, and the text with that line
 * blanked (not removed, so line numbers still match the file).
 */
export function excelSeparator(text: string): { delimiter: Delimiter | null; text: string } {
  const match = /^sep=([;,\t])[ \t]*(?=\r?\n|$)/i.exec(text);
  return match ? { delimiter: match[1] as Delimiter, text: text.slice(match[0].length) } : { delimiter: null, text };
}

/** The delimiter of the header line: whichever of `;` `,` tab occurs most outside quotes (`,` on a tie or none). */
export function detectDelimiter(text: string): Delimiter {
  const counts: Record<Delimiter, number> = { ';': 0, ',': 0, '\t': 0 };
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) break;
    else if (!quoted && char in counts) counts[char as Delimiter] += 1;
  }
  let best: Delimiter = ',';
  for (const d of DELIMITERS) if (counts[d] > counts[best]) best = d;
  return best;
}

/** A record and the line of the file it starts on (1 = the header). */
export type CsvRecord = { line: number; fields: string[] };

function count(text: string, needle: string): number {
  let n = 0;
  for (let i = text.indexOf(needle); i !== -1; i = text.indexOf(needle, i + needle.length)) n += 1;
  return n;
}

const PARSE_ERRORS: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: 'customerImport.problems.quoteNotClosed',
  CSV_INVALID_CLOSING_QUOTE: 'customerImport.problems.invalidClosingQuote',
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: 'customerImport.problems.invalidClosingQuote',
  CSV_MAX_RECORD_SIZE: 'customerImport.problems.recordTooLarge',
};

/**
 * Parses CSV text into records with their starting line. Blank lines are skipped; rows may have
 * fewer or more fields than the header (checked row by row later). At most `maxRecords` records
 * are returned; `truncated` says there were more.
 */
export function readCsv(text: string, delimiter: Delimiter, maxRecords: number): { records: CsvRecord[]; truncated: boolean } {
  let records: CsvRecord[];
  // csv-parse reports the line where each record ends, but counts a CRLF inside a quoted field as
  // two lines; `skew` undoes that. A record starts as many lines before its end as it has breaks.
  // `lastEnd` places an unclosed quote, which is only noticed at the end of the file, right after
  // the last good record.
  let skew = 0;
  let lastEnd = 0;
  const onRecord = (fields: string[], context: InfoRecord): CsvRecord => {
    let breaks = 0;
    for (const field of fields) {
      if (!field.includes('\n')) continue;
      breaks += count(field, '\n');
      skew += count(field, '\r\n');
    }
    lastEnd = context.lines - skew;
    return { line: lastEnd - breaks, fields };
  };
  try {
    records = parse(text, {
      delimiter,
      relax_column_count: true,
      skip_empty_lines: true,
      // One field of 1 MB is not a customer: stop instead of swallowing the rest of the file into it.
      max_record_size: 1_000_000,
      to: maxRecords + 1,
      on_record: onRecord as unknown as Options['on_record'],
    }) as unknown as CsvRecord[];
  } catch (error) {
    const e = error as { code?: string; lines?: number };
    const fromStart = e.code === 'CSV_QUOTE_NOT_CLOSED' || e.code === 'CSV_MAX_RECORD_SIZE';
    const line = fromStart ? lastEnd + 1 : typeof e.lines === 'number' ? e.lines - skew : null;
    throw new FileError({ line, key: PARSE_ERRORS[e.code ?? ''] ?? 'customerImport.problems.malformed' });
  }
  const truncated = records.length > maxRecords;
  return { records: truncated ? records.slice(0, maxRecords) : records, truncated };
}

/** The columns of the import format; the first name of each is the canonical (Spanish) header. */
export const COLUMNS = {
  code: ['codigo', 'code', 'customer_code', 'codigo_cliente', 'nro_cliente', 'numero_cliente', 'codice', 'codice_cliente'],
  name: ['nombre', 'name', 'razon_social', 'nombre_y_apellido', 'apellido_y_nombre', 'full_name', 'customer_name', 'nome'],
  taxIdType: ['tipo_documento', 'tax_id_type', 'document_type', 'tipo_doc'],
  taxId: ['documento', 'tax_id', 'document', 'nro_documento', 'numero_documento', 'documento_numero'],
  emails: ['emails', 'email', 'e_mail', 'e_mails', 'mail', 'mails', 'correo', 'correos', 'correo_electronico', 'correos_electronicos'],
  phones: ['telefonos', 'telefono', 'phones', 'phone', 'tel', 'celular', 'telefoni'],
  address: ['direccion', 'domicilio', 'address', 'indirizzo'],
  locality: ['localidad', 'locality', 'city', 'ciudad', 'localita', 'comune'],
  connectionCode: ['conexion_codigo', 'connection_code', 'codigo_conexion', 'codice_connessione'],
  connectionAddress: ['conexion_direccion', 'connection_address', 'direccion_conexion', 'domicilio_conexion', 'indirizzo_connessione'],
  connectionLocality: ['conexion_localidad', 'connection_locality', 'localidad_conexion', 'localita_connessione'],
  plan: ['plan', 'piano'],
  node: ['nodo', 'node'],
  type: ['tipo', 'type', 'connection_type', 'tipo_conexion'],
  latitude: ['latitud', 'latitude', 'lat', 'latitudine'],
  longitude: ['longitud', 'longitude', 'lng', 'lon', 'longitudine'],
  status: ['estado', 'status', 'connection_status', 'estado_conexion', 'stato'],
} as const;

export type ColumnId = keyof typeof COLUMNS;
export const COLUMN_IDS = Object.keys(COLUMNS) as ColumnId[];
export const REQUIRED_COLUMNS: readonly ColumnId[] = ['code', 'name'];

/** "Teléfonos", "TELEFONOS", "teléfonos " and "telefonos" are the same header; so are "Conexión código" and "conexion_codigo". */
export function headerKey(header: string): string {
  return normalizeText(header).replace(/[^a-z0-9]/g, '');
}

const SYNONYMS = new Map<string, ColumnId>(COLUMN_IDS.flatMap((id) => COLUMNS[id].map((name) => [headerKey(name), id] as const)));

export function canonicalHeader(id: ColumnId): string {
  return COLUMNS[id][0];
}

export type HeaderMap = {
  /** Field index → column, for the recognized headers. */
  columns: Map<number, ColumnId>;
  /** Column → the header as the file spells it, for messages. */
  labels: Map<ColumnId, string>;
  missing: ColumnId[];
  unknown: string[];
  duplicated: string[];
};

/** Maps the header row to columns. Blank headers (trailing separators Excel leaves) are ignored. */
export function mapHeaders(headers: readonly string[]): HeaderMap {
  const columns = new Map<number, ColumnId>();
  const labels = new Map<ColumnId, string>();
  const unknown: string[] = [];
  const duplicated: string[] = [];
  headers.forEach((raw, index) => {
    const header = raw.trim();
    if (!header) return;
    const id = SYNONYMS.get(headerKey(header));
    if (!id) unknown.push(header);
    else if (labels.has(id)) duplicated.push(header);
    else {
      columns.set(index, id);
      labels.set(id, header);
    }
  });
  return { columns, labels, missing: REQUIRED_COLUMNS.filter((id) => !labels.has(id)), unknown, duplicated };
}
