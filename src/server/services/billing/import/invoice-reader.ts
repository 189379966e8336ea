// Issue 17: the invoice import's reader, a Node process of its own (started by read-invoices.ts).
// It reads the uploaded file (a path, or the bytes on its stdin), checks each row on its own and
// writes the rows to stage to its stdout in COPY's text format; the server's request pipes them
// into the COPY of the import's transaction, so the database is only ever reached through the
// server's door (src/server/data/sql.ts). Last, over the IPC channel, what it found: the encoding,
// the columns' labels, the rows read, the first problems and their count.
//
// Why a process: reading a million rows makes millions of short strings; in the server's own
// process their garbage fills V8's young generation, which the server runs at 32 MB a semi-space
// (SERVER_NODE_ARGS) — a flag no worker thread can lower for itself. Here the young generation is
// 1 MB a semi-space (READER_NODE_ARGS), so the reader's memory stays small whatever the file's size.
import { copyLine } from '@/server/data/copy-text';
import { FileError, type Delimiter, type DetectedEncoding, type EncodingChoice } from '@/server/services/customers/import/csv';
import type { Headers, INVOICE_COLUMNS } from './columns';
import { BILLING_IMPORT_LIMITS, InvoiceRows, ProblemLog, readRows } from './rows';
import { openSource, type BillingSource } from './source';

/** What the server sends first. `stdin`: the file's bytes come on stdin (a small upload held in memory). */
export type ReaderJob = { source: { path: string } | 'stdin'; encoding: EncodingChoice; digits: number };

/** The reader's last message. */
export type ReaderResult = {
  fileError: { line: number | null; key: string; params?: Record<string, string | number> } | null;
  encoding: DetectedEncoding | null;
  encodingFallback: boolean;
  delimiter: Delimiter | null;
  /** The header was read and the rows were checked (false: the file itself stopped the reading, said in `problems`). */
  started: boolean;
  rows: number;
  labels: [string, string][];
  problems: ProblemLog['problems'];
  problemCount: number;
};

/** COPY text gathered up to this size, then written. */
const CHUNK = 256 * 1024;

function write(text: string): Promise<void> | null {
  if (process.stdout.write(text)) return null;
  return new Promise((resolve) => process.stdout.once('drain', resolve));
}

async function readStdin(): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function run(job: ReaderJob): Promise<ReaderResult> {
  const source: BillingSource = job.source === 'stdin' ? await readStdin() : job.source;
  const log = new ProblemLog();
  const result: ReaderResult = { fileError: null, encoding: null, encodingFallback: false, delimiter: null, started: false, rows: 0, labels: [], problems: [], problemCount: 0 };
  let opened;
  try {
    opened = await openSource(source, job.encoding);
  } catch (error) {
    if (!(error instanceof FileError)) throw error;
    return { ...result, fileError: error.problem };
  }
  let pending: string[] = [];
  let size = 0;
  const sink = {
    push(values: (string | number | null)[]) {
      const line = copyLine(values);
      pending.push(line);
      size += line.length;
    },
  };
  const flush = async () => {
    if (!pending.length) return;
    const text = pending.join('');
    pending = [];
    size = 0;
    await write(text);
  };
  const importer = await readRows('invoices', opened, log, (headers) => {
    const rows = new InvoiceRows(log, headers as Headers<keyof typeof INVOICE_COLUMNS>, job.digits, sink);
    return { add: (record) => rows.add(record), afterBatch: () => (size >= CHUNK ? flush() : Promise.resolve()) };
  });
  await flush();
  return {
    ...result,
    encoding: opened.encoding,
    encodingFallback: opened.encodingFallback,
    delimiter: opened.delimiter,
    started: importer !== null,
    rows: log.rows,
    labels: [...log.labels],
    problems: log.sorted().slice(0, BILLING_IMPORT_LIMITS.errors),
    problemCount: log.problemCount,
  };
}

process.once('message', (job: ReaderJob) => {
  run(job).then(
    (result) => {
      // Every row reaches the pipe before the result is sent; the server waits for both.
      process.stdout.end(() => process.send!({ result }, () => process.disconnect()));
    },
    (error: unknown) => {
      process.stderr.write(`invoice reader: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    },
  );
});
