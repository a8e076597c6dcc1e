-- Claims the next case for a moderator in one statement (lib/queue/claim-next-case.ts calls it), so
-- "Next case" costs one database round trip however many moderators press it at once.
--
-- In one transaction (the caller's statement):
--  1. a per-moderator advisory lock, so two simultaneous calls from one person cannot claim twice;
--  2. a moderator who still holds an unexpired claim gets that case back (a fresh snapshot: each
--     statement of a VOLATILE PL/pgSQL function sees what committed before it started, so the
--     check runs after the lock is granted);
--  3. otherwise the highest-priority claimable case (the order of the cases_queue_order index), open
--     or in review under an expired lease, is locked FOR UPDATE SKIP LOCKED (concurrent moderators
--     skip each other's rows), claimed for the lease, and its case_actions row and audit entry are
--     written with it.
-- p_lease_text is the lease expiry as the application writes it (ISO 8601), so the action row and
-- the audit payload carry exactly the string the caller returns.
CREATE FUNCTION tc_claim_next_case(p_actor uuid, p_now timestamptz, p_lease_expires_at timestamptz, p_lease_text text)
RETURNS TABLE (claimed_id uuid, claimed_number bigint, claimed_version integer, claimed_lease timestamptz, newly_claimed boolean)
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  v_next record;
  v_version integer;
  v_number bigint;
  v_action uuid := gen_random_uuid();
BEGIN
  PERFORM pg_advisory_xact_lock(hashtextextended('claim:' || p_actor::text, 0));

  RETURN QUERY
    SELECT c.id, c.case_number, c.version, c.lease_expires_at, false
    FROM cases c
    WHERE c.assignee_id = p_actor AND c.status = 'in_review' AND c.closed_at IS NULL AND c.lease_expires_at > p_now
    ORDER BY c.lease_expires_at DESC
    LIMIT 1;
  IF FOUND THEN
    RETURN;
  END IF;

  SELECT c.id, c.assignee_id INTO v_next
  FROM cases c
  WHERE c.closed_at IS NULL
    AND (c.status = 'open' OR (c.status = 'in_review' AND c.lease_expires_at <= p_now))
  ORDER BY c.priority_score DESC, c.sla_due_at ASC, c.id
  LIMIT 1
  FOR UPDATE SKIP LOCKED;
  IF NOT FOUND THEN
    RETURN;
  END IF;

  UPDATE cases c
  SET assignee_id = p_actor, lease_expires_at = p_lease_expires_at, status = 'in_review',
      version = c.version + 1, updated_at = p_now
  WHERE c.id = v_next.id
  RETURNING c.version, c.case_number INTO v_version, v_number;

  INSERT INTO case_actions (id, case_id, actor_id, type, details, created_at)
  VALUES (v_action, v_next.id, p_actor, 'claim',
          jsonb_build_object('leaseExpiresAt', p_lease_text, 'previousAssigneeId', v_next.assignee_id::text),
          p_now);

  PERFORM tc_write_audit('staff', p_actor::text, 'case.claimed', v_next.id, 'case', v_next.id::text,
    jsonb_build_object(
      'from', CASE WHEN v_next.assignee_id IS NULL THEN 'open' ELSE 'in_review' END,
      'to', 'in_review',
      'version', v_version,
      'actionId', v_action::text,
      'leaseExpiresAt', p_lease_text,
      'previousAssigneeId', v_next.assignee_id::text),
    NULL);

  RETURN QUERY SELECT v_next.id, v_number, v_version, p_lease_expires_at, true;
END;
$$;
