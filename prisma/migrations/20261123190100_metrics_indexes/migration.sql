-- CreateIndex
CREATE INDEX "audit_entries_event_occurred_at_idx" ON "audit_entries"("event", "occurred_at");

-- CreateIndex
CREATE INDEX "cases_sla_due_at_idx" ON "cases"("sla_due_at");

-- CreateIndex
CREATE INDEX "cases_created_at_idx" ON "cases"("created_at");
