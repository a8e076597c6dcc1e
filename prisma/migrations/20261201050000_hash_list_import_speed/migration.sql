-- DropForeignKey
ALTER TABLE "hash_list_entries" DROP CONSTRAINT "hash_list_entries_list_id_fkey";

-- DropIndex
DROP INDEX "hash_list_entries_algorithm_value_idx";

-- CreateIndex
CREATE INDEX "case_hash_matches_entry_id_idx" ON "case_hash_matches"("entry_id") WHERE (entry_id IS NOT NULL);

-- CreateIndex
CREATE INDEX "hash_list_entries_exact_lookup" ON "hash_list_entries"("algorithm", "value") WHERE (algorithm <> 'pdq');
