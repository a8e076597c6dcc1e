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
  const step = async (name: string, sql: string, values?: unknown[]) => {
    const started = performance.now();
    // Without values pg uses the simple protocol, which runs several statements in one call.
    await (values ? client.query(sql, values) : client.query(sql));
    timings[name] = Math.round(performance.now() - started);
    log(`  ${name.padEnd(22)} ${(timings[name]! / 1000).toFixed(1)} s`);
  };
  try {
    // Throwaway data: skip the fsync wait per statement; the measurements later run with the defaults.
    // session_replication_role = replica skips the foreign-key triggers for this session's inserts: the
    // rows are consistent by construction, and checking 2 million references one by one is most of the
    // load time otherwise.
    await client.query(
      `SET synchronous_commit = off; SET maintenance_work_mem = '256MB'; SET work_mem = '64MB';
       SET session_replication_role = replica; SELECT setseed(0.42)`,
    );
    await step(
      'accounts',
      `INSERT INTO reported_accounts (id, platform, account_key, handle, platform_account_id, first_reported_at, last_reported_at)
       SELECT ${uuid("'a' || j")}, $1, 'handle:bench_' || j, 'bench_' || j, 'pid' || j, now() - interval '60 days', now()
       FROM generate_series(1, ${ACCOUNTS}) j`,
      [PLATFORM],
    );
    // Staging: every case and report computed once, so counts and scores go in with the rows
    // instead of a second pass of updates over them.
    await step(
      'stage cases',
      `CREATE TEMP TABLE bc AS
       WITH g AS (
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
       SELECT i, ${uuid("'c' || i")} AS id, ${uuid("'a' || account")} AS account_id, closed, category, danger, severity, first_at,
              CASE WHEN closed THEN first_at + interval '1 day' END AS closed_at,
              first_at + (CASE severity WHEN 'critical' THEN 60 WHEN 'high' THEN 240 ELSE 1440 END) * interval '1 minute' AS sla_due_at,
              CASE severity WHEN 'critical' THEN 60 WHEN 'high' THEN 240 ELSE 1440 END AS sla_minutes
       FROM s;
       ALTER TABLE bc ADD PRIMARY KEY (i)`,
    );
    await step(
      'stage reports',
      `CREATE TEMP TABLE br AS
       WITH g AS (
         SELECT k, CASE WHEN k <= ${CASES} THEN k ELSE 1 + ((floor(${CASES} * power(random(), 3))::bigint * 7919) % ${CASES}) END AS case_no,
                random() AS r, random() AS f
         FROM generate_series(1, ${REPORTS}) k
       )
       SELECT g.k, g.case_no, CASE WHEN g.f < 0.1 THEN 'fp-repeat-' || (g.k % 1000) ELSE 'fp' || g.k END AS fingerprint,
              CASE WHEN g.k <= ${CASES} THEN bc.first_at ELSE bc.first_at + g.r * (COALESCE(bc.closed_at, now()) - bc.first_at) END AS received_at
       FROM g JOIN bc ON bc.i = g.case_no;
       CREATE TEMP TABLE bagg AS
       SELECT case_no, count(*)::int AS n, count(DISTINCT fingerprint)::int AS d, max(received_at) AS last FROM br GROUP BY case_no;
       ALTER TABLE bagg ADD PRIMARY KEY (case_no)`,
    );
    const dropped = await dropSecondaryIndexes(client, ['cases', 'reports', 'case_reporters']);
    await step(
      'cases',
      `INSERT INTO cases (id, case_number, account_id, previous_case_id, status, resolution, severity, primary_category, categories,
                          danger_now, report_count, distinct_reporters, priority_score, priority_parts, sla_due_at,
                          first_reported_at, last_reported_at, closed_at, created_at, updated_at)
       SELECT bc.id, bc.i, bc.account_id,
              CASE WHEN bc.i > ${ACCOUNTS} THEN ${uuid(`'c' || (bc.i - ${ACCOUNTS})`)} END,
              (CASE WHEN bc.closed THEN 'closed' ELSE 'open' END)::"CaseStatus",
              (CASE WHEN NOT bc.closed THEN NULL WHEN bc.i % 3 = 0 THEN 'suspended' ELSE 'dismissed' END)::"CaseResolution",
              bc.severity::"Severity", bc.category::"HarmCategory", ARRAY[bc.category::"HarmCategory"], bc.danger,
              a.n, a.d, p.harm + p.danger + p.reporters + p.age,
              jsonb_build_object('harm', p.harm, 'danger', p.danger, 'reporters', p.reporters, 'velocity', 0, 'age', p.age),
              bc.sla_due_at, bc.first_at, a.last, bc.closed_at, bc.first_at, bc.first_at
       FROM bc JOIN bagg a ON a.case_no = bc.i
       CROSS JOIN LATERAL (
         SELECT ${HARM.replaceAll('c.primary_category', 'bc.category')} AS harm,
                CASE WHEN bc.danger THEN 100 ELSE 0 END AS danger,
                least(40, round(10 * log(2, 1 + a.d)))::int AS reporters,
                CASE WHEN now() < bc.sla_due_at - bc.sla_minutes * interval '30 seconds' THEN 0
                     WHEN now() < bc.sla_due_at THEN 10
                     ELSE least(40, 25 + 5 * floor(extract(epoch FROM now() - bc.sla_due_at) / (60 * bc.sla_minutes)))::int END AS age
       ) p`,
    );
    await step('case sequence', `SELECT setval(pg_get_serial_sequence('cases', 'case_number'), ${CASES})`);
    await step(
      'reports',
      `INSERT INTO reports (id, reference, case_id, account_id, channel, category, danger_now, description, content_urls, media_hashes,
                            reporter_country, source_hash, reporter_fingerprint, request_hash, received_at)
       SELECT ${uuid("'r' || br.k")},
              'TC-' || upper(substr(lpad(to_hex(br.k), 8, '0'), 1, 4)) || '-' || upper(substr(lpad(to_hex(br.k), 8, '0'), 5, 4)),
              bc.id, bc.account_id, 'web', bc.category::"HarmCategory", bc.danger AND br.k <= ${CASES}, 'Bench report ' || br.k,
              CASE WHEN br.k % 3 = 0 THEN ARRAY['https://files.example/item/' || br.k] ELSE '{}'::text[] END, '{}'::text[],
              'GB', 'src' || br.k, br.fingerprint, 'bench', br.received_at
       FROM br JOIN bc ON bc.i = br.case_no`,
    );
    await step(
      'case_reporters',
      `INSERT INTO case_reporters (case_id, fingerprint, first_seen_at)
       SELECT bc.id, br.fingerprint, min(br.received_at) FROM br JOIN bc ON bc.i = br.case_no GROUP BY bc.id, br.fingerprint`,
    );
    await step('rebuild indexes', dropped.join(';\n'));
    await client.query('DROP TABLE bc, br, bagg; SET session_replication_role = origin');
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

/**
 * Drops the secondary indexes of `tables` (not primary keys or those behind constraints) and returns
 * their definitions: building an index once over loaded rows is far faster than a million inserts
 * into it. The definitions come from the catalog, so the rebuilt indexes are exactly the schema's.
 */
async function dropSecondaryIndexes(client: pg.Client, tables: string[]): Promise<string[]> {
  const { rows } = await client.query<{ name: string; def: string }>(
    `SELECT i.indexname AS name, i.indexdef AS def FROM pg_indexes i
     WHERE i.schemaname = 'public' AND i.tablename = ANY($1)
       AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`,
    [tables],
  );
  for (const row of rows) await client.query(`DROP INDEX ${client.escapeIdentifier(row.name)}`);
  return rows.map((r) => r.def);
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
