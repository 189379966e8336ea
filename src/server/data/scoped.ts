// Tenant scoping by construction (STYLE.md §5). Services never get the bare client: they get this
// one, which adds `tenantId` to every read's and write's filter and every created row, so a
// forgotten filter matches nothing of another tenant rather than everything.
//
// Rules for services: use scalar foreign keys (customerId: …) rather than nested `connect`, and do
// raw SQL only through functions that take the tenant id (see ./sql.ts).
import { Prisma } from '@/generated/prisma/client';
import { db } from '@/server/db';

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

type Args = { where?: object; data?: object | object[]; create?: object };

function scope(tenantId: string, model: string, operation: string, args: Args): Args {
  if (model === 'Tenant') {
    // A tenant sees and edits only itself, and never creates or deletes tenants.
    if (operation === 'create' || operation === 'createMany' || operation.startsWith('delete') || operation === 'upsert') {
      throw new Error(`Tenant.${operation} is not allowed through a tenant-scoped client`);
    }
    return { ...args, where: { ...args.where, id: tenantId } };
  }
  if (!TENANT_OWNED.has(model)) return args;
  if (FILTERED.has(operation)) return { ...args, where: { ...args.where, tenantId } };
  if (operation === 'create') return { ...args, data: { ...args.data, tenantId } };
  if (operation === 'createMany' || operation === 'createManyAndReturn') {
    const rows = Array.isArray(args.data) ? args.data : [args.data];
    return { ...args, data: rows.map((row) => ({ ...row, tenantId })) };
  }
  if (operation === 'upsert') return { ...args, where: { ...args.where, tenantId }, create: { ...args.create, tenantId } };
  throw new Error(`${model}.${operation} has no tenant scoping rule`);
}

function extend(tenantId: string) {
  return db().$extends({
    name: 'tenant-scope',
    query: {
      $allModels: {
        $allOperations({ model, operation, args, query }) {
          return query(scope(tenantId, model, operation, args as Args) as typeof args);
        },
      },
    },
  });
}

export type ScopedDb = ReturnType<typeof extend>;

const cache = new Map<string, ScopedDb>();

/** The tenant-scoped client for one tenant (kept per tenant; creating one is cheap but not free). */
export function scopedDb(tenantId: string): ScopedDb {
  let client = cache.get(tenantId);
  if (!client) {
    if (cache.size > 1000) cache.clear();
    client = extend(tenantId);
    cache.set(tenantId, client);
  }
  return client;
}
