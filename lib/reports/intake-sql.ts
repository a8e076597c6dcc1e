import { statement, type Statement } from '@/lib/db-statement';
import type { HarmCategory, Severity } from '@/lib/generated/prisma/enums';
import type { PriorityParts } from '@/lib/queue/priority';

/**
 * The statements of one report's intake transaction (lib/reports/accept-report.ts runs them in
 * order inside one transaction). Kept as plain SQL so the benchmark can run the same text through
 * `pg` for the database ceiling.
 */

export type CaseRow = {
  id: string;
  account_id: string;
  categories: HarmCategory[];
  danger_now: boolean;
  distinct_reporters: number;
  sla_due_at: Date;
  last_reported_at: Date;
  inserted: boolean;
};

export type PlacedRow = { report_id: string; new_reporter: number; reports_last_hour: number };

/**
 * 1. Upsert the account, then join its open case or open one. The account upsert locks the
 * account row, and the case upsert (on the partial unique index "one open case per account") locks
 * the case row until commit, so concurrent reports about one account are applied one at a time.
 */
export function upsertAccountAndCase(p: {
  platform: string;
  accountKey: string;
  handle: string | null;
  platformAccountId: string | null;
  profileUrl: string | null;
  countryHint: string | null;
  severity: Severity;
  category: HarmCategory;
  dangerNow: boolean;
  slaDue: Date;
  now: Date;
}): Statement {
  return statement(
    `WITH account AS (
       INSERT INTO reported_accounts AS a (id, platform, account_key, handle, platform_account_id, profile_url,
                                          country_hint, first_reported_at, last_reported_at)
       VALUES (gen_random_uuid(), $platform, $accountKey, $handle, $platformAccountId, $profileUrl, $countryHint, $now, $now)
       ON CONFLICT (platform, account_key) DO UPDATE SET
         last_reported_at = GREATEST(a.last_reported_at, EXCLUDED.last_reported_at),
         handle = COALESCE(a.handle, EXCLUDED.handle),
         platform_account_id = COALESCE(a.platform_account_id, EXCLUDED.platform_account_id),
         profile_url = COALESCE(a.profile_url, EXCLUDED.profile_url),
         country_hint = COALESCE(EXCLUDED.country_hint, a.country_hint)
       RETURNING id
     )
     INSERT INTO cases AS c (id, account_id, previous_case_id, severity, primary_category, categories, danger_now,
                             report_count, distinct_reporters, sla_due_at, first_reported_at, last_reported_at,
                             created_at, updated_at)
     SELECT gen_random_uuid(), account.id,
            (SELECT p.id FROM cases p WHERE p.account_id = account.id AND p.closed_at IS NOT NULL
             ORDER BY p.closed_at DESC LIMIT 1),
            $severity::"Severity", $category::"HarmCategory", ARRAY[$category::"HarmCategory"],
            $dangerNow, 1, 0, $slaDue, $now, $now, $now, $now
     FROM account
     ON CONFLICT (account_id) WHERE closed_at IS NULL DO UPDATE SET
       report_count = c.report_count + 1,
       categories = CASE WHEN EXCLUDED.primary_category = ANY (c.categories) THEN c.categories
                         ELSE c.categories || EXCLUDED.primary_category END,
       danger_now = c.danger_now OR EXCLUDED.danger_now,
       sla_due_at = LEAST(c.sla_due_at, EXCLUDED.sla_due_at),
       last_reported_at = GREATEST(c.last_reported_at, EXCLUDED.last_reported_at),
       version = c.version + 1,
       updated_at = EXCLUDED.updated_at
     RETURNING c.id::text, c.account_id::text, c.categories::text[] AS categories, c.danger_now, c.distinct_reporters,
               c.sla_due_at, c.last_reported_at, (c.xmax = 0) AS inserted`,
    p,
  );
}

/** 2. Count the reporter if new to the case, insert the report (and contact), measure velocity. */
export function insertReport(p: {
  caseId: string;
  accountId: string;
  reference: string;
  channel: 'web' | 'api';
  category: HarmCategory;
  dangerNow: boolean;
  description: string;
  contentUrls: string[];
  mediaHashes: string[];
  reporterCountry: string | null;
  platformContext: string | null;
  sourceHash: string;
  reporterFingerprint: string;
  apiClientId: string | null;
  idempotencyKey: string | null;
  requestHash: string;
  email: string | null;
  now: Date;
  hourAgo: Date;
}): Statement {
  return statement(
    `WITH reporter AS (
       INSERT INTO case_reporters (case_id, fingerprint, first_seen_at)
       VALUES ($caseId::uuid, $reporterFingerprint, $now)
       ON CONFLICT DO NOTHING
       RETURNING 1
     ), report AS (
       INSERT INTO reports (id, reference, case_id, account_id, channel, category, danger_now, description,
                            content_urls, media_hashes, reporter_country, platform_context, source_hash,
                            reporter_fingerprint, api_client_id, idempotency_key, request_hash, received_at)
       VALUES (gen_random_uuid(), $reference, $caseId::uuid, $accountId::uuid, $channel::"IntakeChannel",
               $category::"HarmCategory", $dangerNow, $description, $contentUrls::text[], $mediaHashes::text[],
               $reporterCountry, $platformContext::jsonb, $sourceHash, $reporterFingerprint, $apiClientId::uuid,
               $idempotencyKey, $requestHash, $now)
       RETURNING id
     ), contact AS (
       INSERT INTO report_contacts (report_id, email, created_at)
       SELECT id, $email, $now FROM report WHERE $email::text IS NOT NULL
     )
     SELECT (SELECT id::text FROM report) AS report_id,
            (SELECT count(*) FROM reporter)::int AS new_reporter,
            (SELECT count(*) FROM reports r WHERE r.case_id = $caseId::uuid AND r.received_at > $hourAgo)::int + 1
              AS reports_last_hour`,
    p,
  );
}

/** 3. Store the new score and its parts. */
export function updateCaseScore(p: {
  caseId: string;
  distinctReporters: number;
  score: number;
  parts: PriorityParts;
  severity: Severity;
  primaryCategory: HarmCategory;
  rescoreAt: Date | null;
}): Statement {
  return statement(
    `UPDATE cases SET distinct_reporters = $distinctReporters, priority_score = $score, priority_parts = $parts::jsonb,
            severity = $severity::"Severity", primary_category = $primaryCategory::"HarmCategory", rescore_at = $rescoreAt
     WHERE id = $caseId::uuid`,
    { ...p, parts: JSON.stringify(p.parts) },
  );
}
