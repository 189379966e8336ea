-- DropForeignKey
ALTER TABLE "SignInToken" DROP CONSTRAINT "SignInToken_userId_fkey";

-- DropIndex
DROP INDEX "SignInToken_tenantId_idx";

-- CreateIndex
CREATE INDEX "SignInToken_tenantId_userId_idx" ON "SignInToken"("tenantId", "userId");

-- AddForeignKey
ALTER TABLE "SignInToken" ADD CONSTRAINT "SignInToken_tenantId_userId_fkey" FOREIGN KEY ("tenantId", "userId") REFERENCES "User"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;
