-- CreateEnum
CREATE TYPE "MessageChannel" AS ENUM ('EMAIL', 'PUSH', 'SMS');

-- CreateEnum
CREATE TYPE "MessageKind" AS ENUM ('AUTOMATIC', 'MANUAL');

-- CreateEnum
CREATE TYPE "MessageStatus" AS ENUM ('PENDING', 'SENT', 'FAILED', 'NOT_SENT');

-- CreateTable
CREATE TABLE "Message" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "channel" "MessageChannel" NOT NULL,
    "kind" "MessageKind" NOT NULL DEFAULT 'AUTOMATIC',
    "status" "MessageStatus" NOT NULL DEFAULT 'PENDING',
    "reason" TEXT NOT NULL,
    "eventId" UUID,
    "recipient" TEXT NOT NULL,
    "userId" UUID,
    "customerId" UUID,
    "ticketId" UUID,
    "locale" TEXT NOT NULL,
    "subject" TEXT,
    "text" TEXT NOT NULL,
    "html" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "providerId" TEXT,
    "error" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Message_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Message_tenantId_channel_createdAt_idx" ON "Message"("tenantId", "channel", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "Message_tenantId_customerId_createdAt_idx" ON "Message"("tenantId", "customerId", "createdAt" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "Message_tenantId_id_key" ON "Message"("tenantId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "Message_tenantId_eventId_channel_recipient_key" ON "Message"("tenantId", "eventId", "channel", "recipient");

-- AddForeignKey
ALTER TABLE "Message" ADD CONSTRAINT "Message_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Message" ADD CONSTRAINT "Message_tenantId_userId_fkey" FOREIGN KEY ("tenantId", "userId") REFERENCES "User"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Message" ADD CONSTRAINT "Message_tenantId_customerId_fkey" FOREIGN KEY ("tenantId", "customerId") REFERENCES "Customer"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Message" ADD CONSTRAINT "Message_tenantId_ticketId_fkey" FOREIGN KEY ("tenantId", "ticketId") REFERENCES "Ticket"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- The worker listens: a new outbox event wakes it at once instead of at its next poll.
CREATE OR REPLACE FUNCTION antena_outbox_notify() RETURNS trigger AS $$
BEGIN
  PERFORM pg_notify('antena_outbox', '');
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "OutboxEvent_notify" AFTER INSERT ON "OutboxEvent" FOR EACH STATEMENT EXECUTE FUNCTION antena_outbox_notify();

-- The worker claims unprocessed events oldest first.
CREATE INDEX "OutboxEvent_pending_idx" ON "OutboxEvent" ("createdAt") WHERE "processedAt" IS NULL;
