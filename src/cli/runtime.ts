// What `npm start`, `npm run dev`, the end-to-end tests and the benchmark share: a database
// (embedded when DATABASE_URL is unset), migrations, a session secret, and the app server (src/cli/serve.ts, or next dev).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createHash, randomBytes } from 'node:crypto';
import path from 'node:path';
import pg from 'pg';
import { appAssets, appAssetsFile, markCompileHints } from './app-assets';
import { startEmbeddedPostgres } from './db/embedded';
import { precompressStatic } from './precompress';
import { applyMigrations } from './db/schema-engine';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const DATA_DIR = path.resolve(ROOT, process.env.ANTENA_DATA_DIR ?? '.antena');

export type Database = { url: string; stop: () => Promise<void> };

async function ensureDatabase(adminUrl: string, name: string, fresh: boolean): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  const quoted = `"${name.replace(/"/g, '')}"`;
  try {
    if (fresh) await client.query(`DROP DATABASE IF EXISTS ${quoted} WITH (FORCE)`);
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${quoted}`);
  } finally {
    await client.end();
  }
}

/** DATABASE_URL when set (nothing is started), else the embedded PostgreSQL kept under dataDir; `fresh` drops that database first. */
export async function openDatabase(opts: { dataDir?: string; port?: number; name?: string; fresh?: boolean } = {}): Promise<Database> {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, stop: async () => {} };
  const dataDir = opts.dataDir ?? path.join(DATA_DIR, 'pgdata');
  const port = opts.port ?? Number(process.env.EMBEDDED_PG_PORT ?? 54329);
  const server = await startEmbeddedPostgres({ dataDir, port });
  const name = opts.name ?? 'antena';
  await ensureDatabase(server.url('postgres'), name, opts.fresh ?? false);
  return { url: server.url(name), stop: () => server.stop() };
}

export async function migrate(url: string): Promise<void> {
  await applyMigrations(url);
}

/** AUTH_SECRET, or one generated on first start and kept (git-ignored) so sessions survive restarts. */
export function authSecret(): string {
  if (process.env.AUTH_SECRET) return process.env.AUTH_SECRET;
  const file = path.join(DATA_DIR, 'auth-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(DATA_DIR, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

const STAMP = path.join(ROOT, '.next', 'antena-source-hash');

/** The service worker `serwist build` writes (serwist.config.js): made by the build, so not one of its sources. */
export const SERVICE_WORKER = path.join(ROOT, 'public', 'sw.js');
const GENERATED = new Set([SERVICE_WORKER, `${SERVICE_WORKER}.map`]);

/** A hash of everything the build is made from, so a stale build (after a pull) is rebuilt. */
export function sourceHash(): string {
  const hash = createHash('sha256');
  const visit = (p: string) => {
    if (GENERATED.has(p)) return;
    const stat = statSync(p, { throwIfNoEntry: false });
    if (!stat) return;
    if (stat.isDirectory()) {
      for (const entry of readdirSync(p).sort()) if (entry !== 'generated') visit(path.join(p, entry));
    } else {
      hash.update(path.relative(ROOT, p)).update(readFileSync(p));
    }
  };
  for (const p of ['src', 'public', 'next.config.mjs', 'serwist.config.js', 'package-lock.json', 'prisma/schema.prisma', 'postcss.config.mjs', 'tsconfig.json']) visit(path.join(ROOT, p));
  return hash.digest('hex');
}

/** The production server (src/cli/serve.ts) with the server code it imports, bundled at build time. */
const SERVER_BUNDLE = path.join(ROOT, '.next', 'antena', 'serve.mjs');
/** The invoice import's reader, a process of its own (src/server/services/billing/import/read-invoices.ts), beside the server's bundle. */
const INVOICE_READER_BUNDLE = path.join(ROOT, '.next', 'antena', 'invoice-reader.mjs');

/** The stamp: the sources' hash and the service worker's own, so a worker `npm run dev` wrote (no precache) is not served by `npm start`. */
function stamp(): string {
  return `${sourceHash()} ${createHash('sha256').update(readFileSync(SERVICE_WORKER)).digest('hex')}`;
}

export function buildIsCurrent(): boolean {
  if (!existsSync(path.join(ROOT, '.next', 'BUILD_ID')) || !existsSync(SERVER_BUNDLE) || !existsSync(INVOICE_READER_BUNDLE) || !existsSync(SERVICE_WORKER) || !existsSync(STAMP)) return false;
  return readFileSync(STAMP, 'utf8') === stamp();
}

/**
 * `next build`; the compile hints, the static files' compressed copies (precompress.ts) and the
 * list of the installable apps' files (app-assets.ts); the service worker (`serwist build`, which
 * precaches that list) and the server bundle; then records which sources they were made from.
 */
export async function build(env: NodeJS.ProcessEnv): Promise<void> {
  const hash = sourceHash();
  await run(['build'], env);
  const nextDir = path.join(ROOT, '.next');
  markCompileHints(nextDir);
  // After the compile hints, which rewrite the scripts they mark.
  await precompressStatic(path.join(nextDir, 'static'));
  mkdirSync(path.dirname(appAssetsFile(nextDir)), { recursive: true });
  writeFileSync(appAssetsFile(nextDir), JSON.stringify(appAssets(nextDir)));
  await buildServiceWorker(env);
  await bundleServer();
  writeFileSync(STAMP, `${hash} ${createHash('sha256').update(readFileSync(SERVICE_WORKER)).digest('hex')}`);
}

const SERWIST_BIN = path.join(ROOT, 'node_modules', '@serwist', 'cli', 'cli.js');

/**
 * `serwist build` with serwist.config.js: src/app/sw.ts bundled into public/sw.js with the precache
 * manifest of .next/static. With NODE_ENV=development (`npm run dev`) it precaches nothing, so a
 * page under development is never answered from an old copy of its scripts.
 */
export function buildServiceWorker(env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    // The CLI would otherwise ask the npm registry whether a newer version exists.
    const child = spawn(process.execPath, [SERWIST_BIN, 'build'], { cwd: ROOT, env: { ...env, NO_UPDATE_NOTIFIER: '1' }, stdio: 'inherit' });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`serwist build exited with ${code}`))));
  });
}

/**
 * `server-only` is the marker that keeps server modules out of browser bundles; in the server's
 * bundle it is nothing. Resolved to an empty module here rather than aliased to the package's empty
 * file: packages stay external, and Node would then refuse `server-only/empty.js`, which the
 * package does not export.
 */
export const serverOnlyIsEmpty: import('esbuild').Plugin = {
  name: 'server-only-is-empty',
  setup(build) {
    build.onResolve({ filter: /^server-only$/ }, () => ({ path: 'server-only', namespace: 'server-only-is-empty' }));
    build.onLoad({ filter: /.*/, namespace: 'server-only-is-empty' }, () => ({ contents: '', loader: 'js' }));
  },
};

/**
 * Bundles src/cli/serve.ts and the server code it imports (paths under @/) into one ES module;
 * packages stay in node_modules, as Next.js's own server loads them.
 */
async function bundleServer(): Promise<void> {
  const { build: esbuild } = await import('esbuild');
  const bundle = (entry: string, outfile: string) =>
    esbuild({
      entryPoints: [entry],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      tsconfig: path.join(ROOT, 'tsconfig.json'),
      plugins: [serverOnlyIsEmpty],
      // Bundled CommonJS code may still call require().
      banner: { js: "import { createRequire as __antenaRequire } from 'node:module'; const require = __antenaRequire(import.meta.url);" },
      logLevel: 'warning',
    });
  await bundle(path.join(ROOT, 'src', 'cli', 'serve.ts'), SERVER_BUNDLE);
  await bundle(path.join(ROOT, 'src', 'server', 'services', 'billing', 'import', 'invoice-reader.ts'), INVOICE_READER_BUNDLE);
}

const NEXT_BIN = path.join(ROOT, 'node_modules', 'next', 'dist', 'bin', 'next');

export function run(args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [NEXT_BIN, ...args], { cwd: ROOT, env, stdio: 'inherit' });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`next ${args[0]} exited with ${code}`))));
  });
}

export function appEnv(extra: { databaseUrl: string; port: number }): NodeJS.ProcessEnv {
  return {
    ...process.env,
    DATABASE_URL: extra.databaseUrl,
    AUTH_SECRET: authSecret(),
    PORT: String(extra.port),
    NEXT_TELEMETRY_DISABLED: '1',
  };
}

/**
 * The production server's V8 settings: 32 MB semi-spaces (16 MB by default), so a call's garbage
 * dies young instead of being promoted while the call is still in flight. With the default, a full
 * collection freeing about 110 MB fell within the creation benchmark's 400/s window in 4 of 5 traced
 * runs, creations stalling for up to 200 ms around it. 64 MB avoided that too, but under load V8 grows
 * the young generation to both semi-spaces (128 MB committed), which took the billing import's server
 * from 390 to 438 MB; with 32 MB it peaked at 373–382 MB, and creation at 400/s kept its p99 within
 * 41–66 ms (23–34 ms with 64 MB; target 100). docs/benchmarks.md has the runs.
 */
export const SERVER_NODE_ARGS = ['--max-semi-space-size=32'];

/**
 * The production server's malloc settings (glibc; the environment, so a value set by the operator
 * wins). A fixed mmap threshold: a block of 128 KB or more is its own mapping, returned to the system
 * when freed — otherwise glibc raises the threshold after the first free of such a block and keeps the
 * next ones in its arenas, as it did with each sign-in's 19 MB Argon2 buffer (one per libuv thread).
 * Two arenas instead of eight per core. Measured with the billing import (docs/benchmarks.md).
 */
export const SERVER_MALLOC_ENV = { MALLOC_ARENA_MAX: '2', MALLOC_MMAP_THRESHOLD_: '131072' };

/** Starts the production server (src/cli/serve.ts, built) or `next dev`, and resolves once it answers HTTP. */
export async function serveNext(mode: 'start' | 'dev', env: NodeJS.ProcessEnv, opts: { port: number; host: string; quiet?: boolean; nodeArgs?: string[] }): Promise<ChildProcess> {
  const args = mode === 'start' ? [...SERVER_NODE_ARGS, SERVER_BUNDLE, '--port', String(opts.port), '--host', opts.host, '--dir', ROOT] : [NEXT_BIN, 'dev', '-p', String(opts.port), '-H', opts.host];
  const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), ...args], {
    cwd: ROOT,
    env: mode === 'start' ? { ...SERVER_MALLOC_ENV, ...env, NODE_ENV: 'production' } : env,
    stdio: opts.quiet ? ['ignore', 'ignore', 'inherit'] : 'inherit',
  });
  const deadline = Date.now() + (mode === 'dev' ? 120_000 : 60_000);
  const what = mode === 'start' ? 'the app server' : 'next dev';
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${what} exited with ${child.exitCode}`);
    try {
      await fetch(`http://${opts.host}:${opts.port}/api/auth/csrf`, { signal: AbortSignal.timeout(2_000) });
      return child;
    } catch {
      if (Date.now() > deadline) {
        child.kill('SIGTERM');
        throw new Error(`${what} did not answer on port ${opts.port}`);
      }
      await new Promise((r) => setTimeout(r, 150));
    }
  }
}

/** Stops a child we started, by its pid, waiting for it to exit. */
export function stopChild(child: ChildProcess | undefined, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill(signal);
  });
}
