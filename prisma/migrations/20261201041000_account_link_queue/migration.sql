-- AlterTable
ALTER TABLE "cases" ADD COLUMN     "network_size" INTEGER NOT NULL DEFAULT 1;

-- CreateTable
CREATE TABLE "account_link_queue" (
    "id" BIGSERIAL NOT NULL,
    "report_id" UUID,
    "account_id" UUID,
    "enqueued_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "account_link_queue_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "account_evidence_keys" (
    "kind" "AccountLinkReason" NOT NULL,
    "key" TEXT NOT NULL,
    "holder_count" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "account_evidence_keys_pkey" PRIMARY KEY ("kind","key")
);

-- CreateIndex
CREATE INDEX "cases_queue_by_network" ON "cases"("network_size" DESC, "priority_score" DESC, "sla_due_at", "id") WHERE (closed_at IS NULL);

-- Hand-written: every accepted report is queued for the link computation (its evidence, and its
-- account as the target of earlier mentions or replacements). One INSERT per intake statement
-- (transition table), so batched intake pays once per statement, not a row trigger per report.
CREATE FUNCTION queue_account_links() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "account_link_queue" ("report_id") SELECT "id" FROM new_reports;
  RETURN NULL;
END $$;

CREATE TRIGGER "reports_queue_account_links"
AFTER INSERT ON "reports" REFERENCING NEW TABLE AS new_reports
FOR EACH STATEMENT EXECUTE FUNCTION queue_account_links();

-- Hand-written: reports accepted before this migration are linked too, oldest first.
INSERT INTO "account_link_queue" ("report_id") SELECT "id" FROM "reports" ORDER BY "received_at", "id";

-- Hand-written: open cases carry their account's network size from now on.
UPDATE "cases" c SET "network_size" = a."network_size"
FROM "reported_accounts" a WHERE a."id" = c."account_id" AND c."closed_at" IS NULL AND a."network_size" <> 1;

-- Hand-written: at most one pending network-size refresh per account (a busy ring is recounted
-- once per refresh, however many links it gained meanwhile); reports are claimed in queue order.
CREATE UNIQUE INDEX "account_link_queue_account" ON "account_link_queue" ("account_id") WHERE "account_id" IS NOT NULL;
CREATE INDEX "account_link_queue_reports" ON "account_link_queue" ("id") WHERE "report_id" IS NOT NULL;
