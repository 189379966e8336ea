-- AlterEnum
ALTER TYPE "FileVisibility" ADD VALUE 'CUSTOMER';

-- AlterTable
ALTER TABLE "TicketFile" ADD COLUMN     "sourceFileId" UUID,
ADD COLUMN     "sourcePage" INTEGER;

-- CreateTable
CREATE TABLE "TicketSignature" (
    "tenantId" UUID NOT NULL,
    "ticketId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "image" BYTEA NOT NULL,
    "signedAt" TIMESTAMP(3) NOT NULL,
    "latitude" DOUBLE PRECISION,
    "longitude" DOUBLE PRECISION,
    "accuracy" DOUBLE PRECISION,
    "collectedById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TicketSignature_pkey" PRIMARY KEY ("tenantId","ticketId")
);

-- AddForeignKey
ALTER TABLE "TicketSignature" ADD CONSTRAINT "TicketSignature_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TicketSignature" ADD CONSTRAINT "TicketSignature_tenantId_ticketId_fkey" FOREIGN KEY ("tenantId", "ticketId") REFERENCES "Ticket"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;
