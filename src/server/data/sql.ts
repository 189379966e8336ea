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
import { Prisma } from '@/generated/prisma/client';
import { rawRows } from '@/server/db';
import type { TicketVisibility } from './visibility';

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
const TICKET_TABLES = /"Ticket(Event|Comment|File|Read)?"/;

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
