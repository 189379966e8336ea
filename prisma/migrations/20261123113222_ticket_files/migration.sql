-- CreateEnum
CREATE TYPE "FileVisibility" AS ENUM ('PUBLIC', 'TECHNICIAN', 'STAFF');

-- CreateEnum
CREATE TYPE "FileStorage" AS ENUM ('LOCAL', 'UPLOADTHING');

-- CreateTable
CREATE TABLE "TicketFile" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "ticketId" UUID NOT NULL,
    "commentId" UUID,
    "uploadedById" UUID,
    "name" TEXT NOT NULL,
    "mime" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "image" BOOLEAN NOT NULL,
    "width" INTEGER,
    "height" INTEGER,
    "visibility" "FileVisibility" NOT NULL,
    "storage" "FileStorage" NOT NULL,
    "key" TEXT NOT NULL,
    "thumbKey" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TicketFile_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "TicketFile_tenantId_ticketId_createdAt_idx" ON "TicketFile"("tenantId", "ticketId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "TicketFile_tenantId_id_key" ON "TicketFile"("tenantId", "id");

-- AddForeignKey
ALTER TABLE "TicketFile" ADD CONSTRAINT "TicketFile_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TicketFile" ADD CONSTRAINT "TicketFile_tenantId_ticketId_fkey" FOREIGN KEY ("tenantId", "ticketId") REFERENCES "Ticket"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TicketFile" ADD CONSTRAINT "TicketFile_tenantId_commentId_fkey" FOREIGN KEY ("tenantId", "commentId") REFERENCES "TicketComment"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TicketFile" ADD CONSTRAINT "TicketFile_tenantId_uploadedById_fkey" FOREIGN KEY ("tenantId", "uploadedById") REFERENCES "User"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
