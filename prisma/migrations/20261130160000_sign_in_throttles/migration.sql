-- AlterTable
ALTER TABLE "staff" ADD COLUMN     "must_change_password" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "staff_known_sources" (
    "staff_id" UUID NOT NULL,
    "source_hash" TEXT NOT NULL,
    "last_success_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "staff_known_sources_pkey" PRIMARY KEY ("staff_id","source_hash")
);

-- CreateTable
CREATE TABLE "sign_in_throttles" (
    "source_hash" TEXT NOT NULL,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "last_failure_at" TIMESTAMPTZ(3),
    "locked_until" TIMESTAMPTZ(3),
    "audit_window_start" TIMESTAMPTZ(3),
    "unaudited" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "sign_in_throttles_pkey" PRIMARY KEY ("source_hash")
);

-- AddForeignKey
ALTER TABLE "staff_known_sources" ADD CONSTRAINT "staff_known_sources_staff_id_fkey" FOREIGN KEY ("staff_id") REFERENCES "staff"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
