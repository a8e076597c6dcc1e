-- AlterTable
ALTER TABLE "hash_lists" ADD COLUMN     "algorithm_counts" JSONB NOT NULL DEFAULT '{}';
