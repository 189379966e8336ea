-- AlterTable
ALTER TABLE "Ticket" ADD COLUMN     "clientKey" UUID;

-- AlterTable
ALTER TABLE "TicketEvent" ADD COLUMN     "visibility" "FileVisibility";

-- AlterTable
ALTER TABLE "TicketComment" ADD COLUMN     "clientKey" UUID;

-- CreateIndex
CREATE UNIQUE INDEX "Ticket_tenantId_clientKey_key" ON "Ticket"("tenantId", "clientKey");

-- CreateIndex
CREATE UNIQUE INDEX "TicketComment_tenantId_clientKey_key" ON "TicketComment"("tenantId", "clientKey");

-- History entries that name a file take the file's visibility (technicians never read the names
-- of the office's own files). A file removed since is no longer there to ask: its entries are
-- kept for the office only.
UPDATE "TicketEvent" e SET "visibility" = COALESCE(
  (SELECT f."visibility" FROM "TicketFile" f
    WHERE f."tenantId" = e."tenantId" AND f."ticketId" = e."ticketId" AND f."name" = e."newValue"
    ORDER BY (f."visibility" = 'STAFF') DESC LIMIT 1),
  'STAFF')
WHERE e."kind" = 'file';
