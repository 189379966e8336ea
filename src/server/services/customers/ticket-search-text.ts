// A ticket's search text carries its customer's name, code and tax id (ticketSearchText), so the
// grid's search bar finds a ticket by its customer. When those change, the customer's tickets are
// rewritten in the customer's own transaction — one read and one UPDATE … FROM, however many tickets
// the customer has — so the new name finds them and the old one no longer does.
import { Prisma } from '@/generated/prisma/client';
import type { ExecuteClient, QueryClient, TenantSql } from '@/server/data/sql';
import { ticketSearchText } from '@/server/services/tickets/tickets';

/** Any transaction that runs raw SQL: the root client's or a tenant-scoped one's. */
type Tx = QueryClient & ExecuteClient;

type Customer = { id: string; name: string; code: string; taxId: string | null };

/** The search fields of a customer that its tickets copy. */
export function ticketFieldsChanged(before: Customer, after: Customer): boolean {
  return before.name !== after.name || before.code !== after.code || (before.taxId ?? null) !== (after.taxId ?? null);
}

/**
 * Rewrites the search text of every ticket of `customer` (as it is now), inside the caller's
 * transaction. The tickets are locked while they are read, so a ticket saved at the same time is
 * rewritten from its saved title and description. Neither the version nor updatedAt moves: no one's
 * open form becomes stale because a customer was renamed. Returns how many tickets changed.
 */
export async function refreshCustomerTicketsSearchText(tx: Tx, sql: TenantSql, customer: Customer): Promise<number> {
  // Every ticket of the customer, whoever renamed them: what the tickets copy must not go stale.
  // ticketSearchText reads the first 2,000 characters of a description; no more is sent here.
  const tickets = await sql.query<{ id: string; number: number; callNumber: string | null; title: string; description: string }[]>(tx, (s) => Prisma.sql`
    SELECT id, number, "callNumber", title, left(description, 2000) AS description FROM "Ticket"
    WHERE "tenantId" = ${s.tenant} AND "customerId" = ${customer.id}::uuid ${s.unrestricted('keeps data every ticket copies in step')}
    FOR UPDATE`);
  if (tickets.length === 0) return 0;
  const texts = tickets.map((t) => ticketSearchText({ ...t, customer }));
  return sql.execute(tx, (s) => Prisma.sql`
    UPDATE "Ticket" AS t SET "searchText" = v.text
    FROM unnest(${tickets.map((t) => t.id)}::uuid[], ${texts}::text[]) AS v(id, text)
    WHERE t."tenantId" = ${s.tenant} AND t.id = v.id AND t."searchText" IS DISTINCT FROM v.text ${s.unrestricted('keeps data every ticket copies in step')}`);
}
