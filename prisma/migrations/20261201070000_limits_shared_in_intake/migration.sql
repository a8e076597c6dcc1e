-- Hand-written: rate limits shared by every web node (issue 13; decision 0020). The intake limit
-- (per client address or per API key) is taken inside the intake transaction itself, so sharing it
-- costs no round trip, a report the database refuses gives its point back by rolling back, and a
-- refused report is not stored. Status look-ups take theirs with tc_take_limit_point alone.

-- UNLOGGED: losing the counters in a crash only resets the current minute's limits.
CREATE UNLOGGED TABLE "rate_limit_counters" (
    "key" TEXT NOT NULL,
    "points" INTEGER NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "rate_limit_counters_pkey" PRIMARY KEY ("key")
);
CREATE INDEX "rate_limit_counters_expires_at" ON "rate_limit_counters"("expires_at");

-- Takes one point of `p_key`, whose fixed one-minute window allows `p_limit`: returns 0 when taken,
-- else the milliseconds until the window ends (nothing is counted for a refusal). The database's
-- clock decides windows, so nodes with skewed clocks still share one.
CREATE FUNCTION tc_take_limit_point(p_key text, p_limit integer) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
  v_ms integer;
BEGIN
  INSERT INTO rate_limit_counters AS c (key, points, expires_at)
  VALUES (p_key, 1, now() + interval '1 minute')
  ON CONFLICT (key) DO UPDATE SET
    points = CASE WHEN c.expires_at <= now() THEN 1 ELSE c.points + 1 END,
    expires_at = CASE WHEN c.expires_at <= now() THEN EXCLUDED.expires_at ELSE c.expires_at END
  WHERE c.expires_at <= now() OR c.points < p_limit;
  IF FOUND THEN
    RETURN 0;
  END IF;
  -- expires_at keeps milliseconds (rounded), so the wait is clamped to the window's length.
  SELECT least(60000, greatest(1, ceil(extract(epoch FROM c.expires_at - now()) * 1000)))::integer INTO v_ms
  FROM rate_limit_counters c WHERE c.key = p_key;
  RETURN coalesce(v_ms, 1);
END;
$$;

-- The intake procedures return a third column: 0, or the milliseconds until a refused report's
-- source may send again (its report was not stored). The return type changes, so drop and create.
DROP FUNCTION tc_accept_reports(jsonb);
DROP FUNCTION tc_accept_report(jsonb);

CREATE FUNCTION tc_accept_report(p jsonb) RETURNS TABLE (case_id uuid, new_case boolean, retry_after_ms integer)
LANGUAGE plpgsql AS $$
DECLARE
  v_now timestamptz := (p->>'now')::timestamptz;
  v_account uuid;
  v_case uuid;
  v_inserted boolean;
  v_wait integer;
BEGIN
  -- The shared intake limit first (tc_accept_reports takes its batch's points before calling this).
  IF p->>'limitKey' IS NOT NULL THEN
    v_wait := tc_take_limit_point(p->>'limitKey', (p->>'limitPerMinute')::integer);
    IF v_wait > 0 THEN
      RETURN QUERY SELECT NULL::uuid, NULL::boolean, v_wait;
      RETURN;
    END IF;
  END IF;

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

  RETURN QUERY SELECT v_case, v_inserted, 0;
END;
$$;

-- As before (20261126120100), plus the batch's limit points, taken first and in key order: every
-- intake transaction locks counters (sorted) before accounts and cases (sorted), so two batches
-- cannot deadlock. A refused element returns its wait and is skipped; the others are accepted.
CREATE FUNCTION tc_accept_reports(p jsonb) RETURNS TABLE (ord integer, case_id uuid, new_case boolean, retry_after_ms integer)
LANGUAGE plpgsql AS $$
DECLARE
  r record;
  v_wait integer;
  v_refused integer[] := '{}';
BEGIN
  FOR r IN
    SELECT e.value, e.ordinality::integer AS n
    FROM jsonb_array_elements(p) WITH ORDINALITY AS e
    WHERE e.value->>'limitKey' IS NOT NULL
    ORDER BY e.value->>'limitKey' COLLATE "C", e.ordinality
  LOOP
    v_wait := tc_take_limit_point(r.value->>'limitKey', (r.value->>'limitPerMinute')::integer);
    IF v_wait > 0 THEN
      v_refused := v_refused || r.n;
      RETURN QUERY SELECT r.n, NULL::uuid, NULL::boolean, v_wait;
    END IF;
  END LOOP;

  FOR r IN
    SELECT e.value, e.ordinality::integer AS n
    FROM jsonb_array_elements(p) WITH ORDINALITY AS e
    ORDER BY e.value->>'platform', e.value->>'accountKey', e.ordinality
  LOOP
    CONTINUE WHEN r.n = ANY (v_refused);
    RETURN QUERY SELECT r.n, a.case_id, a.new_case, a.retry_after_ms FROM tc_accept_report(r.value - 'limitKey') AS a;
  END LOOP;
END;
$$;
