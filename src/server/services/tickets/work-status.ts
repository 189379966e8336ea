// G3: the work status's history entries, and the expiry job — assigned tickets whose agreed visit has
// ended become EXPIRED (src/lib/work-status.ts has the other transitions, made by the ticket's saves).
//
// The job runs for the whole installation (src/server/maintenance/work-expiry.ts, in the notification
// worker): each batch is one statement over every tenant's tickets, by the partial index on
// ("visitEnd") WHERE "workStatus" = 'ASSIGNED' — it moves up to BATCH tickets, writes each one's own
// history entry (its tenant, its ticket) and an outbox event `ticket.expired` for the notification
// rules. Idempotent: an expired ticket has left the index's rows, so a second run finds nothing; two
// workers at once skip each other's locked rows.
//
// "Passed" compares instants: "visitEnd" is the instant the visit's slot ends, built from the day and
// time the office chose in the tenant's time zone (src/lib/visits.ts, visitInstants) and stored as UTC
// like every timestamp here. Comparing it with the current instant needs no time zone at all: a visit
// ending at 18:00 in Buenos Aires has passed at 21:00 UTC in every tenant's calendar alike.
//
// The job does not bump the ticket's version: expiring changes nothing anyone edits, and an office form
// or a technician's queued finish read before it must still save (the save keeps or resolves the
// status, src/lib/work-status.ts). Its history entry carries the version the ticket has. The rows' ids
// are PostgreSQL's gen_random_uuid() (a set-based insert; uuidv7() would need PostgreSQL 18 of an
// external DATABASE_URL): one entry per expired ticket, so no ordering among them depends on the id.
import { Prisma } from '@/generated/prisma/client';
import { installationSql } from '@/server/data/sql';
import type { WorkStatus } from '@/lib/work-status';

/** The outbox event of an expiry (the notification rules' `ticket.expired`). */
export const TICKET_EXPIRED = 'ticket.expired';
const BATCH = 1_000;

/** A work-status history entry (kind 'field', field 'workStatus', the statuses' codes, translated when shown). */
export function workStatusEntry(e: { tenantId: string; ticketId: string; actorId: string | null; version: number; from: WorkStatus; to: WorkStatus }) {
  return { tenantId: e.tenantId, ticketId: e.ticketId, actorId: e.actorId, kind: 'field', version: e.version, field: 'workStatus', oldValue: e.from, newValue: e.to };
}

/** Expires every tenant's assigned, pending ticket whose visit ended before `now`; answers how many. */
export async function expireWork(now = new Date(), batch = BATCH): Promise<number> {
  let expired = 0;
  for (;;) {
    const [row] = await installationSql.rows<{ n: number }>(Prisma.sql`
      WITH due AS (
        SELECT t.id FROM "Ticket" t
        WHERE t."workStatus" = 'ASSIGNED'::"WorkStatus" AND t."visitEnd" < ${now}::timestamp
          AND t.stage = 'PENDING'::"LifecycleStage" AND t."assigneeId" IS NOT NULL
        ORDER BY t."visitEnd" LIMIT ${batch}
        FOR UPDATE SKIP LOCKED
      ), moved AS (
        UPDATE "Ticket" t SET "workStatus" = 'EXPIRED'::"WorkStatus"
        FROM due WHERE t.id = due.id
        RETURNING t.id, t."tenantId", t.number, t.version, t."assigneeId", t."visitEnd"
      ), history AS (
        INSERT INTO "TicketEvent" (id, "tenantId", "ticketId", "actorId", kind, version, field, "oldValue", "newValue", "createdAt")
        SELECT gen_random_uuid(), m."tenantId", m.id, NULL, 'field', m.version, 'workStatus', 'ASSIGNED', 'EXPIRED', ${now}::timestamp FROM moved m
      ), outbox AS (
        INSERT INTO "OutboxEvent" (id, "tenantId", type, payload, "createdAt")
        SELECT gen_random_uuid(), m."tenantId", ${TICKET_EXPIRED},
               jsonb_build_object('ticketId', m.id, 'number', m.number, 'assigneeId', m."assigneeId", 'visitEnd', to_char(m."visitEnd", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')),
               ${now}::timestamp
        FROM moved m
      )
      SELECT count(*)::int AS n FROM moved`);
    const n = row?.n ?? 0;
    expired += n;
    // A full batch may leave more behind it (a ticket skipped as locked, or not pending, waits for the next run).
    if (n < batch) break;
  }
  return expired;
}
