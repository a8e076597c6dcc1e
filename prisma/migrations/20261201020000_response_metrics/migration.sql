-- Issue 11, requirement 4: indexes for the response-time metrics (first suspension, first referral
-- approval, first acknowledgement, each measured from the case's first report) and the
-- referral-obligation list (lib/metrics/response-sql.ts, lib/response/list-referral-obligations.ts).
-- Partial where they serve one kind of event, so other writes pay nothing; cases_first_reported_by_id
-- lets many events or obligations be joined to their case's first report with index-only probes
-- (bench:metrics, measured alone: time to suspension 118 -> 70 ms, outstanding referrals by age 44 -> 7 ms).

-- CreateIndex
CREATE INDEX "approvals_referral_approved" ON "approvals"("decided_at") WHERE (kind = 'referral' AND status = 'approved');

-- CreateIndex
CREATE INDEX "case_actions_suspensions" ON "case_actions"("case_id", "created_at") WHERE (type = 'suspend');

-- CreateIndex
CREATE INDEX "case_actions_suspensions_by_time" ON "case_actions"("created_at", "case_id") WHERE (type = 'suspend');

-- CreateIndex
CREATE INDEX "cases_first_reported_by_id" ON "cases"("id", "first_reported_at");

-- CreateIndex
CREATE INDEX "referrals_acknowledged" ON "referrals"("acknowledged_at") WHERE (acknowledged_at IS NOT NULL);
