-- DropIndex
DROP INDEX "Ticket_tenantId_searchText_idx";

-- CreateIndex
CREATE INDEX "Ticket_tenantId_stage_searchText_idx" ON "Ticket" USING GIN ("tenantId" uuid_ops, "stage" enum_ops, "searchText" gin_trgm_ops);
