-- CreateEnum
CREATE TYPE "PortalAccessKind" AS ENUM ('LINK', 'CODE');

-- AlterTable
ALTER TABLE "Customer" ADD COLUMN     "welcomeSeenAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "PortalAccessToken" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "customerId" UUID NOT NULL,
    "kind" "PortalAccessKind" NOT NULL,
    "secretHash" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PortalAccessToken_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateIndex
CREATE INDEX "PortalAccessToken_tenantId_customerId_createdAt_idx" ON "PortalAccessToken"("tenantId", "customerId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "PortalAccessToken_tenantId_secretHash_key" ON "PortalAccessToken"("tenantId", "secretHash");

-- AddForeignKey
ALTER TABLE "PortalAccessToken" ADD CONSTRAINT "PortalAccessToken_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PortalAccessToken" ADD CONSTRAINT "PortalAccessToken_tenantId_customerId_fkey" FOREIGN KEY ("tenantId", "customerId") REFERENCES "Customer"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;
