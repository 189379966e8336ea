// A5: import invoices or payments from the ISP's CSV file, the customer import's way (preview →
// atomic commit; Latin-1 and `;` detected; every problem by row and column, translated), built to
// stream: the text is parsed record by record (csv-parse's stream API) and handled in batches of
// BILLING_IMPORT_LIMITS.batch rows — one lookup per kind per batch, one INSERT per table per batch —
// so memory holds one batch, not the file's records.
//
// A commit is one transaction: rows are written batch by batch as they are checked, and a single
// problem anywhere stops the writing and rolls everything back (nothing half-imported). A preview
// runs the same checks with no transaction and no writes.
//
// Payments settle invoices: first those the row names (by number, in the order named), each up to
// what it still owes, then the customer's other invoices that still owe, oldest due first; what is
// left is a credit. Balances are kept in memory across the file's rows, so a preview says what a
// commit will do, and the invoices touched are updated in the same transaction.
import 'server-only';
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import type { Locale } from '@/lib/format';
import { uuidv7 } from '@/lib/ids';
import { currencyDigits, parseAmount, parseDay, toUnits, unitsToDecimal, unitsToNumber, type AmountProblem, type Units } from '@/lib/money';
import { normalizeText } from '@/lib/text';
import { uniqueViolationFields } from '@/server/errors';
import { logger } from '@/server/logger';
import { Prisma } from '@/generated/prisma/client';
import type { QueryClient, ExecuteClient } from '@/server/data/sql';
import type { StaffCaller } from '@/server/services/caller';
import { FileError, decodeCsv, detectDelimiter, excelSeparator, type Delimiter, type DetectedEncoding, type EncodingChoice } from '@/server/services/customers/import/csv';
import { problemText, type ProblemMessage } from '@/server/services/customers/import/rows';
import { allocatePayment, statusFor, type InvoiceStatus, type OpenInvoice } from '../statement-math';
import { INVOICE_COLUMNS, PAYMENT_COLUMNS, REQUIRED, mapColumns, type Headers } from './columns';

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

const LENGTHS = { number: 60, type: 30, period: 40, method: 60, reference: 120, customerCode: 100 } as const;

export type BillingKind = 'invoices' | 'payments';
export type BillingImportMode = 'preview' | 'commit';
export type BillingImportOptions = { mode: BillingImportMode; encoding?: EncodingChoice; locale?: Locale };

export type BillingImportProblem = { row: number | null; column: string | null; message: string };

/** One row as it will be stored: an invoice, or a payment with the invoices it settles. */
export type BillingSampleRow = {
  row: number;
  customerCode: string;
  customerName: string;
  date: string;
  amount: number;
  /** Invoices. */
  number: string | null;
  type: string | null;
  dueOn: string | null;
  period: string | null;
  balance: number | null;
  status: InvoiceStatus | null;
  /** Payments. */
  method: string | null;
  reference: string | null;
  settles: { number: string; amount: number }[];
};

export type BillingImportReport = {
  kind: BillingKind;
  mode: BillingImportMode;
  /** No problems: a preview may be committed; a commit wrote everything. */
  ok: boolean;
  encoding: DetectedEncoding | null;
  encodingFallback: boolean;
  delimiter: Delimiter | null;
  /** Data rows read; `allocations`: invoice settlements the payments make. */
  counts: { rows: number; allocations: number };
  sample: BillingSampleRow[];
  errors: BillingImportProblem[];
  errorCount: number;
  created: { rows: number; allocations: number } | null;
};

type Problem = { line: number | null; column: string | null; message: ProblemMessage };
type Client = QueryClient & ExecuteClient;
type CsvRecord = { line: number; fields: string[] };

const PARSE_ERRORS: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: 'customerImport.problems.quoteNotClosed',
  CSV_INVALID_CLOSING_QUOTE: 'customerImport.problems.invalidClosingQuote',
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: 'customerImport.problems.invalidClosingQuote',
  CSV_MAX_RECORD_SIZE: 'customerImport.problems.recordTooLarge',
};

/** Thrown inside the commit transaction to roll it back once a problem was found. */
class Rollback extends Error {}

function* slices(text: string, size = 1 << 20): Generator<string> {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

/** Records one at a time, with the line each starts on (1 = the header). */
async function* records(text: string, delimiter: Delimiter): AsyncGenerator<CsvRecord> {
  const parser = parse({ delimiter, relax_column_count: true, skip_empty_lines: true, max_record_size: 1_000_000, info: true });
  Readable.from(slices(text)).pipe(parser);
  for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
    let breaks = 0;
    for (const field of record) if (field.includes('\n')) breaks += field.split('\n').length - 1;
    yield { line: info.lines - breaks, fields: record };
  }
}

const json = (value: unknown) => JSON.stringify(value);

class Report {
  encoding: DetectedEncoding | null = null;
  encodingFallback = false;
  delimiter: Delimiter | null = null;
  labels = new Map<string, string>();
  rows = 0;
  allocations = 0;
  sample: BillingSampleRow[] = [];
  problems: Problem[] = [];
  private readonly reported = new Set<string>();

  constructor(
    readonly kind: BillingKind,
    readonly mode: BillingImportMode,
    readonly locale: Locale,
  ) {}

  problem(line: number | null, column: string | null, key: string, params?: Record<string, string | number>) {
    const id = `${line}:${column ?? ''}`;
    if (line !== null && this.reported.has(id)) return;
    this.reported.add(id);
    this.problems.push({ line, column, message: { key, params } });
  }

  result(created: BillingImportReport['created'] = null): BillingImportReport {
    const sorted = [...this.problems].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
    return {
      kind: this.kind,
      mode: this.mode,
      ok: this.problems.length === 0 && (this.mode === 'preview' || created !== null),
      encoding: this.encoding,
      encodingFallback: this.encodingFallback,
      delimiter: this.delimiter,
      counts: { rows: this.rows, allocations: this.allocations },
      sample: this.sample,
      errors: sorted.slice(0, BILLING_IMPORT_LIMITS.errors).map((p) => ({
        row: p.line,
        column: p.column ? (this.labels.get(p.column) ?? p.column) : null,
        message: problemText(this.locale, p.message),
      })),
      errorCount: this.problems.length,
      created,
    };
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
class RowReader<C extends string> {
  values: Partial<Record<C, string>> = {};
  ok = true;

  constructor(
    private readonly report: Report,
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

type InvoiceDraft = { line: number; number: string; type: string; customerCode: string; issuedOn: string; dueOn: string; period: string | null; total: Units; balance: Units; status: InvoiceStatus };
type PaymentDraft = { line: number; customerCode: string; paidOn: string; amount: Units; method: string; reference: string | null; invoices: string[] };

/** The customers a batch names, by code: one query. */
async function customersByCode(caller: StaffCaller, client: Client, codes: string[]): Promise<Map<string, { id: string; name: string }>> {
  if (!codes.length) return new Map();
  const rows = await caller.sql.query<{ id: string; code: string; name: string }[]>(client, (s) => Prisma.sql`
    SELECT c.id::text AS id, c.code, c.name FROM "Customer" c
    WHERE c."tenantId" = ${s.tenant} AND c.code IN (SELECT jsonb_array_elements_text(${json(codes)}::jsonb))`);
  return new Map(rows.map((r) => [r.code, { id: r.id, name: r.name }]));
}

type InvoiceRow = { id: string; number: string; customerId: string; dueOn: string; issuedOn: string; total: string; balance: string; status: InvoiceStatus };

function openInvoice(row: InvoiceRow): OpenInvoice {
  return { id: row.id, number: row.number, customerId: row.customerId, dueOn: row.dueOn, issuedOn: row.issuedOn, total: toUnits(row.total), balance: toUnits(row.balance), status: row.status };
}

const INVOICE_SELECT = Prisma.sql`i.id::text AS id, i.number, i."customerId"::text AS "customerId", i."dueOn"::text AS "dueOn", i."issuedOn"::text AS "issuedOn", i.total::text AS total, i.balance::text AS balance, i.status::text AS status`;

class InvoiceImport {
  private readonly numbers = new Map<string, number>();
  private batch: InvoiceDraft[] = [];

  constructor(
    private readonly caller: StaffCaller,
    private readonly report: Report,
    private readonly headers: Headers<keyof typeof INVOICE_COLUMNS>,
    private readonly digits: number,
    private readonly client: Client,
    private readonly write: boolean,
  ) {}

  created = 0;

  async add(record: CsvRecord) {
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
    if (number !== null) {
      const first = this.numbers.get(number);
      if (first !== undefined) row.fail('number', 'customerImport.problems.duplicateInFile', { line: first });
      else this.numbers.set(number, row.line);
    }
    if (!row.ok || number === null || customerCode === null || issuedOn === null || dueOn === null || total === null) return;
    const left = balance ?? total;
    this.batch.push({ line: row.line, number, type, customerCode, issuedOn, dueOn, period, total, balance: status === 'VOID' ? 0n : left, status: statusFor(total, left, status ?? undefined) });
    if (this.batch.length >= BILLING_IMPORT_LIMITS.batch) await this.flush();
  }

  async flush() {
    const batch = this.batch;
    this.batch = [];
    if (!batch.length) return;
    const { caller, client, report } = this;
    const customers = await customersByCode(caller, client, [...new Set(batch.map((d) => d.customerCode))]);
    const taken = new Set(
      (await caller.sql.query<{ number: string }[]>(client, (s) => Prisma.sql`
        SELECT i.number FROM "Invoice" i WHERE i."tenantId" = ${s.tenant} AND i.number IN (SELECT jsonb_array_elements_text(${json(batch.map((d) => d.number))}::jsonb))`)).map((r) => r.number),
    );
    const rows: (InvoiceDraft & { customerId: string })[] = [];
    for (const d of batch) {
      const customer = customers.get(d.customerCode);
      let ok = true;
      if (!customer) {
        report.problem(d.line, 'customerCode', 'billing.problems.unknownCustomer', { code: d.customerCode });
        ok = false;
      }
      if (taken.has(d.number)) {
        report.problem(d.line, 'number', 'billing.problems.numberTaken', { number: d.number });
        ok = false;
      }
      if (!ok) continue;
      rows.push({ ...d, customerId: customer!.id });
      if (report.sample.length < BILLING_IMPORT_LIMITS.sample) {
        report.sample.push({
          row: d.line, customerCode: d.customerCode, customerName: customer!.name, date: d.issuedOn, amount: unitsToNumber(d.total),
          number: d.number, type: d.type, dueOn: d.dueOn, period: d.period, balance: unitsToNumber(d.balance), status: d.status, method: null, reference: null, settles: [],
        });
      }
    }
    if (!this.write || report.problems.length) return;
    const data = rows.map((r) => ({
      id: uuidv7(), customerId: r.customerId, number: r.number, type: r.type, issuedOn: r.issuedOn, dueOn: r.dueOn, period: r.period,
      total: unitsToDecimal(r.total), balance: unitsToDecimal(r.balance), status: r.status,
    }));
    this.created += await caller.sql.execute(client, (s) => Prisma.sql`
      INSERT INTO "Invoice" ("id", "tenantId", "customerId", "number", "type", "issuedOn", "dueOn", "period", "total", "balance", "status", "createdAt")
      SELECT r."id", ${s.tenant}, r."customerId", r."number", r."type", r."issuedOn", r."dueOn", r."period", r."total", r."balance", r."status",
        CURRENT_TIMESTAMP AT TIME ZONE 'UTC'
      FROM jsonb_to_recordset(${json(data)}::jsonb) AS r(
        "id" uuid, "customerId" uuid, "number" text, "type" text, "issuedOn" date, "dueOn" date, "period" text,
        "total" numeric, "balance" numeric, "status" "InvoiceStatus")`);
  }
}

class PaymentImport {
  private batch: PaymentDraft[] = [];
  /** method + reference → the line that first had it. */
  private readonly references = new Map<string, number>();
  /** Every invoice met so far, with its balance as the rows before left it. */
  private readonly invoices = new Map<string, OpenInvoice>();
  /** A customer's invoices that still owe (loaded the first time the customer appears). */
  private readonly open = new Map<string, OpenInvoice[]>();
  created = 0;
  allocations = 0;

  constructor(
    private readonly caller: StaffCaller,
    private readonly report: Report,
    private readonly headers: Headers<keyof typeof PAYMENT_COLUMNS>,
    private readonly digits: number,
    private readonly client: Client,
    private readonly write: boolean,
  ) {}

  async add(record: CsvRecord) {
    const row = new RowReader(this.report, record.line, this.headers, record.fields);
    if (row.blank) return;
    this.report.rows += 1;
    const customerCode = row.text('customerCode', true, LENGTHS.customerCode);
    const paidOn = row.day('paidOn');
    const amount = row.amount('amount', true, this.digits);
    const method = row.text('method', true, LENGTHS.method);
    const reference = row.text('reference', false, LENGTHS.reference);
    const invoices = [...new Set((row.values.invoices ?? '').split(/[|,;\s]+/).map((n) => n.trim()).filter(Boolean))];
    if (method !== null && reference !== null) {
      const key = `${method}\u0000${reference}`;
      const first = this.references.get(key);
      if (first !== undefined) row.fail('reference', 'customerImport.problems.duplicateInFile', { line: first });
      else this.references.set(key, row.line);
    }
    if (!row.ok || customerCode === null || paidOn === null || amount === null || method === null) return;
    this.batch.push({ line: row.line, customerCode, paidOn, amount, method, reference, invoices });
    if (this.batch.length >= BILLING_IMPORT_LIMITS.batch) await this.flush();
  }

  private remember(row: InvoiceRow): OpenInvoice {
    const known = this.invoices.get(row.id);
    if (known) return known;
    const invoice = openInvoice(row);
    this.invoices.set(invoice.id, invoice);
    return invoice;
  }

  async flush() {
    const batch = this.batch;
    this.batch = [];
    if (!batch.length) return;
    const { caller, client, report } = this;
    const customers = await customersByCode(caller, client, [...new Set(batch.map((d) => d.customerCode))]);
    const references = [...new Set(batch.flatMap((d) => (d.reference ? [d.reference] : [])))];
    const taken = new Set(
      references.length
        ? (await caller.sql.query<{ method: string; reference: string }[]>(client, (s) => Prisma.sql`
            SELECT p.method, p.reference FROM "Payment" p
            WHERE p."tenantId" = ${s.tenant} AND p.reference IN (SELECT jsonb_array_elements_text(${json(references)}::jsonb))`)).map((r) => `${r.method}\u0000${r.reference}`)
        : [],
    );
    const numbers = [...new Set(batch.flatMap((d) => d.invoices))];
    const byNumber = new Map<string, OpenInvoice>();
    if (numbers.length) {
      const rows = await caller.sql.query<InvoiceRow[]>(client, (s) => Prisma.sql`
        SELECT ${INVOICE_SELECT} FROM "Invoice" i
        WHERE i."tenantId" = ${s.tenant} AND i.number IN (SELECT jsonb_array_elements_text(${json(numbers)}::jsonb))`);
      for (const row of rows) byNumber.set(row.number, this.remember(row));
    }
    const newCustomers = [...new Set([...customers.values()].map((c) => c.id))].filter((id) => !this.open.has(id));
    if (newCustomers.length) {
      const rows = await caller.sql.query<InvoiceRow[]>(client, (s) => Prisma.sql`
        SELECT ${INVOICE_SELECT} FROM "Invoice" i
        WHERE i."tenantId" = ${s.tenant} AND i."customerId" IN (SELECT jsonb_array_elements_text(${json(newCustomers)}::jsonb)::uuid)
          AND i.balance > 0 AND i.status <> 'VOID'::"InvoiceStatus"
        ORDER BY i."customerId", i."dueOn", i."issuedOn", i.id`);
      for (const id of newCustomers) this.open.set(id, []);
      for (const row of rows) this.open.get(row.customerId)!.push(this.remember(row));
    }

    const payments: { id: string; customerId: string; paidOn: string; amount: string; method: string; reference: string | null }[] = [];
    const allocations: { paymentId: string; invoiceId: string; customerId: string; amount: string }[] = [];
    const touched = new Set<OpenInvoice>();
    for (const d of batch) {
      const customer = customers.get(d.customerCode);
      let ok = true;
      const fail = (column: string, key: string, params?: Record<string, string | number>) => {
        report.problem(d.line, column, key, params);
        ok = false;
      };
      if (!customer) fail('customerCode', 'billing.problems.unknownCustomer', { code: d.customerCode });
      if (d.reference && taken.has(`${d.method}\u0000${d.reference}`)) fail('reference', 'billing.problems.referenceTaken', { reference: d.reference });
      const named: OpenInvoice[] = [];
      for (const number of d.invoices) {
        const invoice = byNumber.get(number);
        if (!invoice) fail('invoices', 'billing.problems.unknownInvoice', { number });
        else if (customer && invoice.customerId !== customer.id) fail('invoices', 'billing.problems.invoiceOtherCustomer', { number, code: d.customerCode });
        else if (invoice.status === 'VOID') fail('invoices', 'billing.problems.invoiceVoid', { number });
        else if (invoice.balance <= 0n) fail('invoices', 'billing.problems.invoicePaid', { number });
        else named.push(invoice);
      }
      if (!ok || !customer) continue;
      const id = uuidv7();
      const result = allocatePayment(d.amount, named, this.open.get(customer.id) ?? []);
      // Invoices paid in full leave the customer's open list.
      this.open.set(customer.id, (this.open.get(customer.id) ?? []).filter((i) => i.balance > 0n));
      payments.push({ id, customerId: customer.id, paidOn: d.paidOn, amount: unitsToDecimal(d.amount), method: d.method, reference: d.reference });
      for (const a of result.allocations) {
        touched.add(a.invoice);
        allocations.push({ paymentId: id, invoiceId: a.invoice.id, customerId: customer.id, amount: unitsToDecimal(a.amount) });
      }
      report.allocations += result.allocations.length;
      if (report.sample.length < BILLING_IMPORT_LIMITS.sample) {
        report.sample.push({
          row: d.line, customerCode: d.customerCode, customerName: customer.name, date: d.paidOn, amount: unitsToNumber(d.amount),
          number: null, type: null, dueOn: null, period: null, balance: null, status: null, method: d.method, reference: d.reference,
          settles: result.allocations.map((a) => ({ number: a.invoice.number, amount: unitsToNumber(a.amount) })),
        });
      }
    }
    if (!this.write || report.problems.length) return;
    this.created += await caller.sql.execute(client, (s) => Prisma.sql`
      INSERT INTO "Payment" ("id", "tenantId", "customerId", "paidOn", "amount", "method", "reference", "createdAt")
      SELECT r."id", ${s.tenant}, r."customerId", r."paidOn", r."amount", r."method", r."reference", CURRENT_TIMESTAMP AT TIME ZONE 'UTC'
      FROM jsonb_to_recordset(${json(payments)}::jsonb) AS r("id" uuid, "customerId" uuid, "paidOn" date, "amount" numeric, "method" text, "reference" text)`);
    if (allocations.length) {
      this.allocations += await caller.sql.execute(client, (s) => Prisma.sql`
        INSERT INTO "PaymentAllocation" ("tenantId", "customerId", "paymentId", "invoiceId", "amount")
        SELECT ${s.tenant}, r."customerId", r."paymentId", r."invoiceId", r."amount"
        FROM jsonb_to_recordset(${json(allocations)}::jsonb) AS r("customerId" uuid, "paymentId" uuid, "invoiceId" uuid, "amount" numeric)`);
      const updates = [...touched].map((i) => ({ id: i.id, balance: unitsToDecimal(i.balance), status: i.status }));
      await caller.sql.execute(client, (s) => Prisma.sql`
        UPDATE "Invoice" i SET "balance" = r."balance", "status" = r."status"
        FROM jsonb_to_recordset(${json(updates)}::jsonb) AS r("id" uuid, "balance" numeric, "status" "InvoiceStatus")
        WHERE i."tenantId" = ${s.tenant} AND i.id = r."id"`);
    }
  }
}

/** Reads the file and runs every row through `kind`'s checks (and writes, when `write`). */
async function run(caller: StaffCaller, kind: BillingKind, text: string, report: Report, client: Client, write: boolean): Promise<{ rows: number; allocations: number }> {
  const digits = currencyDigits(caller.tenant.currency);
  let importer: InvoiceImport | PaymentImport | null = null;
  try {
    for await (const record of records(text, report.delimiter!)) {
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
        if (report.problems.length) return { rows: 0, allocations: 0 };
        importer = kind === 'invoices'
          ? new InvoiceImport(caller, report, headers as Headers<keyof typeof INVOICE_COLUMNS>, digits, client, write)
          : new PaymentImport(caller, report, headers as Headers<keyof typeof PAYMENT_COLUMNS>, digits, client, write);
        continue;
      }
      await importer.add(record);
      if (report.rows > BILLING_IMPORT_LIMITS.rows) {
        report.problem(null, null, 'customerImport.problems.tooManyRows', { max: BILLING_IMPORT_LIMITS.rows });
        return { rows: 0, allocations: 0 };
      }
    }
  } catch (error) {
    const e = error as { code?: string; lines?: number };
    if (!e.code?.startsWith('CSV_')) throw error;
    report.problem(typeof e.lines === 'number' ? e.lines : null, null, PARSE_ERRORS[e.code] ?? 'customerImport.problems.malformed');
    return { rows: 0, allocations: 0 };
  }
  if (!importer) {
    report.problem(null, null, 'customerImport.problems.emptyFile');
    return { rows: 0, allocations: 0 };
  }
  await importer.flush();
  if (!report.rows) report.problem(null, null, 'customerImport.problems.noRows');
  return { rows: importer.created, allocations: importer instanceof PaymentImport ? importer.allocations : 0 };
}

/**
 * Previews or imports a CSV file of invoices or payments for the caller's tenant. Problems with the
 * file or its rows are returned in the report (in `locale`, else the caller's), never thrown; a
 * commit with any problem writes nothing.
 */
export async function importBilling(caller: StaffCaller, kind: BillingKind, bytes: Uint8Array, options: BillingImportOptions): Promise<BillingImportReport> {
  const started = performance.now();
  const report = new Report(kind, options.mode, options.locale ?? caller.locale);
  let text: string;
  try {
    const decoded = decodeCsv(bytes, options.encoding ?? 'auto');
    report.encoding = decoded.encoding;
    report.encodingFallback = decoded.fallback;
    const sep = excelSeparator(decoded.text);
    report.delimiter = sep.delimiter ?? detectDelimiter(sep.text);
    text = sep.text;
  } catch (error) {
    if (error instanceof FileError) {
      report.problem(error.problem.line, null, error.problem.key, error.problem.params);
      return report.result();
    }
    throw error;
  }
  if (options.mode === 'preview') {
    await run(caller, kind, text, report, caller.db as unknown as Client, false);
    return report.result();
  }
  try {
    const created = await caller.db.$transaction(
      async (tx) => {
        const done = await run(caller, kind, text, report, tx as unknown as Client, true);
        if (report.problems.length) throw new Rollback();
        return done;
      },
      { timeout: BILLING_IMPORT_LIMITS.transactionTimeout, maxWait: BILLING_IMPORT_LIMITS.transactionMaxWait },
    );
    logger.info({ tenantId: caller.tenantId, userId: caller.actor.id, kind, ...created, ms: Math.round(performance.now() - started) }, 'billing imported');
    return report.result(created);
  } catch (error) {
    if (error instanceof Rollback) return report.result();
    // A row written by someone else meanwhile (the same invoice number, the same payment reference).
    const e = error as { code?: string; meta?: { driverAdapterError?: { cause?: { kind?: string } } } } | null;
    if (uniqueViolationFields(error) || (e?.code === 'P2010' && e.meta?.driverAdapterError?.cause?.kind === 'UniqueConstraintViolation')) {
      report.problem(null, null, 'billing.problems.conflict');
      return report.result();
    }
    throw error;
  }
}
