-- AlterTable
ALTER TABLE "Message" ADD COLUMN     "sentById" UUID;

-- AddForeignKey
ALTER TABLE "Message" ADD CONSTRAINT "Message_tenantId_sentById_fkey" FOREIGN KEY ("tenantId", "sentById") REFERENCES "User"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
