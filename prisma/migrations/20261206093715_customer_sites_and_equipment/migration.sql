-- CreateEnum
CREATE TYPE "EquipmentType" AS ENUM ('ROUTER', 'ONT', 'ANTENNA', 'SWITCH', 'DECODER', 'OTHER');

-- AlterTable
ALTER TABLE "Ticket" ADD COLUMN     "equipmentId" UUID,
ADD COLUMN     "siteId" UUID;

-- CreateTable
CREATE TABLE "CustomerSite" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "customerId" UUID NOT NULL,
    "label" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "locality" TEXT,
    "latitude" DOUBLE PRECISION,
    "longitude" DOUBLE PRECISION,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CustomerSite_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "CustomerEquipment" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "customerId" UUID NOT NULL,
    "type" "EquipmentType" NOT NULL,
    "brand" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "serial" TEXT,
    "note" TEXT,
    "siteId" UUID,
    "connectionId" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CustomerEquipment_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateIndex
CREATE INDEX "CustomerSite_tenantId_customerId_idx" ON "CustomerSite"("tenantId", "customerId");

-- CreateIndex
CREATE UNIQUE INDEX "CustomerSite_tenantId_customerId_id_key" ON "CustomerSite"("tenantId", "customerId", "id");

-- CreateIndex
CREATE INDEX "CustomerEquipment_tenantId_customerId_idx" ON "CustomerEquipment"("tenantId", "customerId");

-- CreateIndex
CREATE INDEX "CustomerEquipment_tenantId_siteId_idx" ON "CustomerEquipment"("tenantId", "siteId");

-- CreateIndex
CREATE INDEX "CustomerEquipment_tenantId_connectionId_idx" ON "CustomerEquipment"("tenantId", "connectionId");

-- CreateIndex
CREATE UNIQUE INDEX "CustomerEquipment_tenantId_serial_key" ON "CustomerEquipment"("tenantId", "serial");

-- CreateIndex
CREATE UNIQUE INDEX "CustomerEquipment_tenantId_customerId_id_key" ON "CustomerEquipment"("tenantId", "customerId", "id");

-- CreateIndex
CREATE INDEX "Ticket_tenantId_siteId_idx" ON "Ticket"("tenantId", "siteId");

-- CreateIndex
CREATE INDEX "Ticket_tenantId_equipmentId_idx" ON "Ticket"("tenantId", "equipmentId");

-- AddForeignKey
ALTER TABLE "Ticket" ADD CONSTRAINT "Ticket_tenantId_customerId_siteId_fkey" FOREIGN KEY ("tenantId", "customerId", "siteId") REFERENCES "CustomerSite"("tenantId", "customerId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Ticket" ADD CONSTRAINT "Ticket_tenantId_customerId_equipmentId_fkey" FOREIGN KEY ("tenantId", "customerId", "equipmentId") REFERENCES "CustomerEquipment"("tenantId", "customerId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CustomerSite" ADD CONSTRAINT "CustomerSite_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CustomerSite" ADD CONSTRAINT "CustomerSite_tenantId_customerId_fkey" FOREIGN KEY ("tenantId", "customerId") REFERENCES "Customer"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CustomerEquipment" ADD CONSTRAINT "CustomerEquipment_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CustomerEquipment" ADD CONSTRAINT "CustomerEquipment_tenantId_customerId_fkey" FOREIGN KEY ("tenantId", "customerId") REFERENCES "Customer"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CustomerEquipment" ADD CONSTRAINT "CustomerEquipment_tenantId_customerId_siteId_fkey" FOREIGN KEY ("tenantId", "customerId", "siteId") REFERENCES "CustomerSite"("tenantId", "customerId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CustomerEquipment" ADD CONSTRAINT "CustomerEquipment_tenantId_customerId_connectionId_fkey" FOREIGN KEY ("tenantId", "customerId", "connectionId") REFERENCES "Connection"("tenantId", "customerId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
