// C15: the CSV sink's cells. A wall-clock date given as text (LOCAL_TEXT, what the ticket export
// reads) is laid out exactly as the same date given as a Date, in every locale's order; money is
// what Intl.NumberFormat would write (two decimals, the locale's decimal sign, no grouping).
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { csvDelimiter } from '@/lib/exports';
import { sheetSink, type Cell, type SheetColumn } from '@/server/services/exports/sheet';

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
      const cases = ['2026-11-23T14:05:00', '2027-01-02T00:00:00', '2026-12-31T23:59:59'];
      const asText = await csvOf(intl, COLUMNS, cases.map((s) => [s, s]));
      const asDate = await csvOf(intl, COLUMNS, cases.map((s) => [new Date(`${s}Z`), new Date(`${s}Z`)]));
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
