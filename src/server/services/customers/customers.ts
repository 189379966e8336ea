// A3: customers (subscribers). Search is accent-insensitive over name, code, tax id and e-mail,
// through a trigram index on searchText that leads with the tenant.
import { z } from 'zod';
import { Prisma } from '@/generated/prisma/client';
import type { TaxIdType } from '@/lib/tax-id';
import { AppError, fieldError, notFound, uniqueViolationFields } from '@/server/errors';
import { can } from '@/lib/permissions';
import { searchTokens } from '@/lib/text';
import { hashPassword, generatePassword } from '@/server/services/auth/passwords';
import { passwordIssue } from '@/server/services/auth/password-policy';
import { END_ALL_SESSIONS } from '@/server/services/auth/sessions';
import type { StaffCaller } from '@/server/services/caller';
import type { ScopedDb } from '@/server/data/scoped';
import { customerSearchText } from './search-text';
import { refreshCustomerTicketsSearchText, ticketFieldsChanged } from './ticket-search-text';
import { assertReferences } from './references';
import { ZCustomerCreate, ZCustomerList, ZCustomerUpdate } from './schemas';
import { listOrder } from '@/lib/list-order';

const LIST_SELECT = {
  id: true,
  code: true,
  name: true,
  taxIdType: true,
  taxId: true,
  emails: true,
  phones: true,
  address: true,
  status: true,
  createdAt: true,
  locality: { select: { id: true, name: true } },
} satisfies Prisma.CustomerSelect;

type ListRow = {
  id: string;
  code: string;
  name: string;
  taxIdType: TaxIdType | null;
  taxId: string | null;
  emails: string[];
  phones: string[];
  address: string | null;
  status: 'ACTIVE' | 'DELETED';
  createdAt: Date;
  tenantId: string;
  customerLocalityId: string | null;
  localityId: string | null;
  localityName: string | null;
  connectionCount: number;
};

const SORT_COLUMNS = { name: Prisma.raw('c.name'), code: Prisma.raw('c.code'), createdAt: Prisma.raw('c."createdAt"') } as const;
const SORT_OUTER = { name: Prisma.raw('p.name'), code: Prisma.raw('p.code'), createdAt: Prisma.raw('p."createdAt"') } as const;

/**
 * One page of the tenant's customers, in one query: the row, its locality and its number of
 * connections. (Through Prisma this was three round trips, and `_count` aggregated the tenant's
 * whole Connection table first: 39 ms at 20,000 customers.) Raw SQL, so the tenant is explicit.
 */
/** The list's filters as conditions on a customer row `c` of the tenant (the list and its export, C15). */
export function customerConditions(input: Pick<z.output<typeof ZCustomerList>, 'query' | 'status' | 'localityId'>) {
  const tokens = input.query ? searchTokens(input.query) : [];
  return (tenant: Prisma.Sql) => [
    Prisma.sql`c."tenantId" = ${tenant}`,
    ...(input.status === 'ALL' ? [] : [Prisma.sql`c.status = ${input.status}::"CustomerStatus"`]),
    ...(input.localityId ? [Prisma.sql`c."localityId" = ${input.localityId}::uuid`] : []),
    // searchTokens escapes LIKE's wildcards; the trigram index on (tenantId, searchText) serves these.
    ...tokens.map((t) => Prisma.sql`c."searchText" LIKE ${`%${t}%`}`),
  ];
}

export async function listCustomers({ db, sql }: StaffCaller, input: z.output<typeof ZCustomerList>) {
  const tokens = input.query ? searchTokens(input.query) : [];
  const { sort, direction } = listOrder(input, tokens.length > 0);
  const dir = Prisma.raw(direction === 'desc' ? 'DESC' : 'ASC');
  const conditions = customerConditions(input);
  // The page is chosen first and only its rows are counted: in one flat SELECT the count would run
  // for every row OFFSET skips too.
  const rows = await sql.query<ListRow[]>(db, (s) => Prisma.sql`
    SELECT p.*, l.id AS "localityId", l.name AS "localityName",
           (SELECT count(*)::int FROM "Connection" k WHERE k."tenantId" = p."tenantId" AND k."customerId" = p.id) AS "connectionCount"
    FROM (
      SELECT c.id, c."tenantId", c.code, c.name, c."taxIdType", c."taxId", coalesce(c.emails, '{}') AS emails, coalesce(c.phones, '{}') AS phones, c.address, c.status, c."createdAt", c."localityId" AS "customerLocalityId"
      FROM "Customer" c
      WHERE ${Prisma.join(conditions(s.tenant), ' AND ')}
      ORDER BY ${SORT_COLUMNS[sort]} ${dir}, c.id ${dir}
      LIMIT ${input.pageSize + 1} OFFSET ${(input.page - 1) * input.pageSize}
    ) p
    LEFT JOIN "Locality" l ON l."tenantId" = p."tenantId" AND l.id = p."customerLocalityId"
    ORDER BY ${SORT_OUTER[sort]} ${dir}, p.id ${dir}`);
  // One more than asked tells whether a next page exists without counting the whole tenant.
  const items = rows.slice(0, input.pageSize).map(({ localityId, localityName, tenantId: _tenant, customerLocalityId: _locality, ...row }) => ({
    ...row,
    locality: localityId ? { id: localityId, name: localityName ?? '' } : null,
  }));
  return { items, hasMore: rows.length > input.pageSize, page: input.page, pageSize: input.pageSize };
}

export async function getCustomer(caller: StaffCaller, id: string) {
  const showPrices = can(caller.actor.role, 'billing.read');
  const customer = await caller.db.customer.findUnique({
    where: { id },
    select: {
      ...LIST_SELECT,
      notes: true,
      localityId: true,
      createdAt: true,
      updatedAt: true,
      deletedAt: true,
      portalPasswordHash: true,
      connections: {
        orderBy: { createdAt: 'asc' },
        select: {
          id: true,
          code: true,
          type: true,
          address: true,
          latitude: true,
          longitude: true,
          status: true,
          localityId: true,
          planId: true,
          nodeId: true,
          locality: { select: { id: true, name: true } },
          node: { select: { id: true, name: true } },
          plan: { select: { id: true, name: true, downloadMbps: true, uploadMbps: true, price: showPrices } },
        },
      },
    },
  });
  if (!customer) throw notFound();
  const { portalPasswordHash, connections, ...rest } = customer;
  // Amounts travel as numbers; the price only when it was read (billing.read).
  const priced = connections.map(({ plan, ...k }) => {
    if (!plan) return { ...k, plan: null };
    const { price, ...rest } = plan as typeof plan & { price?: Prisma.Decimal | null };
    return { ...k, plan: { ...rest, ...(price !== undefined ? { price: price === null ? null : Number(price) } : {}) } };
  });
  return { ...rest, connections: priced, hasPortalPassword: Boolean(portalPasswordHash) };
}

/** Maps a unique violation on code or tax id to the field that caused it. */
function duplicateError(error: unknown): AppError | null {
  const fields = uniqueViolationFields(error);
  if (!fields) return null;
  if (fields.includes('taxId')) return fieldError('taxId', 'validation.taxIdTaken', undefined, 'CONFLICT');
  if (fields.includes('code') && fields.includes('customerId') === false) return fieldError('code', 'validation.codeTaken', undefined, 'CONFLICT');
  return new AppError('CONFLICT', 'conflict');
}

async function assertUnique(db: ScopedDb, values: { code?: string; taxId?: string | null }, exceptId?: string) {
  const not = exceptId ? { id: { not: exceptId } } : {};
  if (values.taxId && (await db.customer.findFirst({ where: { taxId: values.taxId, ...not }, select: { id: true } }))) {
    throw fieldError('taxId', 'validation.taxIdTaken', undefined, 'CONFLICT');
  }
  if (values.code && (await db.customer.findFirst({ where: { code: values.code, ...not }, select: { id: true } }))) {
    throw fieldError('code', 'validation.codeTaken', undefined, 'CONFLICT');
  }
}

/** The next numeric customer code: one more than the largest numeric code in use. */
export async function nextCustomerCode({ db, sql }: StaffCaller): Promise<string> {
  const rows = await sql.query<{ max: bigint | null }[]>(db, (s) => Prisma.sql`
    SELECT max(code::bigint) AS max FROM "Customer" WHERE "tenantId" = ${s.tenant} AND code ~ '^[0-9]{1,18}$'`);
  return String((rows[0]?.max ?? 0n) + 1n);
}

export async function createCustomer(caller: StaffCaller, input: z.output<typeof ZCustomerCreate>) {
  const { db, tenantId } = caller;
  const code = input.code ?? (await nextCustomerCode(caller));
  await assertReferences(db, { localityId: input.localityId });
  for (const [i, c] of input.connections.entries()) await assertReferences(db, c, `connections.${i}.`);
  await assertUnique(db, { code, taxId: input.taxId });
  try {
    return await db.$transaction(async (tx) => {
      const { connections, ...fields } = input;
      const customer = await tx.customer.create({
        data: {
          ...fields,
          tenantId,
          code,
          taxIdType: input.taxId ? input.taxIdType : null,
          searchText: customerSearchText({ ...fields, code }),
        },
        select: { id: true, code: true, name: true },
      });
      if (connections.length) {
        await tx.connection.createMany({ data: connections.map((c) => ({ ...c, tenantId, customerId: customer.id })) });
      }
      return customer;
    });
  } catch (error) {
    throw duplicateError(error) ?? error;
  }
}

export async function updateCustomer(caller: StaffCaller, input: z.output<typeof ZCustomerUpdate>) {
  const { db } = caller;
  const { id, ...changes } = input;
  const current = await db.customer.findUnique({ where: { id }, select: { id: true, name: true, code: true, taxId: true, emails: true } });
  if (!current) throw notFound();
  await assertReferences(db, { localityId: changes.localityId });
  await assertUnique(db, { code: changes.code, taxId: changes.taxId }, id);
  const next = { ...current, ...Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) } as typeof current;
  try {
    return await db.$transaction(async (tx) => {
      const updated = await tx.customer.update({
        where: { id },
        data: {
          ...changes,
          ...(changes.taxId === null ? { taxIdType: null } : {}),
          searchText: customerSearchText(next),
        },
        select: { id: true, code: true, name: true },
      });
      // The customer's tickets are found by its name, code and tax id: they change together.
      if (ticketFieldsChanged(current, next)) await refreshCustomerTicketsSearchText(tx, caller.sql, next);
      return updated;
      // Rewriting a ticket costs its indexes' upkeep, about 0.3 ms (5,000 tickets: 1.4 s on the
      // development machine): a company with tens of thousands needs more than Prisma's 5 s.
    }, { timeout: 60_000 });
  } catch (error) {
    throw duplicateError(error) ?? error;
  }
}

/**
 * Soft delete: the customer stays (with its history) but is marked deleted. Their portal sessions
 * end (even where the tenant lets deleted customers sign in again, F2).
 */
export async function setCustomerDeleted({ db }: StaffCaller, id: string, deleted: boolean) {
  const result = await db.customer.updateMany({
    where: { id },
    data: deleted ? { status: 'DELETED', deletedAt: new Date(), ...END_ALL_SESSIONS } : { status: 'ACTIVE', deletedAt: null },
  });
  if (result.count !== 1) throw notFound();
  return { id, status: deleted ? ('DELETED' as const) : ('ACTIVE' as const) };
}

/** C6: a new portal password, shown once to the operator to pass on to the customer; sessions opened with the old one end. */
export async function regeneratePortalPassword({ db }: StaffCaller, id: string) {
  const customer = await db.customer.findUnique({ where: { id }, select: { name: true, code: true, taxId: true, emails: true } });
  if (!customer) throw notFound();
  // The password policy holds for generated passwords too (a collision with the common list is all but impossible; never kept).
  let password = generatePassword();
  while (passwordIssue(password, [customer.name, customer.code, customer.taxId, ...customer.emails])) password = generatePassword();
  const result = await db.customer.updateMany({ where: { id }, data: { portalPasswordHash: await hashPassword(password), ...END_ALL_SESSIONS } });
  if (result.count !== 1) throw notFound();
  return { id, password };
}
