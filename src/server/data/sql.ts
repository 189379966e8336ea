// Raw SQL through one door (STYLE.md, "Raw SQL through one door"). Where speed needs raw SQL, a
// statement of tenant data is built through `TenantSql`, which the procedure ladder hands every
// service as `caller.sql`, holding the caller's tenant and ticket visibility (./visibility.ts):
//
//   caller.sql.rows((s) => Prisma.sql`SELECT … FROM "Ticket" t WHERE t."tenantId" = ${s.tenant} AND ${s.visible('t')}`)
//
// It refuses, before anything reaches PostgreSQL, a statement that does not name the tenant, and one
// that touches tickets (or their history, comments, files, read marks) without the caller's
// visibility rule. Statements that are not one tenant's — the worker's claim across tenants, the
// sign-in throttle, index maintenance — go through `installationSql`, which only the files listed in
// tests/unit/raw-sql.test.ts may use; that test also fails when any other file in src/ runs raw SQL.
import { once } from 'node:events';
import type { Readable } from 'node:stream';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { Prisma } from '@/generated/prisma/client';
import { rawRows, rawValues, UTC_TYPES, withConnection } from '@/server/db';
import type { TicketVisibility } from './visibility';
import { copyLine } from './copy-text';

/** What a tenant's raw statement is built from. */
export type TenantFragments = {
  /** The tenant's id as a uuid parameter: every statement compares its rows' "tenantId" with it. */
  tenant: Prisma.Sql;
  /** The caller's visibility rule as a condition on the ticket row `alias` (TRUE when it sees every ticket). */
  visible(alias: string): Prisma.Sql;
  /** The same rule for a row that names its ticket in `column` (e.g. `e."ticketId"`). */
  visibleTicketId(column: string): Prisma.Sql;
  /**
   * Declares that the statement touches tickets without the rule on purpose, saying why: it
   * creates the caller's own ticket, or counts within rows already restricted.
   */
  unrestricted(reason: 'creates the caller’s ticket' | 'rows already restricted by the caller’s ticket' | 'keeps data every ticket copies in step'): Prisma.Sql;
};

/** Tables whose rows are a ticket's or hang from one: a statement touching them must apply the rule. */
const TICKET_TABLES = /"Ticket(Event|Comment|File|Read|Product)?"/;

export type QueryClient = { $queryRaw<T = unknown>(query: Prisma.Sql): PromiseLike<T> };
export type ExecuteClient = { $executeRaw(query: Prisma.Sql): PromiseLike<number> };

export class TenantSql {
  constructor(
    readonly tenantId: string,
    readonly visibility: TicketVisibility = null,
  ) {}

  /** Builds a statement, refusing one that forgets the tenant or the caller's ticket visibility. */
  statement(build: (s: TenantFragments) => Prisma.Sql): Prisma.Sql {
    let ruled = false;
    const { tenantId, visibility } = this;
    const condition = (ticketColumn: (column: string) => string, alias: string): Prisma.Sql => {
      ruled = true;
      if (!visibility) return Prisma.sql`TRUE`;
      const parts: Prisma.Sql[] = [];
      if (visibility.companyId) parts.push(Prisma.sql`${Prisma.raw(ticketColumn('"companyId"'))} = ${visibility.companyId}::uuid`);
      if (visibility.assigneeId) parts.push(Prisma.sql`${Prisma.raw(ticketColumn('"assigneeId"'))} = ${visibility.assigneeId}::uuid`);
      if (visibility.onlyOpen) parts.push(Prisma.sql`${Prisma.raw(ticketColumn('stage'))} <> 'CLOSED'::"LifecycleStage"`);
      return Prisma.sql`(${Prisma.join(parts, ' AND ')})`;
    };
    const fragments: TenantFragments = {
      tenant: Prisma.sql`${tenantId}::uuid`,
      visible: (alias) => condition((column) => `${alias}.${column}`, alias),
      visibleTicketId: (column) => {
        if (!visibility) {
          ruled = true;
          return Prisma.sql`TRUE`;
        }
        const rule = condition((c) => `vt.${c}`, 'vt');
        return Prisma.sql`${Prisma.raw(column)} IN (SELECT vt.id FROM "Ticket" vt WHERE vt."tenantId" = ${tenantId}::uuid AND ${rule})`;
      },
      unrestricted: () => {
        ruled = true;
        return Prisma.empty;
      },
    };
    const query = build(fragments);
    if (!query.values.includes(tenantId)) throw new Error('A tenant statement must name its tenant (TenantSql: use s.tenant)');
    if (!ruled && TICKET_TABLES.test(query.text)) {
      throw new Error('A statement on tickets must apply the caller’s visibility (TenantSql: s.visible / s.visibleTicketId / s.unrestricted)');
    }
    return query;
  }

  /** Rows through the pool, without Prisma's result handling (see rawRows in src/server/db.ts; `prepared` for fixed hot statements). */
  rows<T>(build: (s: TenantFragments) => Prisma.Sql, opts: { prepared?: boolean } = {}): Promise<T[]> {
    return rawRows<T>(this.statement(build), opts);
  }

  /** Rows through a Prisma client — the scoped client or an interactive transaction's. */
  query<T>(client: QueryClient, build: (s: TenantFragments) => Prisma.Sql): Promise<T> {
    return Promise.resolve(client.$queryRaw<T>(this.statement(build)));
  }

  /** A write through a Prisma client (in a transaction, usually); answers the rows it touched. */
  execute(client: ExecuteClient, build: (s: TenantFragments) => Prisma.Sql): Promise<number> {
    return Promise.resolve(client.$executeRaw(this.statement(build)));
  }

  /**
   * A read as CSV made by PostgreSQL's COPY, for exports of 10⁶ rows: PostgreSQL lays every row out
   * (its quoting, `delimiter`, a line feed after each) and `consume` takes the bytes as they come.
   * COPY takes no parameters, so the statement is sent with its values written in as literals
   * (inlineSql). It runs in a read-only transaction allowed two parallel workers and a larger
   * work_mem for its sort (the database's default is one process: migration serial_plans), with the
   * `settings` the caller's cells are written under (the time zone and date style of its dates).
   * Answers the rows copied — or null when `consume` gave up before the end (the reader went away):
   * the connection is then closed, which stops PostgreSQL.
   */
  async copyCsv(build: (s: TenantFragments) => Prisma.Sql, options: { delimiter: ';' | ','; settings: CopySettings }, consume: (csv: Readable) => Promise<void>): Promise<number | null> {
    const text = `COPY (${inlineSql(this.statement(build))}) TO STDOUT WITH (FORMAT csv, DELIMITER '${options.delimiter}')`;
    const settings = Object.entries(options.settings).map(([name, value]) => `SET LOCAL ${name} = ${pg.escapeLiteral(value)}`);
    try {
      return await withConnection(async (client) => {
        await client.query('BEGIN READ ONLY');
        await client.query([`SET LOCAL max_parallel_workers_per_gather = 2`, `SET LOCAL work_mem = '64MB'`, ...settings].join('; '));
        const stream = client.query(copyTo(text));
        const ended = once(stream, 'end');
        ended.catch(() => {});
        await consume(stream);
        if (!stream.readableEnded) throw new CopyAbandoned();
        await ended;
        await client.query('COMMIT');
        return stream.rowCount;
      });
    } catch (error) {
      if (error instanceof CopyAbandoned) return null;
      throw error;
    }
  }

  /**
   * A transaction on a connection of its own, for bulk work Prisma cannot do: rows streamed with COPY
   * into temporary tables of the transaction, then checked and written with set statements. Every
   * statement on tenant tables is built here (naming the tenant); the temporary tables live in
   * `pg_temp`, so only this transaction sees them, and they are dropped at its end. `work`'s answer
   * says whether to commit; anything thrown rolls back.
   */
  async transaction<T>(work: (session: TenantSession) => Promise<{ commit: boolean; value: T }>): Promise<T> {
    return withConnection(async (client) => {
      await client.query('BEGIN');
      // A failure leaves the connection to withConnection, which closes it (PostgreSQL then rolls
      // back): a ROLLBACK sent behind an unfinished COPY would wait for it forever.
      const { commit, value } = await work(new TenantSession(this, client));
      await client.query(commit ? 'COMMIT' : 'ROLLBACK');
      return value;
    });
  }
}

/** Settings a COPY read may set for its transaction (SET LOCAL): how its dates are written. */
export type CopySettings = { TimeZone: string; DateStyle?: `SQL, ${'DMY' | 'MDY'}` };

class CopyAbandoned extends Error {}

/**
 * A statement with its values written into it as SQL literals, for COPY (which takes no parameters):
 * strings quoted by node-postgres's escapeLiteral, dates as the UTC text rawValues sends, arrays of
 * strings or numbers as an array literal, numbers and booleans as themselves. Anything else is refused.
 */
export function inlineSql(query: Prisma.Sql): string {
  const literal = (value: unknown): string => {
    if (value === null || value === undefined) return 'NULL';
    if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) throw new Error(`inlineSql: ${value} is not a finite number`);
      return `(${value})`;
    }
    if (typeof value === 'bigint') return `(${value})`;
    if (typeof value === 'string') return pg.escapeLiteral(value);
    if (value instanceof Date) return pg.escapeLiteral(value.toISOString());
    if (Array.isArray(value)) {
      // PostgreSQL's array text: each element double-quoted, its backslashes and quotes escaped.
      const element = (v: unknown) => {
        if (v === null) return 'NULL';
        if (typeof v !== 'string' && typeof v !== 'number') throw new Error(`inlineSql: cannot write a ${typeof v} in an array`);
        return `"${String(v).replace(/[\\"]/g, (c) => `\\${c}`)}"`;
      };
      return pg.escapeLiteral(`{${value.map(element).join(',')}}`);
    }
    throw new Error(`inlineSql: cannot write a ${typeof value} as a literal`);
  };
  return query.strings.reduce((text, part, i) => text + literal(query.values[i - 1]) + part);
}

const TEMP_NAME = /^[a-z][a-z0-9_]*$/;
function tempName(table: string): string {
  if (!TEMP_NAME.test(table)) throw new Error(`not a temporary table name: ${table}`);
  return `pg_temp.${table}`;
}

export { copyValue } from './copy-text';

/** Rows streamed into a temporary table with COPY; write() waits while PostgreSQL catches up. */
export class CopyIn {
  private buffer: string[] = [];
  private size = 0;
  private failure: Error | null = null;

  constructor(private readonly stream: NodeJS.WritableStream & { destroyed?: boolean }) {
    stream.on('error', (error: Error) => (this.failure = error));
  }

  /** One row, its values in the table's column order; sent by the next flush(). */
  push(values: (string | number | null)[]) {
    const line = copyLine(values);
    this.buffer.push(line);
    this.size += line.length;
  }

  /** Sends the rows pushed so far; resolves once the stream can take more (backpressure). */
  async flush() {
    if (this.failure) throw this.failure;
    const chunk = this.buffer.join('');
    this.buffer = [];
    this.size = 0;
    if (!chunk) return;
    if (!this.stream.write(chunk)) await Promise.race([once(this.stream, 'drain'), once(this.stream, 'error')]);
    if (this.failure) throw this.failure;
  }

  /**
   * Sends rows already in COPY's text format, made elsewhere (the invoice import's reader process),
   * as they come; waits while PostgreSQL catches up, so `input` is read no faster than it takes them.
   */
  async pipeFrom(input: AsyncIterable<Uint8Array>) {
    await this.flush();
    for await (const chunk of input) {
      if (this.failure) throw this.failure;
      if (!this.stream.write(chunk)) await Promise.race([once(this.stream, 'drain'), once(this.stream, 'error')]);
    }
    if (this.failure) throw this.failure;
  }

  private ended = false;

  /** Sends what is left and waits for PostgreSQL to take the rows (once; later calls do nothing). */
  async end() {
    if (this.ended) return;
    this.ended = true;
    await this.flush();
    const done = Promise.race([once(this.stream, 'finish'), once(this.stream, 'error').then(([error]) => Promise.reject(error as Error))]);
    this.stream.end();
    await done;
  }
}

/** A transaction of TenantSql.transaction: tenant statements, and temporary tables to stage rows in. */
export class TenantSession {
  constructor(
    private readonly door: TenantSql,
    private readonly client: pg.PoolClient,
  ) {}

  /** Rows of a tenant statement (numeric columns as text, dates as UTC). */
  async rows<T>(build: (s: TenantFragments) => Prisma.Sql): Promise<T[]> {
    const query = this.door.statement(build);
    return (await this.client.query({ text: query.text, values: rawValues(query), types: UTC_TYPES })).rows as T[];
  }

  /** A tenant write; answers the rows it touched. */
  async execute(build: (s: TenantFragments) => Prisma.Sql): Promise<number> {
    const query = this.door.statement(build);
    return (await this.client.query({ text: query.text, values: rawValues(query) })).rowCount ?? 0;
  }

  /** A read of this transaction's temporary tables alone (no tenant data: every FROM and JOIN names pg_temp). */
  async stagedRows<T>(query: Prisma.Sql): Promise<T[]> {
    const sources = [...query.text.matchAll(/\b(?:FROM|JOIN)\s+([^\s(]+)/gi)].map((m) => m[1]!);
    if (!sources.length || sources.some((t) => !t.startsWith('pg_temp.'))) throw new Error('stagedRows reads temporary tables only (pg_temp.…)');
    return (await this.client.query({ text: query.text, values: rawValues(query), types: UTC_TYPES })).rows as T[];
  }

  /** A temporary table of this transaction (dropped at its end), with `columns` as SQL column definitions. */
  async createTemp(table: string, columns: string): Promise<void> {
    await this.client.query(`CREATE TEMPORARY TABLE ${tempName(table)} (${columns}) ON COMMIT DROP`);
  }

  /** Table statistics for the planner (autovacuum never sees temporary tables). */
  async analyzeTemp(table: string): Promise<void> {
    await this.client.query(`ANALYZE ${tempName(table)}`);
  }

  /** A memory allowance for this transaction's sorts and hashes (SET LOCAL). */
  async workMem(mb: number): Promise<void> {
    await this.client.query(`SET LOCAL work_mem = '${Math.max(4, Math.floor(mb))}MB'`);
  }

  /** Starts a COPY into a temporary table's `columns`. */
  copyIntoTemp(table: string, columns: readonly string[]): CopyIn {
    for (const c of columns) if (!TEMP_NAME.test(c.toLowerCase())) throw new Error(`not a column name: ${c}`);
    const stream = this.client.query(copyFrom(`COPY ${tempName(table)} (${columns.map((c) => `"${c}"`).join(', ')}) FROM STDIN`));
    return new CopyIn(stream);
  }
}

/** The door for one tenant's statements, for a caller that sees every ticket unless `visibility` says otherwise. */
export function tenantSql(tenantId: string, visibility: TicketVisibility = null): TenantSql {
  return new TenantSql(tenantId, visibility);
}

/**
 * Statements that are not one tenant's data: the notification worker's claim of outbox events
 * across tenants, its message writes (each row carries its tenant), the sign-in throttle's
 * counters, the search indexes' maintenance, pg-boss's queue. Only the files allowed in
 * tests/unit/raw-sql.test.ts may use it, each with the reason written there.
 */
export const installationSql = {
  rows<T>(query: Prisma.Sql): Promise<T[]> {
    return rawRows<T>(query);
  },
  query<T>(client: QueryClient, query: Prisma.Sql): Promise<T> {
    return Promise.resolve(client.$queryRaw<T>(query));
  },
  execute(client: ExecuteClient, query: Prisma.Sql): Promise<number> {
    return Promise.resolve(client.$executeRaw(query));
  },
  /** A statement written as text with positional parameters (pg-boss's own SQL). */
  unsafe<T>(client: { $queryRawUnsafe<R = unknown>(query: string, ...values: unknown[]): PromiseLike<R> }, text: string, values: unknown[]): Promise<T> {
    return Promise.resolve(client.$queryRawUnsafe<T>(text, ...values));
  },
};
