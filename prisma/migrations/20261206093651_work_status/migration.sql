-- G3: a ticket's work status (src/lib/work-status.ts): TO_ASSIGN, ASSIGNED, COMPLETED, EXPIRED, kept by
-- the application with every change of assignee, stage or visit, and by the expiry job
-- (src/server/services/tickets/work-expiry.ts) when the agreed visit has passed.

-- CreateEnum
CREATE TYPE "WorkStatus" AS ENUM ('TO_ASSIGN', 'ASSIGNED', 'COMPLETED', 'EXPIRED');

-- AlterTable
ALTER TABLE "Ticket" ADD COLUMN     "workStatus" "WorkStatus" NOT NULL DEFAULT 'TO_ASSIGN';

-- Existing tickets, from what they already say (no history entry: this is their first value, not a change):
-- finished or closed → COMPLETED; pending with a technician → ASSIGNED, or EXPIRED when the scheduled visit
-- has already ended; pending without one → TO_ASSIGN (the column's default: those rows are not rewritten).
UPDATE "Ticket"
SET "workStatus" = CASE
  WHEN stage <> 'PENDING' THEN 'COMPLETED'::"WorkStatus"
  WHEN "visitEnd" IS NOT NULL AND "visitEnd" < (now() AT TIME ZONE 'UTC') THEN 'EXPIRED'::"WorkStatus"
  ELSE 'ASSIGNED'::"WorkStatus"
END
WHERE stage <> 'PENDING' OR "assigneeId" IS NOT NULL;

-- The expiry job's scan: assigned tickets by the end of their visit. Partial, so it holds only ASSIGNED
-- rows (a ticket leaves it as it expires, is finished or unassigned), and the job's predicate
-- `"workStatus" = 'ASSIGNED' AND "visitEnd" < $now` is one range of it. Across tenants on purpose: the
-- job runs once for the whole installation. (Not in schema.prisma: Prisma cannot state a partial index.)
CREATE INDEX "Ticket_work_expiry_idx" ON "Ticket" ("visitEnd") WHERE "workStatus" = 'ASSIGNED';
