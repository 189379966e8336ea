-- AlterTable
ALTER TABLE "Ticket" ADD COLUMN     "kilometres" DECIMAL(8,1),
ADD COLUMN     "visitEnd" TIMESTAMP(3),
ADD COLUMN     "visitStart" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "CustomerFile" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "customerId" UUID NOT NULL,
    "ticketId" UUID,
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

    CONSTRAINT "CustomerFile_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SyncReceipt" (
    "tenantId" UUID NOT NULL,
    "key" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "operation" TEXT NOT NULL,
    "payloadHash" TEXT NOT NULL,
    "result" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SyncReceipt_pkey" PRIMARY KEY ("tenantId","key")
);

-- CreateTable
CREATE TABLE "TechnicianPosition" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "latitude" DOUBLE PRECISION NOT NULL,
    "longitude" DOUBLE PRECISION NOT NULL,
    "accuracy" DOUBLE PRECISION,
    "recordedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TechnicianPosition_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CustomerFile_tenantId_customerId_createdAt_idx" ON "CustomerFile"("tenantId", "customerId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "CustomerFile_tenantId_id_key" ON "CustomerFile"("tenantId", "id");

-- CreateIndex
CREATE INDEX "SyncReceipt_createdAt_idx" ON "SyncReceipt"("createdAt");

-- CreateIndex
CREATE INDEX "TechnicianPosition_tenantId_userId_recordedAt_idx" ON "TechnicianPosition"("tenantId", "userId", "recordedAt" DESC);

-- CreateIndex
CREATE INDEX "TechnicianPosition_recordedAt_idx" ON "TechnicianPosition"("recordedAt");

-- CreateIndex
CREATE UNIQUE INDEX "TechnicianPosition_tenantId_id_key" ON "TechnicianPosition"("tenantId", "id");

-- CreateIndex
CREATE INDEX "Connection_tenantId_latitude_longitude_idx" ON "Connection"("tenantId", "latitude", "longitude");

-- CreateIndex
CREATE INDEX "Ticket_tenantId_assigneeId_visitStart_idx" ON "Ticket"("tenantId", "assigneeId", "visitStart");

-- AddForeignKey
ALTER TABLE "CustomerFile" ADD CONSTRAINT "CustomerFile_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CustomerFile" ADD CONSTRAINT "CustomerFile_tenantId_customerId_fkey" FOREIGN KEY ("tenantId", "customerId") REFERENCES "Customer"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CustomerFile" ADD CONSTRAINT "CustomerFile_tenantId_ticketId_fkey" FOREIGN KEY ("tenantId", "ticketId") REFERENCES "Ticket"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CustomerFile" ADD CONSTRAINT "CustomerFile_tenantId_uploadedById_fkey" FOREIGN KEY ("tenantId", "uploadedById") REFERENCES "User"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SyncReceipt" ADD CONSTRAINT "SyncReceipt_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SyncReceipt" ADD CONSTRAINT "SyncReceipt_tenantId_userId_fkey" FOREIGN KEY ("tenantId", "userId") REFERENCES "User"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TechnicianPosition" ADD CONSTRAINT "TechnicianPosition_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TechnicianPosition" ADD CONSTRAINT "TechnicianPosition_tenantId_userId_fkey" FOREIGN KEY ("tenantId", "userId") REFERENCES "User"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;
