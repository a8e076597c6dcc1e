-- DropIndex
DROP INDEX "cases_closed_at_idx";

-- DropIndex
DROP INDEX "cases_sla_due_at_idx";

-- CreateTable
CREATE TABLE "exposure_case_days" (
    "day" DATE NOT NULL,
    "actor_id" TEXT NOT NULL,
    "case_id" UUID NOT NULL,

    CONSTRAINT "exposure_case_days_pkey" PRIMARY KEY ("day","actor_id","case_id")
);

-- CreateTable
CREATE TABLE "exposure_days" (
    "day" DATE NOT NULL,
    "actor_id" TEXT NOT NULL,
    "cases" INTEGER NOT NULL,

    CONSTRAINT "exposure_days_pkey" PRIMARY KEY ("day","actor_id")
);

-- CreateTable
CREATE TABLE "metrics_hours" (
    "hour" TIMESTAMPTZ(3) NOT NULL,
    "reports" INTEGER NOT NULL,
    "cases" INTEGER NOT NULL,
    "rolled_up_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "metrics_hours_pkey" PRIMARY KEY ("hour")
);

-- CreateTable
CREATE TABLE "metrics_actor_hours" (
    "hour" TIMESTAMPTZ(3) NOT NULL,
    "actor_id" UUID NOT NULL,
    "actions" INTEGER NOT NULL,
    "decisions" INTEGER NOT NULL,

    CONSTRAINT "metrics_actor_hours_pkey" PRIMARY KEY ("hour","actor_id")
);

-- CreateIndex
CREATE INDEX "case_actions_created_at_idx" ON "case_actions"("created_at");

-- CreateIndex
CREATE INDEX "cases_closed_at_first_reported_at_idx" ON "cases"("closed_at", "first_reported_at");

-- CreateIndex
CREATE INDEX "cases_sla_due_at_first_action_at_idx" ON "cases"("sla_due_at", "first_action_at");

-- CreateIndex
CREATE INDEX "cases_first_action_at_first_reported_at_idx" ON "cases"("first_action_at", "first_reported_at");

-- CreateIndex
CREATE INDEX "cases_open_backlog" ON "cases"("severity", "sla_due_at", "first_action_at", "first_reported_at", "assignee_id") WHERE (closed_at IS NULL);
