-- CreateIndex
CREATE INDEX "Customer_tenantId_status_createdAt_id_idx" ON "Customer"("tenantId", "status", "createdAt" DESC, "id" DESC);
