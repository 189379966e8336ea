-- CreateEnum
CREATE TYPE "ScheduleStatus" AS ENUM ('TO_SCHEDULE', 'AWAITING_CUSTOMER', 'AWAITING_COMPANY', 'AGREED');

-- CreateEnum
CREATE TYPE "ScheduleSide" AS ENUM ('OFFICE', 'CUSTOMER');

-- AlterTable
ALTER TABLE "Ticket" ADD COLUMN     "proposalNote" TEXT,
ADD COLUMN     "proposedAt" TIMESTAMP(3),
ADD COLUMN     "proposedBy" "ScheduleSide",
ADD COLUMN     "proposedEnd" TIMESTAMP(3),
ADD COLUMN     "proposedStart" TIMESTAMP(3),
ADD COLUMN     "scheduleStatus" "ScheduleStatus" NOT NULL DEFAULT 'TO_SCHEDULE',
ADD COLUMN     "startedAt" TIMESTAMP(3),
ADD COLUMN     "startedById" UUID;

-- AddForeignKey
ALTER TABLE "Ticket" ADD CONSTRAINT "Ticket_tenantId_startedById_fkey" FOREIGN KEY ("tenantId", "startedById") REFERENCES "User"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- A visit set before G4 was set by the office: it is agreed. A customer's ticket that already had one
-- had it shown to its technician, so it counts as started (G10) and stays in the technician's app.
UPDATE "Ticket" SET "scheduleStatus" = 'AGREED' WHERE "visitStart" IS NOT NULL;
UPDATE "Ticket" SET "startedAt" = "updatedAt" WHERE "visitStart" IS NOT NULL AND "assigneeId" IS NOT NULL AND channel IN ('PORTAL', 'CUSTOMER_APP');
