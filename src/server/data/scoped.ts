// Tenant scoping by construction (STYLE.md §5). Services never get the bare client: they get this
// one, which adds `tenantId` to every read's and write's filter and every created row, so a
// forgotten filter matches nothing of another tenant rather than everything — and, for a caller who
// may not see every ticket (./visibility.ts), adds the visibility rule to every filter on a ticket
// and on its history, comments, files and read marks, so another ticket is not found either.
//
// Rules for services: use scalar foreign keys (customerId: …) rather than nested `connect`; before
// writing a row under a ticket (a comment, a file, a history entry), find the ticket through this
// client (a ticket the caller may not see is then NOT_FOUND); and do raw SQL only through ./sql.ts.
import { Prisma } from '@/generated/prisma/client';
import { db } from '@/server/db';
import { ticketWhere, visibilityKey, type TicketVisibility } from './visibility';

/**
 * Every model with a `tenantId` column, read from the generated client — not a hand-kept list, so a
 * model added later is scoped from its first migration (a forgotten entry here once let the
 * isolation sweep read another tenant's ticket configuration).
 */
export const TENANT_OWNED: ReadonlySet<string> = new Set(
  Object.values(Prisma.ModelName).filter((model) => {
    const fields = (Prisma as unknown as Record<string, Record<string, string> | undefined>)[`${model}ScalarFieldEnum`];
    return Boolean(fields && 'tenantId' in fields);
  }),
);

const FILTERED = new Set([
  'findUnique', 'findUniqueOrThrow', 'findFirst', 'findFirstOrThrow', 'findMany', 'count', 'aggregate', 'groupBy',
  'update', 'updateMany', 'updateManyAndReturn', 'delete', 'deleteMany',
]);

/** Rows that belong to one ticket: the caller sees them only when it may see their ticket. */
export const TICKET_CHILDREN: ReadonlySet<string> = new Set(['TicketEvent', 'TicketComment', 'TicketFile', 'TicketRead', 'TicketRating', 'TicketProduct', 'TicketSignature']);

type Args = { where?: object; data?: object | object[]; create?: object };

/** The visibility rule added to a filter on `model`, if it concerns tickets. */
function visible(model: string, where: object | undefined, rule: Prisma.TicketWhereInput | null): object | undefined {
  if (!rule) return where;
  if (model === 'Ticket') return { ...where, AND: [rule, ...andOf(where)] };
  if (TICKET_CHILDREN.has(model)) return { ...where, AND: [{ ticket: rule }, ...andOf(where)] };
  return where;
}

function andOf(where: object | undefined): object[] {
  const and = (where as { AND?: object | object[] } | undefined)?.AND;
  return and === undefined ? [] : Array.isArray(and) ? and : [and];
}

function scope(tenantId: string, model: string, operation: string, args: Args, rule: Prisma.TicketWhereInput | null = null): Args {
  if (model === 'Tenant') {
    // A tenant sees and edits only itself, and never creates or deletes tenants.
    if (operation === 'create' || operation === 'createMany' || operation.startsWith('delete') || operation === 'upsert') {
      throw new Error(`Tenant.${operation} is not allowed through a tenant-scoped client`);
    }
    return { ...args, where: { ...args.where, id: tenantId } };
  }
  if (!TENANT_OWNED.has(model)) return args;
  if (FILTERED.has(operation)) return { ...args, where: { ...visible(model, args.where, rule), tenantId } };
  if (operation === 'create') return { ...args, data: { ...args.data, tenantId } };
  if (operation === 'createMany' || operation === 'createManyAndReturn') {
    const rows = Array.isArray(args.data) ? args.data : [args.data];
    return { ...args, data: rows.map((row) => ({ ...row, tenantId })) };
  }
  if (operation === 'upsert') return { ...args, where: { ...visible(model, args.where, rule), tenantId }, create: { ...args.create, tenantId } };
  throw new Error(`${model}.${operation} has no tenant scoping rule`);
}

function extend(tenantId: string, visibility: TicketVisibility) {
  const rule = ticketWhere(visibility);
  return db().$extends({
    name: 'tenant-scope',
    query: {
      $allModels: {
        $allOperations({ model, operation, args, query }) {
          return query(scope(tenantId, model, operation, args as Args, rule) as typeof args);
        },
      },
    },
  });
}

export type ScopedDb = ReturnType<typeof extend>;

const cache = new Map<string, ScopedDb>();

/**
 * The tenant-scoped client for one tenant and one ticket-visibility rule (null: every ticket; the
 * procedure ladder passes the caller's). Kept per tenant and rule; creating one is cheap but not free.
 */
export function scopedDb(tenantId: string, visibility: TicketVisibility = null): ScopedDb {
  const key = `${tenantId}|${visibilityKey(visibility)}`;
  let client = cache.get(key);
  if (!client) {
    if (cache.size > 1000) cache.clear();
    client = extend(tenantId, visibility);
    cache.set(key, client);
  }
  return client;
}
