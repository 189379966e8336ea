// The one Prisma client of the process, and the pg pool under it. DATABASE_URL is read on first use,
// so test files and the start script can point it at their database before anything connects.
import { createHash } from 'node:crypto';
import pg from 'pg';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient, type Prisma } from '@/generated/prisma/client';
import { env } from '@/env';
import { logger } from '@/server/logger';

const globalForDb = globalThis as unknown as { antenaPrisma?: PrismaClient; antenaPool?: pg.Pool };

function pool(): pg.Pool {
  if (!globalForDb.antenaPool) {
    const connectionString = process.env.DATABASE_URL;
    if (!connectionString) throw new Error('DATABASE_URL is not set (npm start sets it for the embedded PostgreSQL)');
    globalForDb.antenaPool = new pg.Pool({ connectionString, max: env().DATABASE_POOL_MAX });
    // An idle connection closed by the server (a restart, a shutdown racing ours) leaves the pool;
    // without a listener its error event would be thrown and end the process. One line: no stack to read.
    globalForDb.antenaPool.on('error', (err: Error & { code?: string }) => logger.warn({ code: err.code, reason: err.message }, 'the database closed an idle connection'));
  }
  return globalForDb.antenaPool;
}

/**
 * Interactive transactions' limits. Prisma's defaults (wait 2 s for a connection, end after 5 s)
 * failed good transactions on a busy 2-core machine — a tenant's sign-up writing its default
 * configuration took 5.9 s while the CPU was shared twelve ways — and answered 500 for work that
 * would have finished. The limits are a guard against a stuck transaction, not a speed target
 * (the benchmarks are), so they leave room for a machine under load.
 */
export const TRANSACTION_OPTIONS = { maxWait: 15_000, timeout: 30_000 } as const;

export function db(): PrismaClient {
  globalForDb.antenaPrisma ??= new PrismaClient({ adapter: new PrismaPg(pool()), transactionOptions: TRANSACTION_OPTIONS });
  return globalForDb.antenaPrisma;
}

export type Db = PrismaClient;

/** Timestamps are UTC, as Prisma keeps them (pg would read `timestamp without time zone` in the process's zone). */
const TIMESTAMP = 1114;
const UTC_TYPES = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === TIMESTAMP ? (value: string) => new Date(`${value.replace(' ', 'T')}Z`) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/**
 * A raw read through the same pool, without Prisma's processing of the result — for the grid's page,
 * the hottest list query: 26 rows of 27 columns took 5.7 ms through pg and 7.1 ms through $queryRaw
 * (median, bench data). The same rule as $queryRaw: the query names the tenant. Numeric columns come
 * back as strings; dates given as parameters are sent as UTC.
 *
 * `prepared`: a named statement, parsed and planned once per pooled connection instead of on every
 * call — for the statements every ticket creation runs (the caller's row, the references, the insert
 * with its CTEs): creation went from 353–388/s to 479–499/s (alternating runs, README). Only for text
 * from a fixed template (a bounded number of variants) that reads or writes by key, where PostgreSQL's
 * generic plan is as good as a fresh one; not for the grid, whose best plan depends on the tenant and
 * the filters. Name the result columns (no `*`): a migration that adds a column then leaves the result
 * type, and so the prepared statement, valid on running servers. Behind PgBouncer this needs its
 * prepared-statement support (1.21+, max_prepared_statements).
 */
export async function rawRows<T>(query: Prisma.Sql, opts: { prepared?: boolean } = {}): Promise<T[]> {
  const values = query.values.map((v) => (v instanceof Date ? v.toISOString() : v));
  const name = opts.prepared ? statementName(query.text) : undefined;
  const result = await pool().query({ name, text: query.text, values, types: UTC_TYPES });
  return result.rows as T[];
}

/** The statement's name: a hash of its text, so one name never means two texts on a connection. */
const names = new Map<string, string>();
function statementName(text: string): string {
  let name = names.get(text);
  if (!name) {
    name = `antena_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
    names.set(text, name);
  }
  return name;
}

/**
 * One connection of the pool, held for `work` and given back after — for a bulk import's own
 * transaction and its COPY, which Prisma's interactive transactions cannot run. Only the door
 * (src/server/data/sql.ts) calls it. A connection whose work failed is closed, not reused: it may be
 * mid-COPY or mid-transaction.
 */
export async function withConnection<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool().connect();
  let failure: Error | undefined;
  try {
    return await work(client);
  } catch (error) {
    failure = error instanceof Error ? error : new Error(String(error));
    throw error;
  } finally {
    client.release(failure);
  }
}

/** Values as rawRows sends them (dates as UTC text). */
export function rawValues(query: Prisma.Sql): unknown[] {
  return query.values.map((v) => (v instanceof Date ? v.toISOString() : v));
}

export { UTC_TYPES };
