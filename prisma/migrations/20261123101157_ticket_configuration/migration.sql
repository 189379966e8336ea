-- CreateEnum
CREATE TYPE "LifecycleStage" AS ENUM ('PENDING', 'FINISHED', 'CLOSED');

-- CreateEnum
CREATE TYPE "Complexity" AS ENUM ('HIGH', 'MEDIUM', 'LOW');

-- CreateEnum
CREATE TYPE "PqrsType" AS ENUM ('PETICION', 'QUEJA', 'RECLAMO', 'SUGERENCIA');

-- CreateTable
CREATE TABLE "TicketArea" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "isDefault" BOOLEAN NOT NULL DEFAULT false,
    "archivedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TicketArea_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TicketState" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "stage" "LifecycleStage" NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,
    "isDefault" BOOLEAN NOT NULL DEFAULT false,
    "archivedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TicketState_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TicketPriority" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "color" TEXT NOT NULL,
    "rank" INTEGER NOT NULL,
    "isDefault" BOOLEAN NOT NULL DEFAULT false,
    "archivedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TicketPriority_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TicketCategory" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "comment" TEXT,
    "price" DECIMAL(12,2),
    "areaId" UUID,
    "defaultTechnicianId" UUID,
    "inUse" BOOLEAN NOT NULL DEFAULT true,
    "inTechnicianApp" BOOLEAN NOT NULL DEFAULT false,
    "inCustomerApp" BOOLEAN NOT NULL DEFAULT false,
    "inPortal" BOOLEAN NOT NULL DEFAULT false,
    "customerDescription" TEXT,
    "color" TEXT NOT NULL DEFAULT '#64748b',
    "customerReasons" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "isDefault" BOOLEAN NOT NULL DEFAULT false,
    "archivedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TicketCategory_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "TicketArea_tenantId_id_key" ON "TicketArea"("tenantId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "TicketArea_tenantId_name_key" ON "TicketArea"("tenantId", "name");

-- CreateIndex
CREATE INDEX "TicketState_tenantId_stage_idx" ON "TicketState"("tenantId", "stage");

-- CreateIndex
CREATE UNIQUE INDEX "TicketState_tenantId_id_key" ON "TicketState"("tenantId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "TicketState_tenantId_name_key" ON "TicketState"("tenantId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "TicketPriority_tenantId_id_key" ON "TicketPriority"("tenantId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "TicketPriority_tenantId_name_key" ON "TicketPriority"("tenantId", "name");

-- CreateIndex
CREATE INDEX "TicketCategory_tenantId_areaId_idx" ON "TicketCategory"("tenantId", "areaId");

-- CreateIndex
CREATE INDEX "TicketCategory_tenantId_defaultTechnicianId_idx" ON "TicketCategory"("tenantId", "defaultTechnicianId");

-- CreateIndex
CREATE UNIQUE INDEX "TicketCategory_tenantId_id_key" ON "TicketCategory"("tenantId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "TicketCategory_tenantId_name_key" ON "TicketCategory"("tenantId", "name");

-- AddForeignKey
ALTER TABLE "TicketArea" ADD CONSTRAINT "TicketArea_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TicketState" ADD CONSTRAINT "TicketState_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TicketPriority" ADD CONSTRAINT "TicketPriority_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TicketCategory" ADD CONSTRAINT "TicketCategory_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TicketCategory" ADD CONSTRAINT "TicketCategory_tenantId_areaId_fkey" FOREIGN KEY ("tenantId", "areaId") REFERENCES "TicketArea"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TicketCategory" ADD CONSTRAINT "TicketCategory_tenantId_defaultTechnicianId_fkey" FOREIGN KEY ("tenantId", "defaultTechnicianId") REFERENCES "User"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
