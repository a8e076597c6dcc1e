-- AlterTable
ALTER TABLE "audit_entries" ADD COLUMN     "mac" TEXT;

-- CreateTable
CREATE TABLE "audit_keying" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "keyed_from_entry_id" BIGINT NOT NULL,
    "keyed_from_seq" BIGINT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "audit_keying_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "audit_entries_mac_key" ON "audit_entries"("mac");

-- Hand-written below: keyed audit entries (docs/decisions/0014-audit-log-against-its-database-owner.md).

-- Keyed sealing starts after everything already in the log: older entries carry no MAC and older
-- seals stay unkeyed SHA-256. The row is append-only like the log (a changed boundary is caught
-- by the signed checkpoints outside the database, which record it).
INSERT INTO audit_keying (id, keyed_from_entry_id, keyed_from_seq)
SELECT 1, COALESCE((SELECT max(id) FROM audit_entries), 0) + 1, COALESCE((SELECT max(seq) FROM audit_seals), 0) + 1;

CREATE TRIGGER audit_keying_append_only BEFORE UPDATE OR DELETE ON audit_keying
  FOR EACH ROW EXECUTE FUNCTION tc_refuse_change();
CREATE TRIGGER audit_keying_no_truncate BEFORE TRUNCATE ON audit_keying
  FOR EACH STATEMENT EXECUTE FUNCTION tc_refuse_change();

-- The one function that writes an audit entry, now with the time and the MAC the application
-- computed (lib/audit/entry-mac.ts): the database stores the MAC but cannot make one.
DROP FUNCTION tc_write_audit("ActorType", text, text, uuid, text, text, jsonb, text);
CREATE FUNCTION tc_write_audit(
  p_occurred_at timestamptz, p_actor_type "ActorType", p_actor_id text, p_event text, p_case_id uuid,
  p_entity_type text, p_entity_id text, p_payload jsonb, p_request_id text, p_mac text
) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
  v_id bigint;
BEGIN
  IF p_mac IS NULL OR p_occurred_at IS NULL THEN
    RAISE EXCEPTION 'an audit entry needs the time and MAC the application computed' USING ERRCODE = 'not_null_violation';
  END IF;
  INSERT INTO audit_entries (occurred_at, actor_type, actor_id, event, case_id, entity_type, entity_id, payload, request_id, mac)
  VALUES (p_occurred_at, p_actor_type, p_actor_id, p_event, p_case_id, p_entity_type, p_entity_id,
          COALESCE(p_payload, '{}'::jsonb), p_request_id, p_mac)
  RETURNING id INTO v_id;
  RETURN v_id;
END;
$$;

-- Intake: unchanged but for the audit entry, which carries the application's time and MAC
-- (lib/reports/intake-params.ts computes it over the same payload).
CREATE OR REPLACE FUNCTION tc_accept_report(p jsonb) RETURNS TABLE (case_id uuid, new_case boolean)
LANGUAGE plpgsql AS $$
DECLARE
  v_now timestamptz := (p->>'now')::timestamptz;
  v_account uuid;
  v_case uuid;
  v_inserted boolean;
BEGIN
  INSERT INTO reported_accounts AS a (id, platform, account_key, handle, platform_account_id, profile_url,
                                      country_hint, first_reported_at, last_reported_at)
  VALUES (gen_random_uuid(), p->>'platform', p->>'accountKey', p->>'handle', p->>'platformAccountId',
          p->>'profileUrl', p->>'countryHint', v_now, v_now)
  ON CONFLICT (platform, account_key) DO UPDATE SET
    last_reported_at = GREATEST(a.last_reported_at, EXCLUDED.last_reported_at),
    handle = COALESCE(a.handle, EXCLUDED.handle),
    platform_account_id = COALESCE(a.platform_account_id, EXCLUDED.platform_account_id),
    profile_url = COALESCE(a.profile_url, EXCLUDED.profile_url),
    country_hint = COALESCE(EXCLUDED.country_hint, a.country_hint)
  RETURNING a.id INTO v_account;

  INSERT INTO cases AS c (id, account_id, previous_case_id, severity, primary_category, categories, danger_now,
                          report_count, distinct_reporters, priority_score, rescore_at, sla_due_at,
                          first_reported_at, last_reported_at, created_at, updated_at)
  VALUES (gen_random_uuid(), v_account,
          (SELECT prev.id FROM cases prev WHERE prev.account_id = v_account AND prev.closed_at IS NOT NULL
           ORDER BY prev.closed_at DESC LIMIT 1),
          (p->>'severity')::"Severity", (p->>'category')::"HarmCategory", ARRAY[(p->>'category')::"HarmCategory"],
          (p->>'dangerNow')::boolean, 1, 1, (p->>'interimScore')::int, v_now, (p->>'slaDueAt')::timestamptz,
          v_now, v_now, v_now, v_now)
  ON CONFLICT (account_id) WHERE closed_at IS NULL DO UPDATE SET
    report_count = c.report_count + 1,
    categories = CASE WHEN EXCLUDED.primary_category = ANY (c.categories) THEN c.categories
                      ELSE c.categories || EXCLUDED.primary_category END,
    danger_now = c.danger_now OR EXCLUDED.danger_now,
    severity = LEAST(c.severity, EXCLUDED.severity), -- enum order: critical < high < standard
    priority_score = GREATEST(c.priority_score, EXCLUDED.priority_score),
    sla_due_at = LEAST(c.sla_due_at, EXCLUDED.sla_due_at),
    last_reported_at = GREATEST(c.last_reported_at, EXCLUDED.last_reported_at),
    rescore_at = EXCLUDED.rescore_at,
    version = c.version + 1,
    updated_at = EXCLUDED.updated_at
  RETURNING c.id, (c.xmax = 0) INTO v_case, v_inserted;

  INSERT INTO case_reporters (case_id, fingerprint, first_seen_at)
  VALUES (v_case, p->>'reporterFingerprint', v_now)
  ON CONFLICT DO NOTHING;
  -- A new case was inserted already counting this reporter; an existing one counts a newcomer.
  IF FOUND AND NOT v_inserted THEN
    UPDATE cases SET distinct_reporters = distinct_reporters + 1 WHERE id = v_case;
  END IF;

  INSERT INTO reports (id, reference, case_id, account_id, channel, category, danger_now, description,
                       content_urls, media_hashes, reporter_country, platform_context, source_hash,
                       reporter_fingerprint, api_client_id, idempotency_key, request_hash, received_at)
  VALUES ((p->>'reportId')::uuid, p->>'reference', v_case, v_account, (p->>'channel')::"IntakeChannel",
          (p->>'category')::"HarmCategory", (p->>'dangerNow')::boolean, p->>'description',
          ARRAY(SELECT jsonb_array_elements_text(p->'contentUrls')),
          ARRAY(SELECT jsonb_array_elements_text(p->'mediaHashes')),
          p->>'reporterCountry', NULLIF(p->'platformContext', 'null'::jsonb), p->>'sourceHash', p->>'reporterFingerprint',
          (p->>'apiClientId')::uuid, p->>'idempotencyKey', p->>'requestHash', v_now);

  IF p->>'email' IS NOT NULL THEN
    INSERT INTO report_contacts (report_id, email, created_at) VALUES ((p->>'reportId')::uuid, p->>'email', v_now);
  END IF;

  PERFORM tc_write_audit(v_now, (p->>'actorType')::"ActorType", p->>'actorId', 'report.received', v_case, 'report',
                         p->>'reportId', p->'auditPayload', p->>'requestId', p->>'auditMac');

  RETURN QUERY SELECT v_case, v_inserted;
END;
$$;

-- The claim no longer writes its audit entry: which case it takes, the action ID and the previous
-- assignee are decided here, so the application writes case.claimed (with its MAC) in the same
-- transaction from what this returns (lib/queue/claim-next-case.ts).
DROP FUNCTION tc_claim_next_case(uuid, timestamptz, timestamptz, text);
CREATE FUNCTION tc_claim_next_case(p_actor uuid, p_now timestamptz, p_lease_expires_at timestamptz, p_lease_text text)
RETURNS TABLE (claimed_id uuid, claimed_number bigint, claimed_version integer, claimed_lease timestamptz, newly_claimed boolean,
               action_id uuid, previous_assignee_id uuid)
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  v_next record;
  v_version integer;
  v_number bigint;
  v_action uuid := gen_random_uuid();
BEGIN
  PERFORM pg_advisory_xact_lock(hashtextextended('claim:' || p_actor::text, 0));

  RETURN QUERY
    SELECT c.id, c.case_number, c.version, c.lease_expires_at, false, NULL::uuid, NULL::uuid
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

  RETURN QUERY SELECT v_next.id, v_number, v_version, p_lease_expires_at, true, v_action, v_next.assignee_id;
END;
$$;
