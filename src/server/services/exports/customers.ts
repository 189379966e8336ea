// C15: the customer list as a file — all customers, or the list's search, status and locality —
// read in pages by id (keyset) through the tenant's scoped SQL.
import { z } from 'zod';
import { Prisma } from '@/generated/prisma/client';
import { translator } from '@/i18n/catalog';
import { customerConditions } from '@/server/services/customers/customers';
import { CUSTOMER_STATUSES } from '@/server/services/customers/schemas';
import type { StaffCaller } from '@/server/services/caller';
import { pagedFill, type SheetColumn } from './sheet';
import { PAGE_ROWS } from './tickets';

export const ZCustomerExport = z.object({
  scope: z.enum(['all', 'filtered']).default('filtered'),
  query: z.string().trim().max(100).optional(),
  status: z.enum([...CUSTOMER_STATUSES, 'ALL']).default('ACTIVE'),
  localityId: z.uuid().optional(),
});
export type CustomerExport = z.output<typeof ZCustomerExport>;

type Row = { id: string; code: string; name: string; taxIdType: string | null; taxId: string | null; emails: string[]; phones: string[]; address: string | null; locality: string | null; status: 'ACTIVE' | 'DELETED'; connections: number; createdAt: Date };

/** `all`: every active customer — what the list shows with no search. */
const conditionsOf = (input: CustomerExport) => customerConditions(input.scope === 'all' ? { status: 'ACTIVE' } : input);

export async function countCustomerExport(caller: StaffCaller, input: CustomerExport, cap: number): Promise<number> {
  const where = conditionsOf(input);
  const [row] = await caller.sql.rows<{ n: number }>((s) => Prisma.sql`SELECT count(*)::int AS n FROM (SELECT 1 FROM "Customer" c WHERE ${Prisma.join(where(s.tenant), ' AND ')} LIMIT ${cap + 1}) x`);
  return row?.n ?? 0;
}

export async function customerExport(caller: StaffCaller, input: CustomerExport, onPage?: (rows: number) => Promise<void>) {
  const t = translator(caller.locale, 'customers');
  const e = translator(caller.locale, 'enums');
  const taxIdType = (v: string | null) => (v ? e(`taxIdType.${v}`) : null);
  const columns: (SheetColumn & { value: (r: Row) => string | number | Date | null })[] = [
    { header: t('code'), type: 'text', width: 12, value: (r) => r.code },
    { header: t('name'), type: 'text', width: 30, value: (r) => r.name },
    { header: t('taxIdType'), type: 'text', value: (r) => taxIdType(r.taxIdType) },
    { header: t('taxIdNumber'), type: 'text', value: (r) => r.taxId },
    { header: t('emails'), type: 'text', width: 30, value: (r) => r.emails.join(', ') || null },
    { header: t('phones'), type: 'text', value: (r) => r.phones.join(', ') || null },
    { header: t('address'), type: 'text', width: 30, value: (r) => r.address },
    { header: t('locality'), type: 'text', value: (r) => r.locality },
    { header: t('status'), type: 'text', width: 10, value: (r) => e(`customerStatus.${r.status}`) },
    { header: t('connectionsCount'), type: 'int', value: (r) => r.connections },
    { header: t('createdAt'), type: 'datetime', value: (r) => r.createdAt },
  ];
  const where = conditionsOf(input);
  const tz = caller.tenant.timeZone;
  const page = (after: string | null) =>
    caller.sql.rows<Row>((s) => Prisma.sql`
      SELECT p.id, p.code, p.name, p."taxIdType", p."taxId", coalesce(p.emails, '{}') AS emails, coalesce(p.phones, '{}') AS phones, p.address, l.name AS locality, p.status,
             (SELECT count(*)::int FROM "Connection" k WHERE k."tenantId" = p."tenantId" AND k."customerId" = p.id) AS connections,
             (p."createdAt" AT TIME ZONE 'UTC') AT TIME ZONE ${tz} AS "createdAt"
      FROM (SELECT * FROM "Customer" c WHERE ${Prisma.join([...where(s.tenant), ...(after ? [Prisma.sql`c.id > ${after}::uuid`] : [])], ' AND ')} ORDER BY c.id LIMIT ${PAGE_ROWS}) p
      LEFT JOIN "Locality" l ON l."tenantId" = p."tenantId" AND l.id = p."localityId"
      ORDER BY p.id`);
  const fill = pagedFill(page, (r) => r.id, (r) => columns.map((c) => c.value(r)), PAGE_ROWS, onPage);
  return { columns: columns.map(({ header, type, width }) => ({ header, type, width })), fill };
}
