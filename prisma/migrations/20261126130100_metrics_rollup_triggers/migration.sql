-- Hand-written: the exposure rollup (exposure_case_days, exposure_days; see prisma/schema.prisma and
-- lib/metrics/metrics-sql.ts exposure()), kept by a trigger on audit_entries.
--
-- Exposure is the number of distinct cases a staff member opened per UTC day, from the case.viewed
-- audit entries (lib/cases/get-case.ts writes one per opening, through tc_write_audit). The trigger
-- runs inside the transaction that writes the entry, so the rollup commits or rolls back with it:
-- today's figure is always current, and a retried transaction cannot count twice. The primary key
-- (day, actor_id, case_id) of exposure_case_days makes a second view of a case on the same day a
-- no-op; exposure_days is bumped only when that insert added a row, so it always equals the row count
-- of exposure_case_days per (day, actor). Concurrent views of one case by one person on one day meet
-- on that primary key: the second waits for the first and then adds nothing.
--
-- The rollup is bookkeeping derived from the audit log, not a decision: it writes no audit entry of
-- its own (the view it counts is already audited), and it can be rebuilt from audit_entries.
CREATE FUNCTION tc_rollup_case_view() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  v_day date := (NEW.occurred_at AT TIME ZONE 'UTC')::date;
  v_added integer;
BEGIN
  INSERT INTO exposure_case_days (day, actor_id, case_id) VALUES (v_day, NEW.actor_id, NEW.case_id)
  ON CONFLICT DO NOTHING;
  GET DIAGNOSTICS v_added = ROW_COUNT;
  IF v_added > 0 THEN
    INSERT INTO exposure_days AS e (day, actor_id, cases) VALUES (v_day, NEW.actor_id, 1)
    ON CONFLICT (day, actor_id) DO UPDATE SET cases = e.cases + 1;
  END IF;
  RETURN NULL;
END;
$$;

-- The same filter as the exposure query always had: staff views of a case.
CREATE TRIGGER audit_entries_exposure_rollup AFTER INSERT ON audit_entries
  FOR EACH ROW
  WHEN (NEW.event = 'case.viewed' AND NEW.actor_type = 'staff' AND NEW.actor_id IS NOT NULL AND NEW.case_id IS NOT NULL)
  EXECUTE FUNCTION tc_rollup_case_view();

-- Rolls up the case.viewed entries the rollup does not hold yet, in one set-based statement: for
-- the views recorded before this migration, and for bulk loads that bypass the trigger. The trigger
-- is per row so that other audit events pay nothing (its WHEN clause is checked without a call), but
-- many views of one (day, actor) in ONE transaction would each update the same exposure_days row,
-- growing a version chain only commit can prune; here they are counted first and written once.
-- Incremental like the trigger (it counts only the rows it added), so a view committed meanwhile by
-- the trigger is neither lost nor doubled.
CREATE FUNCTION tc_backfill_exposure_rollup() RETURNS bigint
LANGUAGE sql AS $$
  WITH added AS (
    INSERT INTO exposure_case_days (day, actor_id, case_id)
    SELECT DISTINCT (occurred_at AT TIME ZONE 'UTC')::date, actor_id, case_id
    FROM audit_entries
    WHERE event = 'case.viewed' AND actor_type = 'staff' AND actor_id IS NOT NULL AND case_id IS NOT NULL
    ON CONFLICT DO NOTHING
    RETURNING day, actor_id
  ), counted AS (
    INSERT INTO exposure_days AS e (day, actor_id, cases)
    SELECT day, actor_id, count(*) FROM added GROUP BY day, actor_id
    ON CONFLICT (day, actor_id) DO UPDATE SET cases = e.cases + EXCLUDED.cases
  )
  SELECT count(*) FROM added -- (day, actor, case) rows added
$$;

SELECT tc_backfill_exposure_rollup();
