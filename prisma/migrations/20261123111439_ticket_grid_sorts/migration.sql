-- CreateIndex
CREATE INDEX "Ticket_tenantId_stage_dueAt_number_idx" ON "Ticket"("tenantId", "stage", "dueAt", "number" DESC);

-- CreateIndex
CREATE INDEX "Ticket_tenantId_stage_statusChangedAt_number_idx" ON "Ticket"("tenantId", "stage", "statusChangedAt" DESC, "number" DESC);
