// A5, issue 17: the billing import's rows as read from the file — the CSV records, each row's own
// checks, and the problems found — with no database and no server state, so the invoice import can
// run them in a process of its own (invoice-reader.ts) and the payment import in the request's.
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { uuidv7Fast } from '@/lib/ids';
import { parseAmount, parseDay, unitsToDecimal, type AmountProblem, type Units } from '@/lib/money';
import { normalizeText } from '@/lib/text';
import type { Delimiter } from '@/server/services/customers/import/csv';
import type { ProblemMessage } from '@/server/services/customers/import/rows';
import { statusFor, type InvoiceStatus } from '../statement-math';
import { INVOICE_COLUMNS, PAYMENT_COLUMNS, REQUIRED, mapColumns, type Headers } from './columns';
import type { OpenedSource } from './source';

export const BILLING_IMPORT_LIMITS = {
  /** Data rows per file. */
  rows: 2_000_000,
  /** Rows per lookup and per INSERT. */
  batch: 5_000,
  /** Rows shown in the preview. */
  sample: 20,
  /** Problems sent back (all are counted). */
  errors: 500,
  /** The commit transaction's limits, in ms. */
  transactionTimeout: 15 * 60_000,
  transactionMaxWait: 30_000,
} as const;

export const LENGTHS = { number: 60, type: 30, period: 40, method: 60, reference: 120, customerCode: 100 } as const;

export type BillingKind = 'invoices' | 'payments';

export type Problem = { line: number | null; column: string | null; message: ProblemMessage };
export type CsvRecord = { line: number; fields: string[] };

const PARSE_ERRORS: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: 'customerImport.problems.quoteNotClosed',
  CSV_INVALID_CLOSING_QUOTE: 'customerImport.problems.invalidClosingQuote',
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: 'customerImport.problems.invalidClosingQuote',
  CSV_MAX_RECORD_SIZE: 'customerImport.problems.recordTooLarge',
};

/**
 * Records in batches, each with the line it starts on (1 = the header). Batches, not one record per
 * `await`: a million rows handed over one at a time spent most of the import in promise hand-offs.
 */
async function* recordBatches(text: AsyncIterable<string>, delimiter: Delimiter, size = 4096): AsyncGenerator<CsvRecord[]> {
  const parser = parse({ delimiter, relax_column_count: true, skip_empty_lines: true, max_record_size: 1_000_000, info: true });
  const input = Readable.from(text);
  let failure: Error | null = null;
  // A read error of the file ends the parse with it.
  input.on('error', (error) => parser.destroy(error));
  parser.on('error', (error: Error) => (failure = error));
  input.pipe(parser);
  try {
    for (;;) {
      const batch: CsvRecord[] = [];
      let item: { record: string[]; info: { lines: number } } | null;
      while (batch.length < size && (item = parser.read() as typeof item) !== null) {
        let breaks = 0;
        for (const field of item.record) if (field.includes('\n')) breaks += field.split('\n').length - 1;
        batch.push({ line: item.info.lines - breaks, fields: item.record });
      }
      if (batch.length) {
        yield batch;
        continue;
      }
      if (failure) throw failure;
      if (parser.readableEnded) return;
      await new Promise<void>((resolve) => {
        const wake = () => {
          parser.off('readable', wake).off('end', wake).off('error', wake).off('close', wake);
          resolve();
        };
        parser.on('readable', wake).on('end', wake).on('error', wake).on('close', wake);
      });
      if (parser.destroyed && !failure && !parser.readableEnded) return;
    }
  } finally {
    input.destroy();
    parser.destroy();
  }
}

/** The rows read and the problems found: all counted, the first by row kept. */
export class ProblemLog {
  labels = new Map<string, string>();
  rows = 0;
  /** The first problems by row (at most about twice what is sent back); all are counted. */
  problems: Problem[] = [];
  problemCount = 0;
  /** The columns with a problem on the row reported last (rows are reported in order). */
  private reportedLine: number | null = null;
  private readonly reported = new Set<string>();

  problem(line: number | null, column: string | null, key: string, params?: Record<string, string | number>) {
    if (line !== null) {
      if (line !== this.reportedLine) {
        this.reportedLine = line;
        this.reported.clear();
      }
      const id = column ?? '';
      if (this.reported.has(id)) return;
      this.reported.add(id);
    }
    this.keep({ line, column, message: { key, params } });
  }

  /** Counts a problem and keeps it if it is among the first by row. */
  keep(problem: Problem) {
    this.problemCount += 1;
    this.problems.push(problem);
    if (this.problems.length >= 2 * BILLING_IMPORT_LIMITS.errors) this.problems = this.sorted().slice(0, BILLING_IMPORT_LIMITS.errors);
  }

  get failed(): boolean {
    return this.problemCount > 0;
  }

  sorted(): Problem[] {
    return [...this.problems].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  }
}

const AMOUNT_KEYS: Record<AmountProblem, string> = {
  invalid: 'billing.problems.amountInvalid',
  notPositive: 'billing.problems.amountNotPositive',
  tooManyDecimals: 'billing.problems.amountTooManyDecimals',
  tooLarge: 'billing.problems.amountTooLarge',
};

const VOID_WORDS = new Set(['anulada', 'anulado', 'void', 'voided', 'cancelled', 'canceled', 'annullata', 'annullato'].map((w) => normalizeText(w)));
const PAID_WORDS = new Set(['pagada', 'pagado', 'paid', 'pagata', 'saldada', 'cancelada'].map((w) => normalizeText(w)));
const OPEN_WORDS = new Set(['pendiente', 'impaga', 'adeudada', 'unpaid', 'open', 'parcial', 'partial', 'impagata', 'parziale', 'emitida', 'issued', 'emessa'].map((w) => normalizeText(w)));

/** Reads one row's cells by column, and the row's problems. */
export class RowReader<C extends string> {
  values: Partial<Record<C, string>> = {};
  ok = true;

  constructor(
    private readonly report: ProblemLog,
    readonly line: number,
    headers: Headers<C>,
    fields: string[],
  ) {
    let extra = false;
    fields.forEach((raw, index) => {
      const value = raw.trim();
      if (!value) return;
      const column = headers.columns.get(index);
      if (column) this.values[column] = value;
      else extra = true;
    });
    if (extra) this.fail(null, 'customerImport.problems.extraFields');
  }

  get blank(): boolean {
    return Object.keys(this.values).length === 0 && this.ok;
  }

  fail(column: C | null, key: string, params?: Record<string, string | number>) {
    this.ok = false;
    this.report.problem(this.line, column, key, params);
  }

  text(column: C, required: boolean, max: number): string | null {
    const value = this.values[column] ?? null;
    if (value === null) {
      if (required) this.fail(column, 'billing.problems.required');
      return null;
    }
    if (value.length > max) {
      this.fail(column, 'billing.problems.tooLong', { max });
      return null;
    }
    return value;
  }

  day(column: C): string | null {
    const value = this.text(column, true, 40);
    if (value === null) return null;
    const day = parseDay(value);
    if (!day) this.fail(column, 'billing.problems.dateInvalid', { value });
    return day;
  }

  amount(column: C, required: boolean, digits: number, allowZero = false): Units | null {
    const value = this.text(column, required, 40);
    if (value === null) return null;
    const parsed = parseAmount(value, digits);
    if ('units' in parsed) return parsed.units;
    if (allowZero && parsed.problem === 'notPositive' && /^[\s0.,$€£+]*$/.test(value)) return 0n;
    this.fail(column, AMOUNT_KEYS[parsed.problem], { value, digits });
    return null;
  }
}

/** Where checked invoice rows go, in the staging table's column order (STAGE_COLUMNS of import-billing.ts). */
export type StageSink = { push(values: (string | number | null)[]): void };

/** Checks each invoice row on its own (the checks that need the whole file or the database come later, in SQL) and stages it. */
export class InvoiceRows {
  constructor(
    private readonly report: ProblemLog,
    private readonly headers: Headers<keyof typeof INVOICE_COLUMNS>,
    private readonly digits: number,
    private readonly stage: StageSink,
  ) {}

  add(record: CsvRecord) {
    const row = new RowReader(this.report, record.line, this.headers, record.fields);
    if (row.blank) return;
    this.report.rows += 1;
    const number = row.text('number', true, LENGTHS.number);
    const customerCode = row.text('customerCode', true, LENGTHS.customerCode);
    const type = row.text('type', false, LENGTHS.type) ?? '';
    const period = row.text('period', false, LENGTHS.period);
    const issuedOn = row.day('issuedOn');
    const dueOn = row.day('dueOn');
    if (issuedOn && dueOn && dueOn < issuedOn) row.fail('dueOn', 'billing.problems.dueBeforeIssue');
    const total = row.amount('total', true, this.digits);
    let balance = row.amount('balance', false, this.digits, true);
    if (total !== null && balance !== null && balance > total) row.fail('balance', 'billing.problems.balanceAboveTotal');
    const statusText = row.values.status ? normalizeText(row.values.status) : null;
    let status: InvoiceStatus | null = null;
    if (statusText !== null) {
      if (VOID_WORDS.has(statusText)) status = 'VOID';
      else if (PAID_WORDS.has(statusText)) {
        if (balance === null) balance = 0n;
        else if (balance > 0n) row.fail('status', 'billing.problems.statusBalance');
      } else if (!OPEN_WORDS.has(statusText)) row.fail('status', 'billing.problems.statusInvalid', { value: row.values.status! });
    }
    if (number === null) return;
    if (!row.ok || customerCode === null || issuedOn === null || dueOn === null || total === null) {
      // Kept for the in-file duplicates only: a later row with its number is still a duplicate.
      this.stage.push([row.line, 'f', number, null, null, null, null, null, null, null, null, null]);
      return;
    }
    const left = status === 'VOID' ? 0n : (balance ?? total);
    this.stage.push([
      row.line, 't', number, uuidv7Fast(), customerCode, type, issuedOn, dueOn, period,
      unitsToDecimal(total), unitsToDecimal(left), statusFor(total, balance ?? total, status ?? undefined),
    ]);
  }
}

export type Importer = { add(record: CsvRecord): void | Promise<void>; afterBatch?(): Promise<void> };

/**
 * Reads the file and hands every row to the importer `start` makes from the header row. False when
 * the file itself stopped the reading (its header, its quoting, too many rows: the problem is in the
 * report); the rows' own problems are the importer's to report.
 */
export async function readRows<I extends Importer>(kind: BillingKind, opened: OpenedSource, report: ProblemLog, start: (headers: Headers<string>) => I): Promise<I | null> {
  let importer: I | null = null;
  try {
    for await (const batch of recordBatches(opened.text(), opened.delimiter)) {
      for (const record of batch) {
        if (!importer) {
          const headers = kind === 'invoices' ? mapColumns(INVOICE_COLUMNS, REQUIRED.invoices, record.fields) : mapColumns(PAYMENT_COLUMNS, REQUIRED.payments, record.fields);
          for (const [id, label] of headers.labels as Map<string, string>) report.labels.set(id, label);
          const line = record.line;
          if (headers.missing.length) {
            const set = kind === 'invoices' ? INVOICE_COLUMNS : PAYMENT_COLUMNS;
            report.problem(line, null, 'customerImport.problems.missingColumns', { columns: headers.missing.map((c) => (set as Record<string, readonly string[]>)[c]![0]!).join(', ') });
          }
          if (headers.unknown.length) report.problem(null, null, 'customerImport.problems.unknownColumns', { columns: headers.unknown.join(', ') });
          if (headers.duplicated.length) report.problem(null, null, 'customerImport.problems.duplicateColumns', { columns: headers.duplicated.join(', ') });
          if (report.failed) return null;
          importer = start(headers as Headers<string>);
          continue;
        }
        const adding = importer.add(record);
        if (adding) await adding;
        if (report.rows > BILLING_IMPORT_LIMITS.rows) {
          report.problem(null, null, 'customerImport.problems.tooManyRows', { max: BILLING_IMPORT_LIMITS.rows });
          return null;
        }
      }
      if (importer?.afterBatch) await importer.afterBatch();
    }
  } catch (error) {
    const e = error as { code?: string; lines?: number };
    if (!e.code?.startsWith('CSV_')) throw error;
    report.problem(typeof e.lines === 'number' ? e.lines : null, null, PARSE_ERRORS[e.code] ?? 'customerImport.problems.malformed');
    return null;
  }
  if (!importer) {
    report.problem(null, null, 'customerImport.problems.emptyFile');
    return null;
  }
  if (!report.rows) report.problem(null, null, 'customerImport.problems.noRows');
  return importer;
}
