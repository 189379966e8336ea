// Keeps the ticket search indexes' pending lists short, off the request path.
//
// A GIN index (the grid's trigram search and its filters) adds new entries to a pending list and
// merges the list into the index once it outgrows gin_pending_list_limit (4 MB). Left alone, that
// merge runs inside whichever ticket creation crosses the limit: every few seconds at 400 creations
// a second, one creation spent 50–200 ms merging while it held its tenant's numbering row, and every
// creation in flight waited behind it. Merged here every second, the list stays near 1 MB — each
// merge 30–55 ms of one PostgreSQL backend that no creation waits for — and searches scan a shorter
// list. If this stops (another role owns the index, the database is away), PostgreSQL's own merge at
// the limit is still there: slower tails, nothing lost.
import { Prisma } from '@/generated/prisma/client';
import { installationSql } from '@/server/data/sql';
import { logger } from '@/server/logger';
import { repeat } from '@/server/maintenance/repeat';

/** The GIN indexes that ticket creation writes to. */
const PENDING_LIST_INDEXES = ['Ticket_tenantId_stage_searchText_idx', 'Ticket_filters_idx'] as const;

/** Any constant: with several app servers on one database, the one holding it merges and the others skip. */
export const MERGE_LOCK = 7_346_219_001;

const MERGE = Prisma.sql`
  SELECT CASE WHEN pg_try_advisory_xact_lock(${MERGE_LOCK})
    THEN (${Prisma.join(PENDING_LIST_INDEXES.map((name) => Prisma.sql`gin_clean_pending_list(${`"${name}"`}::regclass)`), ' + ')})::int END AS pages`;

/**
 * One merge of every pending list, in one statement (its own transaction, so it also works through
 * PgBouncer's transaction mode). Returns the pages merged, or null when another server was merging.
 */
export async function mergeSearchPendingLists(): Promise<number | null> {
  const [row] = await installationSql.rows<{ pages: number | null }>(MERGE);
  return row!.pages;
}

/** Merges every second until the returned function is called (which waits for a merge in progress). */
export function startSearchIndexMerges({ everyMs = 1_000 } = {}): () => Promise<void> {
  return repeat(
    async () => {
      try {
        await mergeSearchPendingLists();
      } catch (error) {
        // Only the index's owner may merge (42501): another role runs the app, and PostgreSQL's merge at the limit stays.
        if ((error as { code?: string }).code === '42501') {
          logger.warn({ err: error }, 'search index merges are off: the app role does not own the ticket search indexes');
          return 'stop';
        }
        logger.warn({ err: error }, 'search index merge failed; retrying');
      }
    },
    { everyMs },
  );
}
