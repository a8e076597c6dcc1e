// Bulk data for the queue benchmark: 1,000,000 reports in 200,000 cases about 150,000 accounts,
// loaded with INSERT … SELECT generate_series in a handful of statements (no HTTP, no intake
// procedure): the shape of a busy production database, reached in about a minute.
//
//  - accounts 1..150,000; accounts 1..50,000 have two cases (an old closed one, then an open one
//    linked to it by previous_case_id); half of the rest are closed. 100,000 cases are open.
//  - every case has at least one report; the other 800,000 reports are skewed (a few accounts get
//    many reports), and about a tenth of the reports come from a repeat reporter;
//  - open cases spread over the last three days, so about half have breached their SLA; 3 % are
//    held by other moderators with live leases, 1 % are escalated;
//  - priority scores and their parts follow docs/priority.md (harm, danger, reporters, age; the
//    velocity part is left at 0 because the reports are old).
import pg from 'pg';

export const ACCOUNTS = 150_000;
export const CASES = 200_000;
export const REPORTS = 1_000_000;
export const PLATFORM = 'example-social';

const HARM = `CASE c.primary_category WHEN 'child_sexual_imagery' THEN 60 WHEN 'trafficking' THEN 60 WHEN 'sextortion' THEN 55
  WHEN 'grooming' THEN 50 WHEN 'obscene_material_to_child' THEN 40 WHEN 'other_child_harm' THEN 30 ELSE 10 END`;
const SLA_MINUTES = `CASE c.severity WHEN 'critical' THEN 60 WHEN 'high' THEN 240 ELSE 1440 END`;

/** A deterministic, well-formed (version 4, RFC variant) UUID from a seed expression. */
const uuid = (seed: string) => `overlay(overlay(md5(${seed}) placing '4' from 13) placing '8' from 17)::uuid`;

export type LoadTimings = Record<string, number>;

export async function loadQueueData(
  databaseUrl: string,
  staff: { holders: string[] },
  log: (line: string) => void,
): Promise<LoadTimings> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const timings: LoadTimings = {};
  const step = async (name: string, sql: string, values: unknown[] = []) => {
    const started = performance.now();
    await client.query(sql, values);
    timings[name] = Math.round(performance.now() - started);
    log(`  ${name.padEnd(22)} ${(timings[name]! / 1000).toFixed(1)} s`);
  };
  try {
    // Throwaway data: skip the fsync wait per statement; the measurements later run with the defaults.
    await client.query(`SET synchronous_commit = off; SET maintenance_work_mem = '256MB'; SET work_mem = '64MB'; SELECT setseed(0.42)`);
    await step(
      'accounts',
      `INSERT INTO reported_accounts (id, platform, account_key, handle, platform_account_id, first_reported_at, last_reported_at)
       SELECT ${uuid("'a' || j")}, $1, 'handle:bench_' || j, 'bench_' || j, 'pid' || j, now() - interval '60 days', now()
       FROM generate_series(1, ${ACCOUNTS}) j`,
      [PLATFORM],
    );
    await step(
      'cases',
      `WITH g AS (
         SELECT i,
                CASE WHEN i <= ${ACCOUNTS} THEN i ELSE i - ${ACCOUNTS} END AS account,
                (i <= 50000 OR (i <= ${ACCOUNTS} AND i % 2 = 0)) AS closed,
                (ARRAY['child_sexual_imagery','grooming','grooming','sextortion','trafficking','obscene_material_to_child',
                       'other_child_harm','other_abuse','other_abuse','child_sexual_imagery'])[1 + floor(random() * 10)::int] AS category,
                random() < 0.02 AS danger,
                random() AS r
         FROM generate_series(1, ${CASES}) i
       ), s AS (
         SELECT g.*, CASE WHEN danger THEN 'critical' WHEN category IN ('child_sexual_imagery','grooming','trafficking','sextortion') THEN 'high' ELSE 'standard' END AS severity,
                CASE WHEN closed THEN now() - interval '3 days' - r * interval '57 days' ELSE now() - r * interval '72 hours' END AS first_at
         FROM g
       )
       INSERT INTO cases (id, case_number, account_id, previous_case_id, status, resolution, severity, primary_category, categories,
                          danger_now, sla_due_at, first_reported_at, last_reported_at, closed_at, created_at, updated_at)
       SELECT ${uuid("'c' || i")}, i, ${uuid("'a' || account")},
              CASE WHEN i > ${ACCOUNTS} THEN ${uuid(`'c' || (i - ${ACCOUNTS})`)} END,
              (CASE WHEN closed THEN 'closed' ELSE 'open' END)::"CaseStatus",
              (CASE WHEN NOT closed THEN NULL WHEN i % 3 = 0 THEN 'suspended' ELSE 'dismissed' END)::"CaseResolution",
              severity::"Severity", category::"HarmCategory", ARRAY[category::"HarmCategory"], danger,
              first_at + (CASE severity WHEN 'critical' THEN 60 WHEN 'high' THEN 240 ELSE 1440 END) * interval '1 minute',
              first_at, first_at, CASE WHEN closed THEN first_at + interval '1 day' END, first_at, first_at
       FROM s`,
    );
    await step('case sequence', `SELECT setval(pg_get_serial_sequence('cases', 'case_number'), ${CASES})`);
    await step(
      'reports',
      `WITH g AS (
         SELECT k, CASE WHEN k <= ${CASES} THEN k ELSE 1 + ((floor(${CASES} * power(random(), 3))::bigint * 7919) % ${CASES}) END AS case_no,
                random() AS r, random() AS f
         FROM generate_series(1, ${REPORTS}) k
       )
       INSERT INTO reports (id, reference, case_id, account_id, channel, category, danger_now, description, content_urls, media_hashes,
                            reporter_country, source_hash, reporter_fingerprint, request_hash, received_at)
       SELECT ${uuid("'r' || k")},
              'TC-' || upper(substr(lpad(to_hex(k), 8, '0'), 1, 4)) || '-' || upper(substr(lpad(to_hex(k), 8, '0'), 5, 4)),
              c.id, c.account_id, 'web', c.primary_category, c.danger_now AND k <= ${CASES}, 'Bench report ' || k,
              CASE WHEN k % 3 = 0 THEN ARRAY['https://files.example/item/' || k] ELSE '{}'::text[] END, '{}'::text[],
              'GB', 'src' || k, CASE WHEN g.f < 0.1 THEN 'fp-repeat-' || (k % 1000) ELSE 'fp' || k END, 'bench',
              c.first_reported_at + g.r * (COALESCE(c.closed_at, now()) - c.first_reported_at) * (CASE WHEN k <= ${CASES} THEN 0 ELSE 1 END)
       FROM g JOIN cases c ON c.case_number = g.case_no`,
    );
    await step(
      'case_reporters',
      `INSERT INTO case_reporters (case_id, fingerprint, first_seen_at)
       SELECT case_id, reporter_fingerprint, min(received_at) FROM reports GROUP BY 1, 2`,
    );
    await step(
      'counts and scores',
      `WITH r AS (SELECT case_id, count(*)::int AS n, max(received_at) AS last FROM reports GROUP BY 1),
            d AS (SELECT case_id, count(*)::int AS n FROM case_reporters GROUP BY 1),
            p AS (
              SELECT c.id, ${HARM} AS harm, CASE WHEN c.danger_now THEN 100 ELSE 0 END AS danger,
                     least(40, round(10 * log(2, 1 + d.n)))::int AS reporters,
                     CASE WHEN now() < c.sla_due_at - (${SLA_MINUTES}) * interval '30 seconds' THEN 0
                          WHEN now() < c.sla_due_at THEN 10
                          ELSE least(40, 25 + 5 * floor(extract(epoch FROM now() - c.sla_due_at) / (60 * ${SLA_MINUTES})))::int END AS age,
                     r.n AS report_count, d.n AS distinct_reporters, r.last
              FROM cases c JOIN r ON r.case_id = c.id JOIN d ON d.case_id = c.id
            )
       UPDATE cases c SET report_count = p.report_count, distinct_reporters = p.distinct_reporters, last_reported_at = p.last,
              priority_score = p.harm + p.danger + p.reporters + p.age,
              priority_parts = jsonb_build_object('harm', p.harm, 'danger', p.danger, 'reporters', p.reporters, 'velocity', 0, 'age', p.age),
              rescore_at = NULL
       FROM p WHERE c.id = p.id`,
    );
    await step(
      'claims and escalations',
      `UPDATE cases SET status = CASE WHEN case_number % 100 < 3 THEN 'in_review'::"CaseStatus" ELSE 'escalated'::"CaseStatus" END,
              assignee_id = CASE WHEN case_number % 100 < 3 THEN ($1::uuid[])[1 + (case_number % array_length($1::uuid[], 1))::int] END,
              lease_expires_at = CASE WHEN case_number % 100 < 3 THEN now() + interval '2 hours' END
       WHERE closed_at IS NULL AND case_number % 100 < 4`,
      [staff.holders],
    );
    await step('vacuum analyze', `VACUUM (ANALYZE) reported_accounts, cases, reports, case_reporters`);
    return timings;
  } finally {
    await client.end();
  }
}

/** A cursor position `depth` rows into the open queue (for the deep-page measurement). */
export async function queuePositionAt(databaseUrl: string, depth: number) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ priority_score: number; sla_due_at: Date; id: string }>(
      `SELECT priority_score, sla_due_at, id::text FROM cases WHERE closed_at IS NULL
       ORDER BY priority_score DESC, sla_due_at, id OFFSET $1 LIMIT 1`,
      [depth],
    );
    const row = rows[0]!;
    return { priorityScore: row.priority_score, slaDueAt: row.sla_due_at, id: row.id };
  } finally {
    await client.end();
  }
}
