-- Platform facts (what a platform logged about the account, and hashes of the media it holds) come
-- only from a platform's API key (lib/reports/parse-report.ts refuses them from anyone else). The
-- database holds every new report to it too, so a stored fact always names the API client that
-- supplied it. NOT VALID: reports accepted before this rule are immutable and keep what they had.
ALTER TABLE "reports"
  ADD CONSTRAINT "reports_platform_facts_need_api_client"
  CHECK ("api_client_id" IS NOT NULL OR ("platform_context" IS NULL AND coalesce(cardinality("media_hashes"), 0) = 0))
  NOT VALID;
