// A7, the file layer: encodings, delimiters, quotes and line numbers, header mapping.
import { describe, expect, it } from 'vitest';
import { COLUMNS, COLUMN_IDS, FileError, decodeCsv, detectDelimiter, excelSeparator, headerKey, mapHeaders, readCsv } from '@/server/services/customers/import/csv';

const utf8 = (text: string) => new TextEncoder().encode(text);
/** Windows-1252 bytes for Latin-1 text (what Excel writes in es/it locales). */
const latin1 = (text: string) => Uint8Array.from([...text].map((c) => c.charCodeAt(0)));

function fileError(fn: () => unknown): FileError['problem'] {
  try {
    fn();
  } catch (error) {
    if (error instanceof FileError) return error.problem;
    throw error;
  }
  throw new Error('expected a FileError');
}

describe('decodeCsv', () => {
  it('reads UTF-8 and drops the BOM', () => {
    expect(decodeCsv(utf8('\uFEFFnombre\nMartínez'))).toEqual({ text: 'nombre\nMartínez', encoding: 'utf-8', fallback: false });
  });

  it('falls back to windows-1252 when the bytes are not UTF-8, and says so', () => {
    const bytes = latin1('nombre;localidad\nMartínez;Lanús\n');
    expect(bytes).toContain(0xed); // í as one byte
    expect(decodeCsv(bytes)).toEqual({ text: 'nombre;localidad\nMartínez;Lanús\n', encoding: 'windows-1252', fallback: true });
  });

  it('decodes windows-1252 only characters (€, curly quotes) when forced', () => {
    expect(decodeCsv(Uint8Array.from([0x80, 0x20, 0x93, 0x61, 0x94, 0x20, 0x8a, 0x9f, 0x96]), 'windows-1252').text).toBe('€ “a” ŠŸ–');
  });

  it('refuses forced UTF-8 on a Latin-1 file', () => {
    expect(fileError(() => decodeCsv(latin1('Martínez'), 'utf-8')).key).toBe('customerImport.problems.notUtf8');
  });

  it('forcing windows-1252 on a UTF-8 file is the user’s choice (mojibake, no error)', () => {
    expect(decodeCsv(utf8('Martínez'), 'windows-1252').text).toBe('MartÃ­nez');
  });

  it('drops a UTF-8 BOM even when the file is forced to windows-1252', () => {
    expect(decodeCsv(utf8('\uFEFFcodigo'), 'windows-1252').text).toBe('codigo');
  });

  it('reads UTF-16 files that start with a BOM', () => {
    const bytes = new Uint8Array([0xff, 0xfe, ...[...'nombre\nPeña'].flatMap((c) => [c.charCodeAt(0), 0])]);
    expect(decodeCsv(bytes)).toMatchObject({ text: 'nombre\nPeña', encoding: 'utf-16le' });
  });

  it('refuses empty, spreadsheet and binary files with their own message', () => {
    expect(fileError(() => decodeCsv(new Uint8Array())).key).toBe('customerImport.problems.emptyFile');
    expect(fileError(() => decodeCsv(utf8(' \n\n'))).key).toBe('customerImport.problems.emptyFile');
    expect(fileError(() => decodeCsv(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]))).key).toBe('customerImport.problems.spreadsheet');
    expect(fileError(() => decodeCsv(Uint8Array.from([0x61, 0x00, 0x62]))).key).toBe('customerImport.problems.binary');
  });
});

describe('detectDelimiter', () => {
  it.each([
    ['codigo;nombre;documento\n1;a,b;c', ';'],
    ['codigo,nombre,documento\n1;2;3;4;5', ','],
    ['codigo\tnombre\tdocumento', '\t'],
    ['"codigo;x","nombre;y",documento', ','],
    ['nombre', ','],
    ['nombre;codigo\r\n1,2,3,4,5', ';'],
  ] as const)('%j → %j', (text, delimiter) => {
    expect(detectDelimiter(text)).toBe(delimiter);
  });
});

describe('excelSeparator', () => {
  it('honours Excel’s "sep=" first line and keeps line numbers', () => {
    const { delimiter, text } = excelSeparator('sep=,\r\ncodigo,nombre\r\n1,"Pérez; Ana"\r\n');
    expect(delimiter).toBe(',');
    expect(readCsv(text, delimiter!, 10).records).toEqual([
      { line: 2, fields: ['codigo', 'nombre'] },
      { line: 3, fields: ['1', 'Pérez; Ana'] },
    ]);
    expect(excelSeparator('codigo;nombre')).toEqual({ delimiter: null, text: 'codigo;nombre' });
  });
});

describe('readCsv', () => {
  it('gives each record the line it starts on, across quoted line breaks and blank lines', () => {
    const text = 'codigo;direccion\n1;"Calle 1\nPiso 2"\n\n2;Calle 3\n3;"Dice ""hola"""\n';
    const { records, truncated } = readCsv(text, ';', 100);
    expect(truncated).toBe(false);
    expect(records).toEqual([
      { line: 1, fields: ['codigo', 'direccion'] },
      { line: 2, fields: ['1', 'Calle 1\nPiso 2'] },
      { line: 5, fields: ['2', 'Calle 3'] },
      { line: 6, fields: ['3', 'Dice "hola"'] },
    ]);
    // Excel on Windows ends lines with CRLF.
    expect(readCsv(text.replaceAll('\n', '\r\n'), ';', 100).records.map((r) => r.line)).toEqual([1, 2, 5, 6]);
  });

  it('accepts rows with fewer or more fields than the header (checked later, row by row)', () => {
    expect(readCsv('a;b;c\n1\n1;2;3;4\n', ';', 10).records.map((r) => r.fields.length)).toEqual([3, 1, 4]);
  });

  it('reports an unclosed quote with its line and a translatable key, not the parser message', () => {
    expect(fileError(() => readCsv('codigo;nombre\n1;ok\n2;"sin cerrar\n3;x\n', ';', 10))).toEqual({ line: 3, key: 'customerImport.problems.quoteNotClosed' });
    expect(fileError(() => readCsv('codigo;nombre\n1;"mal"cerrada\n', ';', 10))).toEqual({ line: 2, key: 'customerImport.problems.invalidClosingQuote' });
  });

  it('stops at the record limit and says there were more', () => {
    const text = ['h', ...Array.from({ length: 20 }, (_, i) => String(i))].join('\n');
    const { records, truncated } = readCsv(text, ',', 5);
    expect(records).toHaveLength(5);
    expect(truncated).toBe(true);
  });
});

describe('header mapping', () => {
  it('matches Spanish headers regardless of case, accents, spaces or punctuation', () => {
    const header = mapHeaders(['Código', 'NOMBRE', 'Tipo Documento', 'documento', 'E-mails', 'Teléfonos', 'Dirección', 'Localidad', 'Conexión código', 'conexion_direccion', 'CONEXION-LOCALIDAD', 'Plan', 'Nodo', 'Tipo', 'Latitud', 'Longitud', 'Estado']);
    expect(header.missing).toEqual([]);
    expect(header.unknown).toEqual([]);
    expect([...header.columns.values()]).toEqual(COLUMN_IDS);
    expect(header.labels.get('phones')).toBe('Teléfonos');
  });

  it('accepts English synonyms', () => {
    const header = mapHeaders(['code', 'name', 'tax_id_type', 'tax_id', 'email', 'phone', 'address', 'city', 'connection_code', 'connection_address', 'connection_locality', 'plan', 'node', 'type', 'latitude', 'longitude', 'status']);
    expect([...header.columns.values()]).toEqual(COLUMN_IDS);
  });

  it('names the missing required columns, the unknown ones and the repeated ones; ignores blank headers', () => {
    const header = mapHeaders(['nombre', 'telefono', 'celular', 'cumpleaños', '', ' ']);
    expect(header.missing).toEqual(['code']);
    expect(header.unknown).toEqual(['cumpleaños']);
    expect(header.duplicated).toEqual(['celular']);
    expect(mapHeaders(['documento']).missing).toEqual(['code', 'name']);
  });

  it('has no synonym claimed by two columns', () => {
    const seen = new Map<string, string>();
    for (const id of COLUMN_IDS) {
      for (const name of COLUMNS[id]) {
        const key = headerKey(name);
        expect(seen.get(key) ?? id, `${name} is claimed by ${seen.get(key)} and ${id}`).toBe(id);
        seen.set(key, id);
      }
    }
  });
});
