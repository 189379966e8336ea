-- AlterTable
ALTER TABLE "TicketCounter" DROP CONSTRAINT "TicketCounter_pkey",
ADD COLUMN     "stripe" INTEGER NOT NULL DEFAULT 0,
ADD CONSTRAINT "TicketCounter_pkey" PRIMARY KEY ("tenantId", "stripe");
