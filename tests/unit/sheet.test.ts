// C15: the CSV sink's cells. A wall-clock date given as text (localText, what the ticket export
// reads) is laid out exactly as the same date given as a Date, in every locale's order; money is
// what Intl.NumberFormat would write (two decimals, the locale's decimal sign, no grouping). The XLSX
// sink's file is read back by exceljs: text, typed numbers and dates, empty cells in place.
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { csvDelimiter } from '@/lib/exports';
import ExcelJS from 'exceljs';
import { crlfRecords, sheetSink, type Cell, type SheetColumn } from '@/server/services/exports/sheet';
import { columnLetters } from '@/server/services/exports/xlsx';

async function csvOf(intl: string, columns: SheetColumn[], rows: Cell[][]): Promise<string[][]> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const sink = sheetSink(out, { format: 'csv', columns, intl });
  await sink.write(rows);
  await sink.end();
  const text = Buffer.concat(chunks).toString('utf8').replace(/^\uFEFF/, '');
  const delimiter = csvDelimiter(intl);
  return text.trimEnd().split('\r\n').slice(1).map((line) => line.split(delimiter));
}

const COLUMNS: SheetColumn[] = [
  { header: 'Día', type: 'date' },
  { header: 'Hora', type: 'datetime' },
];

describe('the CSV sink', () => {
  for (const intl of ['es-AR', 'en-US', 'it-IT', 'es-CO']) {
    it(`lays out a date given as text as it lays out the Date (${intl})`, async () => {
      // As PostgreSQL writes a timestamp (DateStyle ISO), with and without a fraction of a second.
      const cases = ['2026-11-23 14:05:00', '2027-01-02 00:00:00.5', '2026-12-31 23:59:59.123456'];
      const asText = await csvOf(intl, COLUMNS, cases.map((s) => [s, s]));
      const asDate = await csvOf(intl, COLUMNS, cases.map((s) => [new Date(`${s.slice(0, 10)}T${s.slice(11, 19)}Z`), new Date(`${s.slice(0, 10)}T${s.slice(11, 19)}Z`)]));
      expect(asText).toEqual(asDate);
      expect(asText[0]![1]).toMatch(/14:05$/);
    });
  }

  it('writes money as Intl would: two decimals, the locale’s decimal sign, no grouping', async () => {
    const values = ['1234.5', '0.1', '-7.25', '1000000', '99.99', 3.456];
    for (const intl of ['es-AR', 'en-US', 'it-IT']) {
      const rows = await csvOf(intl, [{ header: 'Monto', type: 'money' }], values.map((v) => [v]));
      const intlFormat = new Intl.NumberFormat(intl, { minimumFractionDigits: 2, maximumFractionDigits: 2, useGrouping: false });
      expect(rows.map((r) => r[0])).toEqual(values.map((v) => intlFormat.format(Number(v))));
    }
  });
});

async function xlsxOf(intl: string, columns: SheetColumn[], rows: Cell[][]) {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const sink = sheetSink(out, { format: 'xlsx', columns, intl });
  // Two pages, as an export writes them.
  await sink.write(rows.slice(0, 1));
  await sink.write(rows.slice(1));
  await sink.end();
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
  return book.worksheets[0]!;
}

describe('the XLSX sink (the sheet XML written by hand)', () => {
  it('is read back by a spreadsheet library: bold header, text as written, typed numbers and dates, empty cells in place', async () => {
    const columns: SheetColumn[] = [
      { header: 'Nº', type: 'int' },
      { header: 'Título <&>', type: 'text' },
      { header: 'Monto', type: 'money' },
      { header: 'Día', type: 'date' },
      { header: 'Hora', type: 'datetime' },
    ];
    const awkward = ' Señal <b>&amp; "rota"\u0007 🚀 con\nsalto ';
    const sheet = await xlsxOf('es-AR', columns, [
      [1, awkward, '1234.50', '2026-11-23 00:00:00', '2026-11-23 14:05:30.25'],
      [2, null, -7.25, null, new Date(Date.UTC(2027, 0, 2, 8, 30))],
      [3, '=HYPERLINK("http://evil.test")', null, '2026-12-31 00:00:00', null],
    ]);
    expect(sheet.rowCount).toBe(4);
    expect(sheet.getRow(1).font?.bold).toBe(true);
    expect((sheet.getRow(1).values as ExcelJS.CellValue[]).slice(1)).toEqual(['Nº', 'Título <&>', 'Monto', 'Día', 'Hora']);
    const [first, second, third] = [2, 3, 4].map((r) => sheet.getRow(r));
    // The bell (not allowed in XML) is dropped; everything else, spaces and line break included, kept.
    expect(first!.getCell(2).value).toBe(' Señal <b>&amp; "rota" 🚀 con\nsalto ');
    expect(first!.getCell(1).value).toBe(1);
    expect(first!.getCell(3).value).toBe(1234.5);
    expect(first!.getCell(3).numFmt).toBe('#,##0.00');
    expect(first!.getCell(4).value).toEqual(new Date(Date.UTC(2026, 10, 23)));
    expect(first!.getCell(4).numFmt).toBe('dd/mm/yyyy');
    expect(first!.getCell(5).value).toEqual(new Date(Date.UTC(2026, 10, 23, 14, 5, 30)));
    expect(first!.getCell(5).numFmt).toBe('dd/mm/yyyy hh:mm');
    expect(second!.getCell(2).value).toBeNull();
    expect(second!.getCell(3).value).toBe(-7.25);
    expect(second!.getCell(5).value).toEqual(new Date(Date.UTC(2027, 0, 2, 8, 30)));
    expect(third!.getCell(2).value).toBe(`'=HYPERLINK("http://evil.test")`);
    expect(third!.getCell(4).value).toEqual(new Date(Date.UTC(2026, 11, 31)));
    expect(third!.getCell(5).value).toBeNull();
  });

  it('names columns past Z as a spreadsheet does (AA, AB …) and takes the locale’s date order', async () => {
    expect([0, 25, 26, 27, 51, 52, 701, 702].map(columnLetters)).toEqual(['A', 'Z', 'AA', 'AB', 'AZ', 'BA', 'ZZ', 'AAA']);
    const columns: SheetColumn[] = Array.from({ length: 30 }, (_, i) => ({ header: `C${i}`, type: i === 29 ? 'date' : 'int' }));
    const sheet = await xlsxOf('en-US', columns, [Array.from({ length: 30 }, (_, i) => (i === 29 ? '2026-11-23 00:00:00' : i)), Array.from({ length: 30 }, (_, i) => (i === 29 ? null : i * 2))]);
    expect((sheet.getRow(2).values as ExcelJS.CellValue[]).slice(1, 30)).toEqual(Array.from({ length: 29 }, (_, i) => i));
    expect(sheet.getRow(3).getCell(29).value).toBe(56);
    expect(sheet.getRow(2).getCell(30).numFmt).toBe('mm/dd/yyyy');
  });
});

describe('the XLSX sink’s dates', () => {
  it('reads back to the second, before 1970 and after, as text and as Date', async () => {
    const cases = ['2026-11-23 23:59:59', '1969-07-20 20:17:40', '2000-02-29 00:00:01', '2026-01-01 12:00:00.999'];
    const sheet = await xlsxOf('es-AR', [{ header: 'Texto', type: 'datetime' }, { header: 'Date', type: 'datetime' }], cases.map((s) => [s, new Date(`${s.slice(0, 10)}T${s.slice(11, 19)}Z`)]));
    cases.forEach((s, i) => {
      const expected = new Date(`${s.slice(0, 10)}T${s.slice(11, 19)}Z`);
      expect(sheet.getRow(i + 2).getCell(1).value).toEqual(expected);
      expect(sheet.getRow(i + 2).getCell(2).value).toEqual(expected);
    });
  });
});

describe('crlfRecords (the COPY CSV\'s records)', () => {
  // As PostgreSQL's COPY writes CSV: a line feed after each record, fields with quotes, delimiters or line breaks quoted.
  const copied = '1;plain\n2;"with ""quotes"" and;"\n3;"two\nlines"\n4;"""\n"""\n5;ñandú\n';
  const expected = '1;plain\r\n2;"with ""quotes"" and;"\r\n3;"two\nlines"\r\n4;"""\n"""\r\n5;ñandú\r\n';

  it('makes each record\'s line feed CRLF and counts the records, leaving line breaks inside quotes', () => {
    const done = crlfRecords(Buffer.from(copied), false);
    expect(done.text.toString()).toBe(expected);
    expect(done).toMatchObject({ records: 5, quoted: false });
  });

  it('gives the same bytes however the stream is cut, a quote or a field\'s line break at the cut included', () => {
    const bytes = Buffer.from(copied);
    for (let cut = 0; cut <= bytes.length; cut++) {
      const first = crlfRecords(bytes.subarray(0, cut), false);
      const second = crlfRecords(bytes.subarray(cut), first.quoted);
      expect(Buffer.concat([first.text, second.text]).toString(), `cut at ${cut}`).toBe(expected);
      expect(first.records + second.records).toBe(5);
    }
  });
});

