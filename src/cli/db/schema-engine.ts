// Prisma's schema engine, as WebAssembly, driven through a pg driver adapter. `prisma migrate`
// needs a native engine it downloads at run time; this one ships in node_modules (see
// STACK-NOTES, "Prisma 7 offline"). The migrations folder keeps Prisma's own format, so
// `prisma migrate deploy` applies it unchanged wherever the native engine is available.
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import pg from 'pg';
import { PrismaPg } from '@prisma/adapter-pg';
import {
  bindMigrationAwareSqlAdapterFactory,
  ColumnTypeEnum,
  type ErrorRegistry,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from '@prisma/driver-adapter-utils';
import * as bindings from '@prisma/schema-engine-wasm/schema_engine_bg';
import type { DiffTarget, MigrationList, SchemaContainer, SchemaEngine, SchemaFilter } from '@prisma/schema-engine-wasm';
import { MIGRATIONS_DIR, ROOT } from './migration-files';

const NO_FILTER: SchemaFilter = { externalTables: [], externalEnums: [] };

/** Applies the migrations not yet applied, recording them in `_prisma_migrations` as Prisma does. */
export async function applyMigrations(databaseUrl: string, migrationsDir = MIGRATIONS_DIR): Promise<string[]> {
  const migrationsList = await readMigrations(migrationsDir);
  const { appliedMigrationNames } = await withEngine(databaseUrl, (engine) => engine.applyMigrations({ migrationsList, filters: NO_FILTER }));
  return appliedMigrationNames;
}

/**
 * Where a schema comes from: Prisma schema text (null = nothing), a live database, or a
 * migrations folder. Prefer a database the migrations were applied to over a migrations folder:
 * this engine build reports the folder's extensions as missing even though its shadow database
 * has them, so a folder never diffs empty against a schema that declares extensions.
 */
export type SchemaSource = string | null | { database: string } | { migrations: string; shadowFrom: string };

/**
 * The SQL that takes `from` to `to`; '' when they agree. Two schema texts need no database; a
 * database diffed against a schema text is introspected. A migrations folder is replayed on a
 * throw-away shadow database created through `shadowFrom` (a URL whose role may create databases).
 */
export async function diffSchemas(from: SchemaSource, to: SchemaSource): Promise<string> {
  const url = databaseOf(from) ?? databaseOf(to);
  // A database target is named through a schema's datasource: the other side's schema serves.
  const schemaText = typeof to === 'string' ? to : typeof from === 'string' ? from : null;
  const files = schemaText === null ? [] : [{ path: 'schema.prisma', content: schemaText }];
  const [fromTarget, toTarget] = await Promise.all([diffTarget(from, files), diffTarget(to, files)]);
  const result = await withEngine(url, (engine) => engine.diff({ from: fromTarget, to: toTarget, script: true, exitCode: true, filters: NO_FILTER }));
  // exitCode 2 means "not empty"; otherwise stdout holds a comment saying the migration is empty.
  return result.exitCode === 2 ? (result.stdout ?? '') : '';
}

function databaseOf(source: SchemaSource): string | null {
  if (source === null || typeof source === 'string') return null;
  return 'database' in source ? source.database : source.shadowFrom;
}

async function diffTarget(source: SchemaSource, files: SchemaContainer[]): Promise<DiffTarget> {
  if (source === null) return { tag: 'empty' };
  if (typeof source === 'string') return { tag: 'schemaDatamodel', files: [{ path: 'schema.prisma', content: source }] };
  // "The database of this schema's datasource": with Prisma 7 that is the adapter's database.
  if ('database' in source) return { tag: 'schemaDatasource', files, configDir: ROOT };
  return { tag: 'migrations', ...(await readMigrations(source.migrations)) };
}

/** The migrations folder as Prisma's CLI reads it: every sub-folder's migration.sql, in name order. */
export async function readMigrations(migrationsDir: string): Promise<MigrationList> {
  const baseDir = path.resolve(migrationsDir);
  const lockPath = 'migration_lock.toml';
  const lockContent = await readFile(path.join(baseDir, lockPath), 'utf8').catch(() => null);
  const entries = existsSync(baseDir) ? await readdir(baseDir, { withFileTypes: true }) : [];
  const folders = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort((a, b) => a.localeCompare(b));
  const migrationDirectories = await Promise.all(
    folders.map(async (folder) => ({
      path: folder,
      migrationFile: {
        path: 'migration.sql',
        content: await readFile(path.join(baseDir, folder, 'migration.sql'), 'utf8').then(
          (value) => ({ tag: 'ok' as const, value }),
          (error: Error) => ({ tag: 'error' as const, value: error.message }),
        ),
      },
    })),
  );
  return { baseDir, lockfile: { path: lockPath, content: lockContent }, shadowDbInitScript: '', migrationDirectories };
}

// ---------------------------------------------------------------------------------------------

let lastPanic: string | undefined;
let wasmReady: Promise<void> | undefined;

// The engine arms timers (query timeouts, ~10 s) that outlive the work they guard, and freeing it
// does not clear them: a CLI would sit idle for 10 s before exiting. They are tracked here and
// cleared once no engine is running.
const engineTimers = new Set<ReturnType<typeof setTimeout>>();
let runningEngines = 0;

/** wasm-bindgen's bundler target imports the .wasm as an ES module, which Node 20 cannot: instantiate it by hand. */
function loadWasm(): Promise<void> {
  return (wasmReady ??= (async () => {
    const g = globalThis as { PRISMA_WASM_PANIC_REGISTRY?: { set_message: (message: string) => void } };
    g.PRISMA_WASM_PANIC_REGISTRY = { set_message: (message) => (lastPanic = message) };
    const bindingsFile = createRequire(import.meta.url).resolve('@prisma/schema-engine-wasm/schema_engine_bg');
    const bytes = await readFile(path.join(path.dirname(bindingsFile), 'schema_engine_bg.wasm'));
    const imports: Record<string, unknown> = { ...bindings };
    for (const name of Object.keys(imports).filter((n) => n.startsWith('__wbg_setTimeout_'))) {
      imports[name] = (callback: () => void, ms: number) => {
        const timer = setTimeout(() => {
          engineTimers.delete(timer);
          callback();
        }, ms >>> 0);
        engineTimers.add(timer);
        return timer;
      };
    }
    const { instance } = await WebAssembly.instantiate(bytes, { './schema_engine_bg.js': imports as WebAssembly.ModuleImports });
    bindings.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
  })());
}

/** Runs `use` on a fresh engine, then frees the engine and closes every pool it opened, so the process can exit. */
async function withEngine<T>(databaseUrl: string | null, use: (engine: SchemaEngine) => Promise<T>): Promise<T> {
  await loadWasm();
  const adapters = new EngineAdapters(databaseUrl);
  const bound = bindMigrationAwareSqlAdapterFactory(adapters);
  let engine: SchemaEngine | undefined;
  runningEngines++;
  try {
    engine = await bindings.SchemaEngine.new({ datamodels: undefined }, engineLog, bound);
    return await use(engine);
  } catch (error) {
    throw engineError(error, bound.errorRegistry);
  } finally {
    engine?.free();
    await adapters.close();
    if (--runningEngines === 0) {
      for (const timer of engineTimers) clearTimeout(timer);
      engineTimers.clear();
    }
  }
}

function engineLog(line: string): void {
  // The engine logs JSON lines; only its errors are worth showing.
  try {
    const entry = JSON.parse(line) as { level?: string; fields?: { message?: string } };
    if (entry.level === 'ERROR') console.error('[schema-engine]', entry.fields?.message ?? line);
  } catch {
    /* not JSON: ignore */
  }
}

function engineError(error: unknown, registry: ErrorRegistry): Error {
  if (lastPanic) {
    const message = lastPanic;
    lastPanic = undefined;
    return new Error(`The schema engine panicked: ${message}`, { cause: error });
  }
  const e = (typeof error === 'string' ? { message: error } : error) as { message?: string; error_code?: string };
  // A JavaScript error thrown inside the adapter reaches us only as its number in the registry.
  const external = /External error id#(\d+)/.exec(e?.message ?? '');
  const original = external ? registry.consumeError(Number(external[1]))?.error : undefined;
  if (original instanceof Error) return original;
  if (error instanceof Error) return error;
  // The engine rejects with plain objects ({ message, meta, error_code, … }).
  return Object.assign(new Error(e?.message ?? JSON.stringify(error)), { code: e?.error_code, details: error });
}

/**
 * The driver adapters the engine connects through. Each owns its pool, so all can be closed
 * afterwards; and three behaviours of @prisma/adapter-pg are replaced: the shadow database,
 * scripts, and the "char" type (see below).
 */
class EngineAdapters implements SqlMigrationAwareDriverAdapterFactory {
  readonly provider = 'postgres';
  readonly adapterName = '@prisma/adapter-pg';
  private readonly pools = new Set<pg.Pool>();

  constructor(private readonly url: string | null) {}

  connect(): Promise<SqlDriverAdapter> {
    return this.url ? this.adapterFor(this.url) : Promise.resolve(offlineAdapter());
  }

  // adapter-pg's own shadow database keeps the pool's connectionString (which wins over its
  // `database` field, so it would replay migrations on the main database) and drops the
  // shadow database while its own pool is still connected to it.
  async connectToShadowDb(): Promise<SqlDriverAdapter> {
    const url = this.requireUrl();
    const name = `prisma_migrate_shadow_db_${randomUUID()}`;
    await withClient(url, (c) => c.query(`CREATE DATABASE "${name}"`));
    const shadowUrl = new URL(url);
    shadowUrl.pathname = `/${name}`;
    const adapter = await this.adapterFor(shadowUrl.toString());
    const pool = (adapter as unknown as { underlyingDriver(): pg.Pool }).underlyingDriver();
    adapter.dispose = async () => {
      await this.end(pool);
      await withClient(url, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    };
    return adapter;
  }

  async close(): Promise<void> {
    await Promise.all([...this.pools].map((pool) => this.end(pool)));
  }

  private requireUrl(): string {
    if (!this.url) throw new Error('A shadow database needs a database URL to create it from');
    return this.url;
  }

  private async end(pool: pg.Pool): Promise<void> {
    if (!this.pools.delete(pool)) return;
    await pool.end();
  }

  private async adapterFor(connectionString: string): Promise<SqlDriverAdapter> {
    const pool = new pg.Pool({ connectionString, max: 2 });
    pool.on('error', () => {}); // an idle client dropped by DROP DATABASE … WITH (FORCE)
    this.pools.add(pool);
    const adapter = await new PrismaPg(pool).connect();
    patchAdapter(adapter, pool);
    return adapter;
  }
}

/** The PostgreSQL the offline stand-in claims to be: the embedded one (the version hardly matters to a diff). */
const OFFLINE_VERSION = { text: 'PostgreSQL 18.4', number: 180004 };

/**
 * The engine queries the server as it starts (is there a `public` schema, which version?), even
 * for a diff of two schema files, and a failure there crashes the process rather than rejecting.
 * Without a database, answer that one question and refuse anything else.
 */
function offlineAdapter(): SqlDriverAdapter {
  const refuse = async (): Promise<never> => {
    throw new Error('This schema-engine operation needs a database, and none was given');
  };
  return {
    provider: 'postgres',
    adapterName: 'antena-offline',
    async queryRaw(query) {
      if (!query.sql.includes("current_setting('server_version_num')")) return refuse();
      return {
        columnNames: ['exists', 'version', 'numeric_version'],
        columnTypes: [ColumnTypeEnum.Boolean, ColumnTypeEnum.Text, ColumnTypeEnum.Int32],
        rows: [[true, OFFLINE_VERSION.text, OFFLINE_VERSION.number]],
      };
    },
    executeRaw: refuse,
    executeScript: refuse,
    startTransaction: refuse,
    getConnectionInfo: () => ({ supportsRelationJoins: true }),
    dispose: async () => {},
  };
}

type Patchable = {
  performIO(query: unknown): Promise<pg.QueryResult>;
  queryRaw: SqlDriverAdapter['queryRaw'];
  executeScript(script: string): Promise<void>;
  onError(error: unknown): never;
};

function patchAdapter(adapter: SqlDriverAdapter, pool: pg.Pool): void {
  const a = adapter as unknown as Patchable;

  // 1. adapter-pg splits a script on every ";" (even inside strings and function bodies) and runs
  //    the pieces one by one. Send it whole, as the native engine does: PostgreSQL then runs a
  //    multi-statement script in one implicit transaction, so a failed migration leaves nothing half-done.
  a.executeScript = async (script) => {
    try {
      await pool.query(script);
    } catch (error) {
      a.onError(error);
    }
  };

  // 2. Introspection reads catalog columns of PostgreSQL's internal "char" type (OID 18), which
  //    adapter-pg refuses as unsupported. Read it as text, then report it as the character it is.
  const charColumns = new WeakMap<unknown[], number[]>();
  const performIO = a.performIO.bind(a);
  a.performIO = async (query) => {
    const result = await performIO(query);
    const indexes = result.fields.flatMap((field, i) => (field.dataTypeID === 18 ? [i] : []));
    if (indexes.length > 0) {
      for (const i of indexes) result.fields[i]!.dataTypeID = 25;
      charColumns.set(result.rows, indexes);
    }
    return result;
  };
  const queryRaw = a.queryRaw.bind(a);
  a.queryRaw = async (query) => {
    const result = await queryRaw(query);
    for (const i of charColumns.get(result.rows) ?? []) result.columnTypes[i] = ColumnTypeEnum.Character;
    return result;
  };
}

async function withClient<T>(url: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}
