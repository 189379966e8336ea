-- AlterTable
ALTER TABLE "TicketArea" ADD COLUMN     "email" TEXT;

-- AlterTable
ALTER TABLE "Message" ADD COLUMN     "scheduledFor" TIMESTAMP(3);
