// A5: import invoices or payments from the ISP's CSV file, the customer import's way (preview →
// atomic commit; Latin-1 and `;` detected; every problem by row and column, translated), built to
// stream: the text is parsed record by record (csv-parse's stream API) and handled in batches of
// BILLING_IMPORT_LIMITS.batch rows — one lookup per kind per batch, one INSERT per table per batch —
// so memory holds one batch, not the file's records. Invoices, the large files (issue 17), are read
// and checked row by row in a process of their own (read-invoices.ts → invoice-reader.ts; the row
// checks are in rows.ts) and staged with COPY, then checked as a set in SQL (InvoiceImport).
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
import type { Locale } from '@/lib/format';
import { uuidv7 } from '@/lib/ids';
import { currencyDigits, toUnits, unitsToDecimal, unitsToNumber, type Units } from '@/lib/money';
import { uniqueViolationFields } from '@/server/errors';
import { logger } from '@/server/logger';
import { Prisma } from '@/generated/prisma/client';
import type { QueryClient, ExecuteClient, TenantSession } from '@/server/data/sql';
import type { StaffCaller } from '@/server/services/caller';
import { FileError, type Delimiter, type DetectedEncoding, type EncodingChoice } from '@/server/services/customers/import/csv';
import { problemText } from '@/server/services/customers/import/rows';
import { allocatePayment, type InvoiceStatus, type OpenInvoice } from '../statement-math';
import { PAYMENT_COLUMNS, type Headers } from './columns';
import { readInvoices } from './read-invoices';
import { BILLING_IMPORT_LIMITS, LENGTHS, ProblemLog, RowReader, readRows, type BillingKind, type CsvRecord } from './rows';
import { openSource, type BillingSource, type OpenedSource } from './source';

export type { BillingSource } from './source';
export { BILLING_IMPORT_LIMITS, type BillingKind } from './rows';

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

type Client = QueryClient & ExecuteClient;
/** Thrown inside the commit transaction to roll it back once a problem was found. */
class Rollback extends Error {}

const json = (value: unknown) => JSON.stringify(value);

class Report extends ProblemLog {
  encoding: DetectedEncoding | null = null;
  encodingFallback = false;
  delimiter: Delimiter | null = null;
  allocations = 0;
  sample: BillingSampleRow[] = [];

  constructor(
    readonly kind: BillingKind,
    readonly mode: BillingImportMode,
    readonly locale: Locale,
  ) {
    super();
  }

  result(created: BillingImportReport['created'] = null): BillingImportReport {
    const sorted = this.sorted();
    return {
      kind: this.kind,
      mode: this.mode,
      ok: this.problemCount === 0 && (this.mode === 'preview' || created !== null),
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
      errorCount: this.problemCount,
      created,
    };
  }
}

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

/** The staging table's columns, in COPY order: every row with a number (for the in-file duplicates), the good ones in full. */
const STAGE_COLUMNS = ['line', 'ok', 'number', 'id', 'customerCode', 'type', 'issuedOn', 'dueOn', 'period', 'total', 'balance', 'status'] as const;
const STAGE_TABLE = `"line" integer NOT NULL, "ok" boolean NOT NULL, "number" text NOT NULL, "id" uuid, "customerCode" text, "type" text,
  "issuedOn" date, "dueOn" date, "period" text, "total" numeric, "balance" numeric, "status" text`;
const PROBLEM_TABLE = `"line" integer NOT NULL, "column" text NOT NULL, "key" text NOT NULL, "value" text, "first" integer`;

/**
 * Invoices at size (issue 17): each row is checked as it is read (by the reader process) and streamed with COPY into a
 * temporary table of the import's own transaction; the checks that need the whole file or the
 * database — a number twice in the file, an unknown customer, a number already imported — are then
 * three set statements, and the commit one INSERT … SELECT. Memory holds a parse chunk and the first
 * problems, whatever the file's size; a preview runs the same statements and rolls back.
 */
class InvoiceImport {
  created = 0;
  /** Where the time went, in ms (logged): reading + row checks + COPY, the set checks and sample, the write. */
  readonly ms = { read: 0, check: 0, write: 0 };

  constructor(private readonly report: Report) {}

  /** After the last row: the file-wide and database checks, the preview's sample, and the write when `write` and all is well. */
  async finish(session: TenantSession, write: boolean) {
    const { report } = this;
    const t0 = performance.now();
    await session.analyzeTemp('import_invoice');
    await session.createTemp('import_problem', PROBLEM_TABLE);
    // A number twice in the file (the later rows), then — for the rows not already refused — an
    // unknown customer and a number the tenant already has.
    await session.execute((s) => Prisma.sql`
      WITH d AS MATERIALIZED (
        SELECT st."line", st."ok", st."number", st."customerCode", min(st."line") OVER (PARTITION BY st."number") AS "first"
        FROM pg_temp.import_invoice st
      )
      INSERT INTO pg_temp.import_problem ("line", "column", "key", "value", "first")
      SELECT d."line", 'number', 'customerImport.problems.duplicateInFile', NULL, d."first" FROM d WHERE d."line" > d."first"
      UNION ALL
      SELECT d."line", 'customerCode', 'billing.problems.unknownCustomer', d."customerCode", NULL FROM d
      WHERE d."ok" AND d."line" = d."first"
        AND NOT EXISTS (SELECT 1 FROM "Customer" c WHERE c."tenantId" = ${s.tenant} AND c.code = d."customerCode")
      UNION ALL
      SELECT d."line", 'number', 'billing.problems.numberTaken', d."number", NULL FROM d
      WHERE d."ok" AND d."line" = d."first"
        AND EXISTS (SELECT 1 FROM "Invoice" i WHERE i."tenantId" = ${s.tenant} AND i.number = d."number")`);
    const [{ count }] = (await session.stagedRows<{ count: number }>(Prisma.sql`SELECT count(*)::int AS count FROM pg_temp.import_problem p`)) as [{ count: number }];
    if (count) {
      const first = await session.stagedRows<{ line: number; column: string; key: string; value: string | null; first: number | null }>(Prisma.sql`
        SELECT p."line", p."column", p."key", p."value", p."first" FROM pg_temp.import_problem p
        ORDER BY p."line", p."column" LIMIT ${BILLING_IMPORT_LIMITS.errors}`);
      for (const p of first) {
        const params: Record<string, string | number> =
          p.key === 'customerImport.problems.duplicateInFile' ? { line: p.first! } : p.column === 'customerCode' ? { code: p.value! } : { number: p.value! };
        report.keep({ line: p.line, column: p.column, message: { key: p.key, params } });
      }
      // The rest are counted, not kept.
      report.problemCount += count - first.length;
    }
    const sample = await session.rows<{ line: number; number: string; type: string; customerCode: string; name: string; issuedOn: string; dueOn: string; period: string | null; total: string; balance: string; status: InvoiceStatus }>((s) => Prisma.sql`
      SELECT st."line", st."number", st."type", st."customerCode", c.name, st."issuedOn"::text AS "issuedOn", st."dueOn"::text AS "dueOn", st."period",
        st."total"::text AS total, st."balance"::text AS balance, st."status"
      FROM pg_temp.import_invoice st
      JOIN "Customer" c ON c."tenantId" = ${s.tenant} AND c.code = st."customerCode"
      WHERE st."ok" AND NOT EXISTS (SELECT 1 FROM pg_temp.import_problem p WHERE p."line" = st."line")
      ORDER BY st."line" LIMIT ${BILLING_IMPORT_LIMITS.sample}`);
    report.sample = sample.map((r) => ({
      row: r.line, customerCode: r.customerCode, customerName: r.name, date: r.issuedOn, amount: unitsToNumber(toUnits(r.total)),
      number: r.number, type: r.type, dueOn: r.dueOn, period: r.period, balance: unitsToNumber(toUnits(r.balance)), status: r.status, method: null, reference: null, settles: [],
    }));
    const t1 = performance.now();
    this.ms.check = Math.round(t1 - t0);
    if (!write || report.failed) return;
    this.created = await session.execute((s) => Prisma.sql`
      INSERT INTO "Invoice" ("id", "tenantId", "customerId", "number", "type", "issuedOn", "dueOn", "period", "total", "balance", "status", "createdAt")
      SELECT st."id", ${s.tenant}, c.id, st."number", st."type", st."issuedOn", st."dueOn", st."period", st."total", st."balance", st."status"::"InvoiceStatus",
        CURRENT_TIMESTAMP AT TIME ZONE 'UTC'
      FROM pg_temp.import_invoice st
      JOIN "Customer" c ON c."tenantId" = ${s.tenant} AND c.code = st."customerCode"
      WHERE st."ok"`);
    this.ms.write = Math.round(performance.now() - t1);
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

function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; meta?: { driverAdapterError?: { cause?: { kind?: string } } } } | null;
  return Boolean(uniqueViolationFields(error) || e?.code === '23505' || (e?.code === 'P2010' && e.meta?.driverAdapterError?.cause?.kind === 'UniqueConstraintViolation'));
}

/**
 * Invoices: one transaction of their own (TenantSql.transaction), committed only by a commit with no
 * problem. The rows are read and checked by the reader process (read-invoices.ts), which stages them.
 */
async function importInvoices(caller: StaffCaller, source: BillingSource, encoding: EncodingChoice, report: Report): Promise<BillingImportReport['created']> {
  const digits = currencyDigits(caller.tenant.currency);
  const write = report.mode === 'commit';
  return caller.sql.transaction(async (session) => {
    // Sorting a million numbers for the duplicates, and hashing the customers' codes, in memory
    // rather than in temporary files (PostgreSQL's memory, for this transaction only).
    await session.workMem(64);
    await session.createTemp('import_invoice', STAGE_TABLE);
    const stage = session.copyIntoTemp('import_invoice', STAGE_COLUMNS);
    const t0 = performance.now();
    let read;
    try {
      read = await readInvoices(source, encoding, digits, stage);
    } finally {
      await stage.end();
    }
    if (read.fileError) {
      report.problem(read.fileError.line, null, read.fileError.key, read.fileError.params);
      return { commit: false, value: null };
    }
    report.encoding = read.encoding;
    report.encodingFallback = read.encodingFallback;
    report.delimiter = read.delimiter;
    for (const [id, label] of read.labels) report.labels.set(id, label);
    report.rows = read.rows;
    report.problems = read.problems;
    report.problemCount = read.problemCount;
    const importer = read.started ? new InvoiceImport(report) : null;
    // With problems already found the checks still run, so the report lists them all; nothing is written.
    const ms = Math.round(performance.now() - t0);
    if (importer) await importer.finish(session, write);
    logger.info({ tenantId: caller.tenantId, mode: report.mode, rows: report.rows, problems: report.problemCount, ms: { ...importer?.ms, read: ms }, rssMb: Math.round(process.memoryUsage().rss / 2 ** 20) }, 'invoice import: phases');
    const commit = write && importer !== null && !report.failed;
    return { commit, value: commit ? { rows: importer!.created, allocations: 0 } : null };
  });
}

/** Payments: one Prisma transaction (a preview writes nothing), rows in batches, balances kept in memory. */
async function importPayments(caller: StaffCaller, source: BillingSource, encoding: EncodingChoice, report: Report): Promise<BillingImportReport['created']> {
  let opened: OpenedSource;
  try {
    opened = await openSource(source, encoding);
    report.encoding = opened.encoding;
    report.encodingFallback = opened.encodingFallback;
    report.delimiter = opened.delimiter;
  } catch (error) {
    if (error instanceof FileError) {
      report.problem(error.problem.line, null, error.problem.key, error.problem.params);
      return null;
    }
    throw error;
  }
  const digits = currencyDigits(caller.tenant.currency);
  const pass = async (client: Client, write: boolean) => {
    const importer = await readRows('payments', opened, report, (headers) => new PaymentImport(caller, report, headers as Headers<keyof typeof PAYMENT_COLUMNS>, digits, client, write));
    if (importer) await importer.flush();
    return importer;
  };
  if (report.mode === 'preview') {
    await pass(caller.db as unknown as Client, false);
    return null;
  }
  try {
    return await caller.db.$transaction(
      async (tx) => {
        const importer = await pass(tx as unknown as Client, true);
        if (!importer || report.failed) throw new Rollback();
        return { rows: importer.created, allocations: importer.allocations };
      },
      { timeout: BILLING_IMPORT_LIMITS.transactionTimeout, maxWait: BILLING_IMPORT_LIMITS.transactionMaxWait },
    );
  } catch (error) {
    if (error instanceof Rollback) return null;
    throw error;
  }
}

/**
 * Previews or imports a CSV file of invoices or payments for the caller's tenant. Problems with the
 * file or its rows are returned in the report (in `locale`, else the caller's), never thrown; a
 * commit with any problem writes nothing. The file is read as a stream, from memory or from disk
 * (`BillingSource`).
 */
export async function importBilling(caller: StaffCaller, kind: BillingKind, source: BillingSource, options: BillingImportOptions): Promise<BillingImportReport> {
  const started = performance.now();
  const report = new Report(kind, options.mode, options.locale ?? caller.locale);
  const encoding = options.encoding ?? 'auto';
  try {
    const created = kind === 'invoices' ? await importInvoices(caller, source, encoding, report) : await importPayments(caller, source, encoding, report);
    if (created) logger.info({ tenantId: caller.tenantId, userId: caller.actor.id, kind, ...created, ms: Math.round(performance.now() - started) }, 'billing imported');
    return report.result(created);
  } catch (error) {
    // A row written by someone else meanwhile (the same invoice number, the same payment reference).
    if (isUniqueViolation(error)) {
      report.problem(null, null, 'billing.problems.conflict');
      return report.result();
    }
    throw error;
  }
}
