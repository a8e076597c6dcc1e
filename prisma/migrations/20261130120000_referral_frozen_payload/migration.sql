-- AlterEnum
ALTER TYPE "ReferralStatus" ADD VALUE 'superseded';

-- AlterTable
ALTER TABLE "referrals" ADD COLUMN     "payload_sha256" TEXT,
ADD COLUMN     "payload_text" TEXT,
ADD COLUMN     "prepared_at" TIMESTAMPTZ(3),
ADD COLUMN     "report_count" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "summary" JSONB,
ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;

-- Number the referrals already made to the same hotline for the same case (hand-written), so the
-- unique index below holds on existing data.
UPDATE "referrals" AS r SET "version" = n.v
FROM (SELECT id, row_number() OVER (PARTITION BY case_id, hotline ORDER BY created_at, id) AS v FROM "referrals") AS n
WHERE r.id = n.id AND n.v > 1;

-- CreateIndex
CREATE UNIQUE INDEX "referrals_case_id_hotline_version_key" ON "referrals"("case_id", "hotline", "version");
