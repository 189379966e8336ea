// C15: an Excel workbook of one sheet, written as its XML by hand and zipped as it is written.
//
// exceljs's streaming writer builds a model object for every cell and renders it through its XML
// stream: at 10⁶ rows it alone made 18,800–22,900 rows/s, under the 30,000 target before any
// database work (docs/benchmarks.md). The sheet of an export is simple — inline strings (no
// shared-strings table growing with the file), numbers, dates as Excel serial numbers under a date
// format, a bold header; text neutralised as in CSV — so its XML is written here as strings, a page
// at a time, and archiver (the zip writer exceljs itself uses) deflates it into the package as it streams.
import type { Writable } from 'node:stream';
import { PassThrough } from 'node:stream';
import archiver from 'archiver';
import { neutraliseCell } from '@/lib/exports';
import { drained } from './drained';
import type { Cell, CellType } from './sheet';

export type XlsxColumn = { header: string; type: CellType; width: number };

// The styles' cellXfs, by index: 0 default, 1 bold (the header), 2 integer, 3 money, 4 date, 5 date and time.
const STYLE: Record<CellType, string> = { text: '', int: ' s="2"', money: ' s="3"', date: ' s="4"', datetime: ' s="5"' };

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** Characters XML 1.0 does not allow (control characters other than tab, line feed and carriage return), and the three it needs escaped. */
// eslint-disable-next-line no-control-regex
const NEEDS_WORK = /[&<>\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/** Text as XML character data: &, < and > escaped, characters XML cannot hold dropped. */
export function xmlText(value: string): string {
  if (!NEEDS_WORK.test(value)) return value;
  return value.replace(NOT_XML, '').replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/** A column's letters: 0 → A, 25 → Z, 26 → AA. */
export function columnLetters(index: number): string {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    const rest = (n - 1) % 26;
    letters = String.fromCharCode(65 + rest) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

const DAY_MS = 86_400_000;

/**
 * Excel's serial date — days since 1899-12-30, the time of day as the fraction — of a wall-clock date
 * given as its UTC day (ms at midnight) and seconds into that day. Written from integers, ten decimals
 * (a hundred-thousandth of a second): String() of the whole double, its shortest exact form, was a
 * fifth of the XLSX writer's time at 10⁶ rows of six dates.
 */
function serial(dayMs: number, seconds: number): string {
  const days = String(dayMs / DAY_MS + 25_569);
  if (seconds === 0) return days;
  return `${days}.${String(Math.round((seconds * 1e10) / 86_400)).padStart(10, '0')}`;
}

/** A Date whose UTC fields are the wall clock, as Excel's serial date (to the second). */
function serialOfDate(date: Date): string {
  const ms = date.getTime();
  const dayMs = Math.floor(ms / DAY_MS) * DAY_MS;
  return serial(dayMs, Math.floor((ms - dayMs) / 1000));
}

/** "YYYY-MM-DD HH:MI:SS[.ffffff]" (the tenant's wall clock, as sheet.ts's localText reads it) as Excel's serial date, without making a Date. */
function serialOfText(s: string): string {
  const seconds = (+s.slice(11, 13) || 0) * 3600 + (+s.slice(14, 16) || 0) * 60 + (+s.slice(17, 19) || 0);
  return serial(Date.UTC(+s.slice(0, 4), +s.slice(5, 7) - 1, +s.slice(8, 10)), seconds);
}

const NUMBER = /^-?\d+(\.\d+)?$/;
/** A number's text for <v>: PostgreSQL's numeric string as it is, a JavaScript number as its shortest form; null when it is not a finite number. */
function numberText(cell: string | number | Date): string | null {
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : null;
  if (typeof cell === 'string') return NUMBER.test(cell) ? cell : numberText(Number(cell));
  return null;
}

function textCell(ref: string, value: string, style = ''): string {
  const preserve = value.length && (value.charCodeAt(0) <= 32 || value.charCodeAt(value.length - 1) <= 32) ? ' xml:space="preserve"' : '';
  return `<c r="${ref}"${style} t="inlineStr"><is><t${preserve}>${xmlText(value)}</t></is></c>`;
}

/** The cell's XML for row `row` (1-based), or '' when it is empty. */
function cellXml(type: CellType, letters: string, row: number, cell: Cell): string {
  if (cell === null) return '';
  const ref = letters + row;
  if (type === 'text') return textCell(ref, neutraliseCell(String(cell)));
  let v: string | null;
  if (type === 'date' || type === 'datetime') v = typeof cell === 'string' ? serialOfText(cell) : cell instanceof Date ? serialOfDate(cell) : numberText(cell);
  else v = numberText(cell);
  return v === null ? '' : `<c r="${ref}"${STYLE[type]}><v>${v}</v></c>`;
}

function stylesXml(dateFormat: string): string {
  const fmt = (id: number, code: string) => `<numFmt numFmtId="${id}" formatCode="${xmlText(code).replaceAll('"', '&quot;')}"/>`;
  return (
    `${XML_HEAD}<styleSheet xmlns="${MAIN_NS}">` +
    `<numFmts count="2">${fmt(164, dateFormat)}${fmt(165, `${dateFormat} hh:mm`)}</numFmts>` +
    '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>' +
    '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
    '<cellXfs count="6">' +
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>' +
    '<xf numFmtId="1" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
    '<xf numFmtId="4" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
    '<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
    '</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>'
  );
}

const CONTENT_TYPES =
  `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
  '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
  '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
  '</Types>';
const ROOT_RELS = `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
const WORKBOOK_RELS =
  `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
  `<Relationship Id="rId1" Type="${REL_NS}/worksheet" Target="worksheets/sheet1.xml"/>` +
  `<Relationship Id="rId2" Type="${REL_NS}/styles" Target="styles.xml"/></Relationships>`;
const WORKBOOK = `${XML_HEAD}<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><sheets><sheet name="Export" sheetId="1" r:id="rId1"/></sheets></workbook>`;

/**
 * Writes an .xlsx to `out`: `write` a page of rows (resolves when the zip can take more), then `end`.
 * The sheet's XML goes through a stream of its own into the zip entry, so a slow reader of `out`
 * slows the writer down instead of piling the file up in memory.
 */
export class XlsxWriter {
  private readonly sheet = new PassThrough({ highWaterMark: 256 * 1024 });
  private readonly zip = archiver('zip', { zlib: { level: 1, chunkSize: 256 * 1024 } });
  private readonly letters: string[];
  private readonly done: Promise<void>;
  private row = 1;
  private failure: Error | null = null;

  constructor(
    out: Writable,
    private readonly columns: XlsxColumn[],
    dateFormat: string,
  ) {
    this.letters = columns.map((_, i) => columnLetters(i));
    this.zip.on('error', (error) => {
      this.failure = error;
      out.destroy(error);
    });
    this.done = new Promise((resolve, reject) => {
      out.once('finish', resolve);
      out.once('close', resolve);
      out.once('error', reject);
    });
    // Awaited by end(); an export that fails before it (and so never calls end) must not leave the
    // stream's error as an unhandled rejection, which would stop the server.
    this.done.catch(() => {});
    this.zip.pipe(out);
    this.zip.append(CONTENT_TYPES, { name: '[Content_Types].xml' });
    this.zip.append(ROOT_RELS, { name: '_rels/.rels' });
    this.zip.append(WORKBOOK, { name: 'xl/workbook.xml' });
    this.zip.append(WORKBOOK_RELS, { name: 'xl/_rels/workbook.xml.rels' });
    this.zip.append(stylesXml(dateFormat), { name: 'xl/styles.xml' });
    this.zip.append(this.sheet, { name: 'xl/worksheets/sheet1.xml' });
    const cols = columns.map((c, i) => `<col min="${i + 1}" max="${i + 1}" width="${c.width}" customWidth="1"/>`).join('');
    const header = columns.map((c, i) => textCell(`${this.letters[i]}1`, neutraliseCell(c.header), ' s="1"')).join('');
    this.sheet.write(
      `${XML_HEAD}<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>` +
        `<cols>${cols}</cols><sheetData><row r="1" s="1" customFormat="1">${header}</row>`,
    );
  }

  /** Whether the zip's reader went away or it failed. */
  get broken(): boolean {
    return this.failure !== null || this.sheet.destroyed;
  }

  /** Appends rows; resolves once the zip can take more (backpressure). */
  async write(rows: Cell[][]): Promise<void> {
    if (this.failure) throw this.failure;
    const { columns, letters } = this;
    let xml = '';
    for (const cells of rows) {
      const r = ++this.row;
      xml += `<row r="${r}">`;
      for (let i = 0; i < columns.length; i++) xml += cellXml(columns[i]!.type, letters[i]!, r, cells[i] ?? null);
      xml += '</row>';
    }
    this.sheet.write(xml);
    await drained(this.sheet);
    if (this.failure) throw this.failure;
  }

  /** Closes the sheet and the package; resolves when `out` has it all. Answers the data rows written. */
  async end(): Promise<number> {
    this.sheet.end('</sheetData></worksheet>');
    await this.zip.finalize();
    await this.done;
    if (this.failure) throw this.failure;
    return this.row - 1;
  }
}
