-- AlterTable
ALTER TABLE "User" ADD COLUMN     "baseAddress" TEXT,
ADD COLUMN     "baseLatitude" DOUBLE PRECISION,
ADD COLUMN     "baseLongitude" DOUBLE PRECISION;

-- A base has both coordinates, in range, and its address; or none of the three.
ALTER TABLE "User" ADD CONSTRAINT "User_base_check" CHECK (
  ("baseLatitude" IS NULL AND "baseLongitude" IS NULL AND "baseAddress" IS NULL)
  OR ("baseLatitude" BETWEEN -90 AND 90 AND "baseLongitude" BETWEEN -180 AND 180 AND "baseAddress" IS NOT NULL)
);
