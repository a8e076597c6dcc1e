-- Hand-written: the intake procedure queues each report for the worker itself (account links; known-
-- content matching when it carries hashes), in the same transaction as the report. This replaces
-- the two statement-level triggers of 20261201031242 and 20261201041000: intake inserts one report
-- per statement, so each trigger built a transition table and ran a statement for every report,
-- and together they cost about a quarter of the intake transaction's throughput (bench:intake's
-- database ceiling 1,490 → ~1,130 reports/s on the 2-core machine).
DROP TRIGGER "reports_queue_known_content_checks" ON "reports";
DROP FUNCTION queue_known_content_checks();
DROP TRIGGER "reports_queue_account_links" ON "reports";
DROP FUNCTION queue_account_links();

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

  -- The worker's queues (lib/networks/, lib/known-content/): committed with the report, never lost.
  INSERT INTO account_link_queue (report_id) VALUES ((p->>'reportId')::uuid);
  IF jsonb_typeof(p->'mediaHashes') = 'array' AND jsonb_array_length(p->'mediaHashes') > 0 THEN
    INSERT INTO known_content_checks (report_id) VALUES ((p->>'reportId')::uuid);
  END IF;

  IF p->>'email' IS NOT NULL THEN
    INSERT INTO report_contacts (report_id, email, created_at) VALUES ((p->>'reportId')::uuid, p->>'email', v_now);
  END IF;

  PERFORM tc_write_audit(v_now, (p->>'actorType')::"ActorType", p->>'actorId', 'report.received', v_case, 'report',
                         p->>'reportId', p->'auditPayload', p->>'requestId', p->>'auditMac');

  RETURN QUERY SELECT v_case, v_inserted;
END;
$$;
