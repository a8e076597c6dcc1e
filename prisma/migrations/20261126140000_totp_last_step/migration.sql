-- AlterTable
ALTER TABLE "staff" ADD COLUMN     "totp_last_step" INTEGER;
