-- CreateEnum
CREATE TYPE "HashAlgorithm" AS ENUM ('md5', 'sha1', 'sha256', 'photodna', 'pdq');

-- CreateEnum
CREATE TYPE "HashListStatus" AS ENUM ('active', 'retired');

-- CreateEnum
CREATE TYPE "HashListImportMode" AS ENUM ('create', 'replace');

-- CreateEnum
CREATE TYPE "AccountLinkReason" AS ENUM ('shared_content_url', 'shared_media_hash', 'shared_ip_hash', 'mentioned_handle', 'replaced_account');

-- AlterTable
ALTER TABLE "reported_accounts" ADD COLUMN     "network_size" INTEGER NOT NULL DEFAULT 1;

-- CreateTable
CREATE TABLE "hash_lists" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "category" "HarmCategory" NOT NULL,
    "pdq_max_distance" INTEGER NOT NULL DEFAULT 31,
    "status" "HashListStatus" NOT NULL DEFAULT 'active',
    "entry_count" INTEGER NOT NULL DEFAULT 0,
    "generation" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "retired_at" TIMESTAMPTZ(3),

    CONSTRAINT "hash_lists_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "hash_list_imports" (
    "id" UUID NOT NULL,
    "list_id" UUID NOT NULL,
    "mode" "HashListImportMode" NOT NULL,
    "file_name" TEXT NOT NULL,
    "entries_added" INTEGER NOT NULL,
    "lines_rejected" INTEGER NOT NULL DEFAULT 0,
    "imported_by_id" UUID,
    "via" TEXT NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL,
    "finished_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "hash_list_imports_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "hash_list_entries" (
    "id" BIGSERIAL NOT NULL,
    "list_id" UUID NOT NULL,
    "algorithm" "HashAlgorithm" NOT NULL,
    "value" TEXT NOT NULL,
    "label" TEXT,

    CONSTRAINT "hash_list_entries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "case_hash_matches" (
    "id" UUID NOT NULL,
    "case_id" UUID NOT NULL,
    "report_id" UUID NOT NULL,
    "list_id" UUID NOT NULL,
    "entry_id" BIGINT NOT NULL,
    "algorithm" "HashAlgorithm" NOT NULL,
    "report_hash" TEXT NOT NULL,
    "distance" INTEGER NOT NULL,
    "matched_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "case_hash_matches_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "account_evidence" (
    "account_id" UUID NOT NULL,
    "kind" "AccountLinkReason" NOT NULL,
    "key" TEXT NOT NULL,
    "display" TEXT,
    "first_report_id" UUID NOT NULL,
    "first_seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "account_evidence_pkey" PRIMARY KEY ("kind","key","account_id")
);

-- CreateTable
CREATE TABLE "account_links" (
    "account_a_id" UUID NOT NULL,
    "account_b_id" UUID NOT NULL,
    "reason" "AccountLinkReason" NOT NULL,
    "detail" TEXT NOT NULL,
    "report_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "account_links_pkey" PRIMARY KEY ("account_a_id","account_b_id","reason")
);

-- CreateIndex
CREATE UNIQUE INDEX "hash_lists_name_key" ON "hash_lists"("name");

-- CreateIndex
CREATE INDEX "hash_list_imports_list_id_finished_at_idx" ON "hash_list_imports"("list_id", "finished_at");

-- CreateIndex
CREATE INDEX "hash_list_entries_algorithm_value_idx" ON "hash_list_entries"("algorithm", "value");

-- CreateIndex
CREATE INDEX "hash_list_entries_list_id_idx" ON "hash_list_entries"("list_id");

-- CreateIndex
CREATE INDEX "case_hash_matches_case_id_idx" ON "case_hash_matches"("case_id");

-- CreateIndex
CREATE INDEX "case_hash_matches_list_id_idx" ON "case_hash_matches"("list_id");

-- CreateIndex
CREATE UNIQUE INDEX "case_hash_matches_report_id_report_hash_list_id_key" ON "case_hash_matches"("report_id", "report_hash", "list_id");

-- CreateIndex
CREATE INDEX "account_evidence_account_id_idx" ON "account_evidence"("account_id");

-- CreateIndex
CREATE INDEX "account_links_account_b_id_idx" ON "account_links"("account_b_id");

-- AddForeignKey
ALTER TABLE "hash_list_imports" ADD CONSTRAINT "hash_list_imports_list_id_fkey" FOREIGN KEY ("list_id") REFERENCES "hash_lists"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "hash_list_imports" ADD CONSTRAINT "hash_list_imports_imported_by_id_fkey" FOREIGN KEY ("imported_by_id") REFERENCES "staff"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "hash_list_entries" ADD CONSTRAINT "hash_list_entries_list_id_fkey" FOREIGN KEY ("list_id") REFERENCES "hash_lists"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "case_hash_matches" ADD CONSTRAINT "case_hash_matches_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "case_hash_matches" ADD CONSTRAINT "case_hash_matches_report_id_fkey" FOREIGN KEY ("report_id") REFERENCES "reports"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "case_hash_matches" ADD CONSTRAINT "case_hash_matches_list_id_fkey" FOREIGN KEY ("list_id") REFERENCES "hash_lists"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "case_hash_matches" ADD CONSTRAINT "case_hash_matches_entry_id_fkey" FOREIGN KEY ("entry_id") REFERENCES "hash_list_entries"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "account_evidence" ADD CONSTRAINT "account_evidence_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "reported_accounts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "account_links" ADD CONSTRAINT "account_links_account_a_id_fkey" FOREIGN KEY ("account_a_id") REFERENCES "reported_accounts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "account_links" ADD CONSTRAINT "account_links_account_b_id_fkey" FOREIGN KEY ("account_b_id") REFERENCES "reported_accounts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
