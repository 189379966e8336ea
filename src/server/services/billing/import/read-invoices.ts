// Issue 17: runs the invoice import's reader (invoice-reader.ts) in a process of its own and pipes
// the rows it stages into the COPY of the import's transaction. The server's thread only moves bytes
// from one pipe to the other, so its memory does not grow with the file; the reader runs with a
// small young generation (see invoice-reader.ts for why a process and not a worker thread).
//
// Where the reader is: built, `.next/antena/invoice-reader.mjs` beside the server's bundle (`npm run
// build` makes both: src/cli/runtime.ts); otherwise (vitest, `next dev`) its TypeScript source, run
// through tsx.
import 'server-only';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { CopyIn } from '@/server/data/sql';
import type { EncodingChoice } from '@/server/services/customers/import/csv';
import type { ReaderJob, ReaderResult } from './invoice-reader';
import type { BillingSource } from './source';

/**
 * The reader's V8 limits: a 1 MB semi-space keeps its young generation small; the old generation
 * holds code and the first problems. And its malloc's, as the server's (src/cli/runtime.ts
 * SERVER_MALLOC_ENV), unless the environment sets them: two arenas, blocks of 128 KB or more
 * returned when freed. Reading 1,000,000 rows alone, its peak RSS went from 73–74 MB (2 MB, glibc's
 * defaults) to 68–69 (the malloc settings) and 65–66 MB (and 1 MB), no slower beyond the noise.
 */
const READER_NODE_ARGS = ['--max-semi-space-size=1', '--max-old-space-size=128'];
const READER_MALLOC_ENV = { MALLOC_ARENA_MAX: '2', MALLOC_MMAP_THRESHOLD_: '131072' };

/** The reader's environment: nothing of the server's (its secrets) but what Node and tsx need, and malloc's settings. */
function readerEnv(): NodeJS.ProcessEnv {
  const env: Record<string, string> = { ...READER_MALLOC_ENV };
  for (const name of ['PATH', 'NODE_ENV', 'TMPDIR', 'TZ', 'MALLOC_ARENA_MAX', 'MALLOC_MMAP_THRESHOLD_']) {
    const value = process.env[name];
    if (value) env[name] = value;
  }
  return env as NodeJS.ProcessEnv;
}

function reader(): { file: string; args: string[] } {
  const built = path.join(process.env.ANTENA_SERVER_DIR ?? path.join(process.cwd(), '.next', 'antena'), 'invoice-reader.mjs');
  if (process.env.NODE_ENV === 'production' || !process.env.NODE_ENV) {
    if (existsSync(built)) return { file: built, args: [] };
  }
  // `server-only` is an empty module under the react-server condition, as in the server's bundles.
  const source = path.join(process.cwd(), 'src', 'server', 'services', 'billing', 'import', 'invoice-reader.ts');
  return { file: source, args: ['--conditions=react-server', '--import', 'tsx'] };
}

/** Reads and checks the file's rows in the reader process, COPYing the rows it stages into `stage`; answers what it found. */
export async function readInvoices(source: BillingSource, encoding: EncodingChoice, digits: number, stage: CopyIn): Promise<ReaderResult> {
  const { file, args } = reader();
  const child: ChildProcess = spawn(process.execPath, [...READER_NODE_ARGS, ...args, file], {
    cwd: process.cwd(),
    stdio: ['pipe', 'pipe', 'inherit', 'ipc'],
    env: readerEnv(),
  });
  // The reader may end before taking all of a small file's bytes (a refused file): not an error of ours.
  child.stdin!.on('error', () => undefined);
  const exited = new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code: number | null, signal: NodeJS.Signals | null) => resolve(signal ? null : code));
  });
  const answered = new Promise<ReaderResult | null>((resolve) => {
    child.once('message', (message: { result: ReaderResult }) => resolve(message.result));
    child.once('exit', () => resolve(null));
  });
  try {
    const job: ReaderJob = { source: source instanceof Uint8Array ? 'stdin' : { path: source.path }, encoding, digits };
    child.send(job);
    if (source instanceof Uint8Array) child.stdin!.end(source);
    else child.stdin!.end();
    await stage.pipeFrom(child.stdout!);
    const [result, code] = await Promise.all([answered, exited]);
    if (!result || code !== 0) throw new Error(`invoice reader exited with ${code ?? 'a signal'}`);
    return result;
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
}
