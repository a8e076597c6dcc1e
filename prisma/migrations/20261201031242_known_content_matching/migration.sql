-- AlterTable
ALTER TABLE "case_hash_matches" ADD COLUMN     "entry_label" TEXT,
ALTER COLUMN "entry_id" DROP NOT NULL;

-- AlterTable
ALTER TABLE "hash_lists" ADD COLUMN     "matched_generation" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "known_content_checks" (
    "report_id" UUID NOT NULL,
    "enqueued_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "known_content_checks_pkey" PRIMARY KEY ("report_id")
);

-- CreateIndex
CREATE INDEX "known_content_checks_enqueued_at_idx" ON "known_content_checks"("enqueued_at");

-- CreateIndex
CREATE INDEX "reports_with_media_hashes" ON "reports"("case_id") WHERE (cardinality(media_hashes) > 0);
-- Hand-written: every accepted report that carries media hashes is queued for matching against the
-- known-content lists. One INSERT per intake statement (transition table), so batched intake pays
-- once per batch, not once per report.
CREATE FUNCTION queue_known_content_checks() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "known_content_checks" ("report_id")
  SELECT "id" FROM new_reports WHERE cardinality("media_hashes") > 0
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;

CREATE TRIGGER "reports_queue_known_content_checks"
AFTER INSERT ON "reports" REFERENCING NEW TABLE AS new_reports
FOR EACH STATEMENT EXECUTE FUNCTION queue_known_content_checks();

-- Hand-written: the danger part rises from 200 to 250 (above the 230 every other part can now reach
-- together, with known content and ban evasion); every open case is rescored by the worker.
UPDATE "cases" SET "rescore_at" = CURRENT_TIMESTAMP WHERE "closed_at" IS NULL;
