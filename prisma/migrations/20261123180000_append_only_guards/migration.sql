-- Hand-written: what Prisma's schema language cannot express. Prisma's diff ignores functions and
-- triggers, so schema/migration agreement checks are unaffected.

-- Append-only tables. The audit log and its hash chain, the accepted reports (immutable once
-- accepted; reporter contact details live in report_contacts so retention can purge them) and the
-- decisions taken on cases. UPDATE, DELETE and TRUNCATE are refused for every role that does not
-- first disable the trigger (which itself needs table ownership and is visible in the chain check).
CREATE FUNCTION tc_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% on % is not allowed: the table is append-only', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege', HINT = 'Write a new row instead of changing an old one.';
END;
$$;

CREATE TRIGGER audit_entries_append_only BEFORE UPDATE OR DELETE ON audit_entries
  FOR EACH ROW EXECUTE FUNCTION tc_refuse_change();
CREATE TRIGGER audit_entries_no_truncate BEFORE TRUNCATE ON audit_entries
  FOR EACH STATEMENT EXECUTE FUNCTION tc_refuse_change();

CREATE TRIGGER audit_seals_append_only BEFORE UPDATE OR DELETE ON audit_seals
  FOR EACH ROW EXECUTE FUNCTION tc_refuse_change();
CREATE TRIGGER audit_seals_no_truncate BEFORE TRUNCATE ON audit_seals
  FOR EACH STATEMENT EXECUTE FUNCTION tc_refuse_change();

CREATE TRIGGER reports_append_only BEFORE UPDATE OR DELETE ON reports
  FOR EACH ROW EXECUTE FUNCTION tc_refuse_change();
CREATE TRIGGER reports_no_truncate BEFORE TRUNCATE ON reports
  FOR EACH STATEMENT EXECUTE FUNCTION tc_refuse_change();

CREATE TRIGGER case_actions_append_only BEFORE UPDATE OR DELETE ON case_actions
  FOR EACH ROW EXECUTE FUNCTION tc_refuse_change();
CREATE TRIGGER case_actions_no_truncate BEFORE TRUNCATE ON case_actions
  FOR EACH STATEMENT EXECUTE FUNCTION tc_refuse_change();

-- Nobody decides their own approval request, whatever the code path.
ALTER TABLE approvals ADD CONSTRAINT approvals_not_self_decided
  CHECK (decided_by_id IS NULL OR decided_by_id <> requested_by_id);
