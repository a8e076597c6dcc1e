-- Issue 11: a case's response is a set of measures with obligations (case_obligations), and a
-- preservation hold has a basis (law-enforcement request, pending referral, the CyberTipline report
-- itself) instead of always being an approval. Hand-written parts are marked below.

-- CreateEnum
CREATE TYPE "HoldBasis" AS ENUM ('law_enforcement_request', 'pending_referral', 'cybertip_report');

-- CreateEnum
CREATE TYPE "HoldEndReason" AS ENUM ('released', 'expired', 'replaced');

-- CreateEnum
CREATE TYPE "ObligationKind" AS ENUM ('preservation', 'referral', 'stand_down');

-- CreateEnum
CREATE TYPE "ObligationState" AS ENUM ('outstanding', 'met', 'waived');

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "ActionType" ADD VALUE 'waive';
ALTER TYPE "ActionType" ADD VALUE 'close';
ALTER TYPE "ActionType" ADD VALUE 'stand_down';

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "ApprovalKind" ADD VALUE 'stand_down';
ALTER TYPE "ApprovalKind" ADD VALUE 'hold_release';

-- AlterEnum
ALTER TYPE "CaseResolution" ADD VALUE 'referred';

-- AlterEnum
ALTER TYPE "CaseStatus" ADD VALUE 'responding';

-- DropForeignKey
ALTER TABLE "preservation_holds" DROP CONSTRAINT "preservation_holds_approval_id_fkey";

-- AlterTable
ALTER TABLE "preservation_holds" ADD COLUMN     "basis" "HoldBasis" NOT NULL DEFAULT 'law_enforcement_request',
ADD COLUMN     "end_reason" "HoldEndReason",
ADD COLUMN     "extensions" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "reason_code" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "referral_id" UUID,
ADD COLUMN     "release_approval_id" UUID,
ADD COLUMN     "started_by_id" UUID,
ALTER COLUMN "approval_id" DROP NOT NULL;

-- CreateTable
CREATE TABLE "case_obligations" (
    "id" UUID NOT NULL,
    "case_id" UUID NOT NULL,
    "kind" "ObligationKind" NOT NULL,
    "hotline" "Hotline",
    "state" "ObligationState" NOT NULL DEFAULT 'outstanding',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "met_at" TIMESTAMPTZ(3),
    "waived_at" TIMESTAMPTZ(3),
    "waived_by_id" UUID,
    "waive_reason" TEXT,
    "approval_id" UUID,

    CONSTRAINT "case_obligations_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "case_obligations_case_id_idx" ON "case_obligations"("case_id");

-- CreateIndex
CREATE UNIQUE INDEX "case_obligations_one_per_kind" ON "case_obligations"("case_id", "kind") WHERE (hotline IS NULL);

-- CreateIndex
CREATE UNIQUE INDEX "case_obligations_one_per_hotline" ON "case_obligations"("case_id", "kind", "hotline") WHERE (hotline IS NOT NULL);

-- CreateIndex
CREATE INDEX "case_obligations_outstanding" ON "case_obligations"("kind", "created_at") WHERE (state = 'outstanding');

-- CreateIndex
CREATE INDEX "preservation_holds_case_id_idx" ON "preservation_holds"("case_id");

-- CreateIndex
CREATE INDEX "preservation_holds_account_id_idx" ON "preservation_holds"("account_id");

-- AddForeignKey
ALTER TABLE "preservation_holds" ADD CONSTRAINT "preservation_holds_approval_id_fkey" FOREIGN KEY ("approval_id") REFERENCES "approvals"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "preservation_holds" ADD CONSTRAINT "preservation_holds_release_approval_id_fkey" FOREIGN KEY ("release_approval_id") REFERENCES "approvals"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "preservation_holds" ADD CONSTRAINT "preservation_holds_referral_id_fkey" FOREIGN KEY ("referral_id") REFERENCES "referrals"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "case_obligations" ADD CONSTRAINT "case_obligations_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "case_obligations" ADD CONSTRAINT "case_obligations_waived_by_id_fkey" FOREIGN KEY ("waived_by_id") REFERENCES "staff"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "case_obligations" ADD CONSTRAINT "case_obligations_approval_id_fkey" FOREIGN KEY ("approval_id") REFERENCES "approvals"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Hand-written: holds started before this migration were law-enforcement holds started by their
-- approval; they keep the approval's reason code and who asked.
UPDATE "preservation_holds" h SET "reason_code" = a."reason_code", "started_by_id" = a."requested_by_id"
FROM "approvals" a WHERE a."id" = h."approval_id";
ALTER TABLE "preservation_holds" ALTER COLUMN "reason_code" DROP DEFAULT;

-- Hand-written: what each basis must carry, and an end needs its reason (and a release its approval).
ALTER TABLE "preservation_holds"
  ADD CONSTRAINT "preservation_holds_basis_source" CHECK (
    ("basis" <> 'law_enforcement_request' OR "approval_id" IS NOT NULL)
    AND ("basis" <> 'cybertip_report' OR "referral_id" IS NOT NULL)),
  ADD CONSTRAINT "preservation_holds_end_reason" CHECK (("released_at" IS NULL) = ("end_reason" IS NULL)),
  ADD CONSTRAINT "preservation_holds_release_approved" CHECK ("end_reason" IS DISTINCT FROM 'released' OR "release_approval_id" IS NOT NULL),
  ADD CONSTRAINT "preservation_holds_extensions" CHECK ("extensions" >= 0);

-- Hand-written: a referral obligation names its hotline, others do not; a waiver says who and why;
-- (the one-per-kind unique indexes are in schema.prisma).
ALTER TABLE "case_obligations"
  ADD CONSTRAINT "case_obligations_hotline" CHECK (("kind" = 'referral') = ("hotline" IS NOT NULL)),
  ADD CONSTRAINT "case_obligations_waiver" CHECK (
    ("state" = 'waived') = ("waived_at" IS NOT NULL AND "waived_by_id" IS NOT NULL AND length(btrim(coalesce("waive_reason", ''))) > 0)),
  ADD CONSTRAINT "case_obligations_met" CHECK (("state" = 'met') = ("met_at" IS NOT NULL));


-- Hand-written: a child in danger now outranks every other case (danger part 100 -> 200, above
-- the 160 every other part together can reach; lib/queue/priority.ts). Open cases are rescored here.
UPDATE "cases" SET "priority_score" = "priority_score" + 100,
  "priority_parts" = jsonb_set("priority_parts", '{danger}', '200')
WHERE "danger_now" AND "closed_at" IS NULL;
