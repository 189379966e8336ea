// C15: the pure parts of an export — formula neutralisation, the CSV separator and Excel's date
// format asked to Intl for the tenant's locale, the file's name, the column list of a query string.
import { describe, expect, it } from 'vitest';
import { csvDelimiter, excelDateFormat, exportFileName, neutraliseCell, TICKET_EXPORT_COLUMNS, ZColumnList } from '@/lib/exports';

describe('neutraliseCell', () => {
  it.each([
    ['=SUM(A1:A9)', "'=SUM(A1:A9)"],
    ['+54 11 5555', "'+54 11 5555"],
    ['-1', "'-1"],
    ['@cmd', "'@cmd"],
    ['\t=1', "'\t=1"],
    ['\r=1', "'\r=1"],
    ['Sin señal', 'Sin señal'],
    ['a=b', 'a=b'],
    ['', ''],
  ])('%j → %j', (input, output) => expect(neutraliseCell(input)).toBe(output));
});

describe('csvDelimiter', () => {
  it.each([
    ['es-AR', ';'],
    ['es-CO', ';'],
    ['es-ES', ';'],
    ['it-IT', ';'],
    ['en-US', ','],
    ['es-MX', ','],
    ['en-AR', ','],
  ])('%s → %s', (intl, d) => expect(csvDelimiter(intl)).toBe(d));
});

describe('excelDateFormat', () => {
  it('follows the locale’s order of day, month and year', () => {
    expect(excelDateFormat('es-AR')).toBe('dd/mm/yyyy');
    expect(excelDateFormat('it-IT')).toBe('dd/mm/yyyy');
    expect(excelDateFormat('en-US')).toBe('mm/dd/yyyy');
  });
});

describe('exportFileName', () => {
  it('names the file by kind and the tenant’s day', () => {
    const late = new Date('2026-12-06T02:30:00Z');
    expect(exportFileName('tickets', 'csv', 'America/Argentina/Buenos_Aires', late)).toBe('tickets-2026-12-05.csv');
    expect(exportFileName('customers', 'xlsx', 'Europe/Rome', late)).toBe('customers-2026-12-06.xlsx');
  });
});

describe('ZColumnList', () => {
  const Z = ZColumnList(TICKET_EXPORT_COLUMNS);
  it('keeps known ids in the grid’s order, once', () => expect(Z.parse('title,number,title')).toEqual(['number', 'title']));
  it('refuses an unknown id and an empty list', () => {
    expect(Z.safeParse('number,password').success).toBe(false);
    expect(Z.safeParse('').success).toBe(false);
  });
});
