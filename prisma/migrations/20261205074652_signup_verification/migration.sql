-- AlterTable
ALTER TABLE "Tenant" ADD COLUMN     "expiresAt" TIMESTAMP(3),
ADD COLUMN     "slugSkeleton" TEXT,
ADD COLUMN     "verifiedAt" TIMESTAMP(3) DEFAULT CURRENT_TIMESTAMP;

-- Tenants older than e-mail verification are live: verified when they were created.
UPDATE "Tenant" SET "verifiedAt" = "createdAt";

-- Their slugs' skeletons (src/lib/slugs.ts, SLUG_SKELETON_SQL; a test holds this expression equal to
-- it). Where older look-alikes already share one, the oldest tenant holds it and the others keep
-- none — a new slug that looks like any of them still meets the holder's.
UPDATE "Tenant" AS t SET "slugSkeleton" = s.skeleton
FROM (
  SELECT id, skeleton, row_number() OVER (PARTITION BY skeleton ORDER BY "createdAt", id) AS n
  FROM (SELECT id, "createdAt", translate(replace(replace(replace(lower(slug), '-', ''), 'rn', 'm'), 'vv', 'w'), '0123456789i', 'olzeasbtbgl') AS skeleton FROM "Tenant") AS folded
) AS s
WHERE t.id = s.id AND s.n = 1;

-- CreateTable
CREATE TABLE "SignUpLimit" (
    "key" TEXT NOT NULL,
    "hits" INTEGER NOT NULL DEFAULT 0,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SignUpLimit_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "SignUpLimit_expiresAt_idx" ON "SignUpLimit"("expiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "Tenant_slugSkeleton_key" ON "Tenant"("slugSkeleton");

-- CreateIndex
CREATE INDEX "Tenant_expiresAt_idx" ON "Tenant"("expiresAt");
