-- CreateEnum
CREATE TYPE "PaymentPromiseOutcome" AS ENUM ('PENDING', 'KEPT', 'BROKEN');

-- CreateTable
CREATE TABLE "PaymentPromise" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "customerId" UUID NOT NULL,
    "connectionId" UUID NOT NULL,
    "days" INTEGER NOT NULL,
    "overdueDebt" DECIMAL(18,4) NOT NULL,
    "grantedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "until" TIMESTAMP(3) NOT NULL,
    "outcome" "PaymentPromiseOutcome" NOT NULL DEFAULT 'PENDING',
    "resolvedAt" TIMESTAMP(3),
    "paidSince" DECIMAL(18,4),

    CONSTRAINT "PaymentPromise_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "ConnectionEvent" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "customerId" UUID NOT NULL,
    "connectionId" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "fromStatus" "ConnectionStatus",
    "toStatus" "ConnectionStatus",
    "actorId" UUID,
    "byCustomer" BOOLEAN NOT NULL DEFAULT false,
    "promiseId" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ConnectionEvent_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "TicketRating" (
    "tenantId" UUID NOT NULL,
    "ticketId" UUID NOT NULL,
    "customerId" UUID NOT NULL,
    "rating" SMALLINT NOT NULL,
    "comment" TEXT,
    "tokenHash" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TicketRating_pkey" PRIMARY KEY ("tenantId","ticketId")
);

-- CreateIndex
CREATE INDEX "PaymentPromise_tenantId_customerId_grantedAt_idx" ON "PaymentPromise"("tenantId", "customerId", "grantedAt");

-- CreateIndex
CREATE INDEX "PaymentPromise_outcome_until_idx" ON "PaymentPromise"("outcome", "until");

-- CreateIndex
CREATE INDEX "ConnectionEvent_tenantId_connectionId_createdAt_idx" ON "ConnectionEvent"("tenantId", "connectionId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "TicketRating_tenantId_tokenHash_key" ON "TicketRating"("tenantId", "tokenHash");

-- AddForeignKey
ALTER TABLE "PaymentPromise" ADD CONSTRAINT "PaymentPromise_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PaymentPromise" ADD CONSTRAINT "PaymentPromise_tenantId_customerId_fkey" FOREIGN KEY ("tenantId", "customerId") REFERENCES "Customer"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PaymentPromise" ADD CONSTRAINT "PaymentPromise_tenantId_customerId_connectionId_fkey" FOREIGN KEY ("tenantId", "customerId", "connectionId") REFERENCES "Connection"("tenantId", "customerId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConnectionEvent" ADD CONSTRAINT "ConnectionEvent_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConnectionEvent" ADD CONSTRAINT "ConnectionEvent_tenantId_customerId_fkey" FOREIGN KEY ("tenantId", "customerId") REFERENCES "Customer"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConnectionEvent" ADD CONSTRAINT "ConnectionEvent_tenantId_customerId_connectionId_fkey" FOREIGN KEY ("tenantId", "customerId", "connectionId") REFERENCES "Connection"("tenantId", "customerId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConnectionEvent" ADD CONSTRAINT "ConnectionEvent_tenantId_actorId_fkey" FOREIGN KEY ("tenantId", "actorId") REFERENCES "User"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TicketRating" ADD CONSTRAINT "TicketRating_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TicketRating" ADD CONSTRAINT "TicketRating_tenantId_ticketId_fkey" FOREIGN KEY ("tenantId", "ticketId") REFERENCES "Ticket"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TicketRating" ADD CONSTRAINT "TicketRating_tenantId_customerId_fkey" FOREIGN KEY ("tenantId", "customerId") REFERENCES "Customer"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;
