-- Accepts a batch of validated reports in one transaction (lib/reports/intake-batcher.ts groups the
-- reports that arrive while earlier ones are still being written). Each element goes through
-- tc_accept_report, unchanged, so a batch stores exactly what the same reports one by one would.
-- Elements are applied in account order (platform, account key), so concurrent batches lock
-- accounts and their open cases in one global order and cannot deadlock each other; `ord` is the
-- element's position in the array (1-based), for the caller to hand each result back.
-- If any element fails, the whole batch rolls back and the caller retries each report on its own.
CREATE FUNCTION tc_accept_reports(p jsonb) RETURNS TABLE (ord integer, case_id uuid, new_case boolean)
LANGUAGE plpgsql AS $$
DECLARE
  r record;
BEGIN
  FOR r IN
    SELECT e.value, e.ordinality::integer AS n
    FROM jsonb_array_elements(p) WITH ORDINALITY AS e
    ORDER BY e.value->>'platform', e.value->>'accountKey', e.ordinality
  LOOP
    RETURN QUERY SELECT r.n, a.case_id, a.new_case FROM tc_accept_report(r.value) AS a;
  END LOOP;
END;
$$;
