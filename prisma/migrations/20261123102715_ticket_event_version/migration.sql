-- AlterTable
ALTER TABLE "TicketEvent" ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;
