-- Hand-written: report intake as one round trip. See docs/decisions/0002-intake-in-one-round-trip.md.

-- The one function that writes an audit entry. lib/audit/write-audit.ts calls it inside the
-- caller's transaction; tc_accept_report calls it inside its own.
CREATE FUNCTION tc_write_audit(
  p_actor_type "ActorType", p_actor_id text, p_event text, p_case_id uuid,
  p_entity_type text, p_entity_id text, p_payload jsonb, p_request_id text
) RETURNS bigint
LANGUAGE sql AS $$
  INSERT INTO audit_entries (actor_type, actor_id, event, case_id, entity_type, entity_id, payload, request_id)
  VALUES (p_actor_type, p_actor_id, p_event, p_case_id, p_entity_type, p_entity_id, COALESCE(p_payload, '{}'::jsonb), p_request_id)
  RETURNING id
$$;

-- Accepts one validated report (lib/reports/accept-report.ts builds `p`). In one transaction:
--  1. upsert the account (locks its row, so reports about one account apply one at a time);
--  2. join the account's open case or open one (partial unique index: one open case per account),
--     linking a new case to the account's last closed one;
--  3. count the reporter once per case;
--  4. insert the report and the reporter's optional contact;
--  5. write the report.received audit entry.
-- The case is marked for scoring (rescore_at = now): the worker computes the full priority from
-- fresh counts moments later; until then it carries the caller's interim score for this report.
CREATE FUNCTION tc_accept_report(p jsonb) RETURNS TABLE (case_id uuid, new_case boolean)
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

  PERFORM tc_write_audit((p->>'actorType')::"ActorType", p->>'actorId', 'report.received', v_case, 'report',
                         p->>'reportId', p->'auditPayload', p->>'requestId');

  RETURN QUERY SELECT v_case, v_inserted;
END;
$$;
