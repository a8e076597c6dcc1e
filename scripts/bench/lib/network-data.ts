// Bulk data for the network benchmark: 1,000,000 reports about 200,000 accounts, with a few hundred
// rings hidden in the noise, loaded with INSERT … SELECT generate_series in a handful of statements.
//
//  - 400 rings of 5–50 accounts (about 11,000 accounts): their reports share the ring's content
//    links (written three ways: with and without tracking parameters, trailing slash), its media
//    hashes, its IP addresses (platform IP capture events), mention other members' handles, and
//    every eighth member replaces the member before it (platformContext.replacesAccount);
//  - noise: every other account's reports carry their own links, hashes and addresses, and a few
//    carry what very many share (a platform's home page, a meme's hash): the cut-off's job;
//  - one case per account (85 % open), a few suspended ring members, referrals with hotline report
//    IDs on some ring cases; every report queued for the link computation, oldest first.
import pg from 'pg';

export const ACCOUNTS = 200_000;
export const REPORTS = 1_000_000;
export const RINGS = 400;
export const PLATFORM = 'example-social';

/** Ring r (1-based) has 5–50 members; its members are consecutive accounts. */
export function ringSizes(): number[] {
  return Array.from({ length: RINGS }, (_, i) => 5 + (((i + 1) * 37) % 46));
}

const uuid = (seed: string) => `overlay(overlay(md5(${seed}) placing '4' from 13) placing '8' from 17)::uuid`;

export async function loadNetworkData(databaseUrl: string, scale: number, log: (line: string) => void): Promise<{ accounts: number; reports: number; ringAccounts: number }> {
  const accounts = Math.round(ACCOUNTS * scale);
  const reports = Math.round(REPORTS * scale);
  const sizes = ringSizes().slice(0, Math.max(5, Math.round(RINGS * Math.min(1, scale * 4))));
  const firsts: number[] = [];
  let next = 1;
  for (const size of sizes) {
    firsts.push(next);
    next += size;
  }
  const ringAccounts = next - 1;

  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const step = async (name: string, sql: string, values?: unknown[]) => {
    const started = performance.now();
    await (values ? client.query(sql, values) : client.query(sql));
    log(`  ${name.padEnd(22)} ${((performance.now() - started) / 1000).toFixed(1)} s`);
  };
  try {
    // Throwaway data, consistent by construction: no fsync wait, no foreign-key triggers (replica).
    await client.query(`SET synchronous_commit = off; SET maintenance_work_mem = '256MB'; SET work_mem = '64MB';
                         SET session_replication_role = replica; SELECT setseed(0.42)`);
    await step(
      'rings',
      `CREATE TEMP TABLE rm AS
       SELECT r AS ring, f + idx AS account, idx, size, f AS first
       FROM unnest($1::int[], $2::int[]) WITH ORDINALITY AS u(f, size, r), generate_series(0, size - 1) idx`,
      [firsts, sizes],
    );
    await client.query('ALTER TABLE rm ADD PRIMARY KEY (account)');
    await step(
      'staff, API client',
      `INSERT INTO staff (id, email, name, role, password_hash) VALUES (${uuid("'staff'")}, 'bench-supervisor@bench.example', 'Bench supervisor', 'supervisor', 'x');
       INSERT INTO api_keys (id, name, prefix, key_hash, scopes) VALUES (${uuid("'api'")}, 'bench platform', 'tc_bench', 'x', ARRAY['reports:write'])`,
    );
    await step(
      'accounts',
      `INSERT INTO reported_accounts (id, platform, account_key, handle, platform_account_id, enforcement, first_reported_at, last_reported_at)
       SELECT ${uuid("'a' || j")}, $1, 'handle:bench_' || j, 'bench_' || j, 'pid' || j,
              (CASE WHEN rm.idx % 8 = 6 THEN 'suspended' ELSE 'none' END)::"EnforcementState",
              now() - interval '30 days', now() - interval '30 days'
       FROM generate_series(1, ${accounts}) j LEFT JOIN rm ON rm.account = j`,
      [PLATFORM],
    );
    await step(
      'stage reports',
      `CREATE TEMP TABLE br AS
       SELECT k, CASE WHEN k <= ${accounts} THEN k ELSE 1 + ((floor(${accounts} * power(random(), 2))::bigint * 7919) % ${accounts}) END AS account,
              now() - interval '30 days' + (k::float / ${reports}) * interval '29 days' AS received_at
       FROM generate_series(1, ${reports}) k;
       CREATE TEMP TABLE bagg AS SELECT account, count(*)::int AS n, min(received_at) AS first, max(received_at) AS last FROM br GROUP BY account;
       ALTER TABLE bagg ADD PRIMARY KEY (account)`,
    );
    await step(
      'cases',
      `INSERT INTO cases (id, case_number, account_id, status, resolution, severity, primary_category, categories, report_count,
                          distinct_reporters, priority_score, sla_due_at, first_reported_at, last_reported_at, closed_at, created_at, updated_at)
       SELECT ${uuid("'c' || g.account")}, g.account, ${uuid("'a' || g.account")},
              (CASE WHEN g.account % 20 < 3 THEN 'closed' ELSE 'open' END)::"CaseStatus",
              (CASE WHEN g.account % 20 < 3 THEN 'dismissed' END)::"CaseResolution",
              'high', 'child_sexual_imagery', ARRAY['child_sexual_imagery'::"HarmCategory"], g.n, g.n,
              50 + (g.account * 13) % 100, g.first + interval '4 hours', g.first, g.last,
              CASE WHEN g.account % 20 < 3 THEN g.last + interval '1 day' END, g.first, g.first
       FROM bagg g;
       UPDATE reported_accounts a SET first_reported_at = g.first, last_reported_at = g.last FROM bagg g WHERE a.id = ${uuid("'a' || g.account")};
       SELECT setval(pg_get_serial_sequence('cases', 'case_number'), ${accounts})`,
    );
    await step(
      'reports',
      `INSERT INTO reports (id, reference, case_id, account_id, channel, category, danger_now, description, content_urls, media_hashes,
                            platform_context, api_client_id, reporter_country, source_hash, reporter_fingerprint, request_hash, received_at)
       SELECT ${uuid("'r' || e.k")},
              'TC-' || upper(substr(lpad(to_hex(e.k), 8, '0'), 1, 4)) || '-' || upper(substr(lpad(to_hex(e.k), 8, '0'), 5, 4)),
              ${uuid("'c' || e.account")}, ${uuid("'a' || e.account")}, 'api', 'child_sexual_imagery', false,
              e.description, e.urls, e.hashes, e.context,
              CASE WHEN e.context IS NOT NULL OR cardinality(e.hashes) > 0 THEN ${uuid("'api'")} END,
              'GB', 'src' || e.k, 'fp' || e.k, 'bench', e.received_at
       FROM (
         SELECT br.k, br.account, br.received_at,
                CASE WHEN rm.ring IS NOT NULL AND random() < 0.3
                     THEN 'Same group as @bench_' || (rm.first + (rm.idx + 1 + floor(random() * (rm.size - 1))::int) % rm.size)
                     ELSE 'Bench report ' || br.k END AS description,
                array_remove(ARRAY[
                  CASE WHEN rm.ring IS NOT NULL AND random() < 0.5
                       THEN (ARRAY['https://ring', 'http://www.ring', 'HTTPS://ring'])[1 + floor(random() * 3)::int] || rm.ring || '.example/share/'
                            || floor(random() * 3)::int || (ARRAY['', '?utm_source=bench', '/'])[1 + floor(random() * 3)::int] END,
                  CASE WHEN random() < 0.33 THEN 'https://files.example/item/' || br.k END,
                  CASE WHEN random() < 0.01 THEN 'https://platform.example/' END], NULL) AS urls,
                array_remove(ARRAY[
                  CASE WHEN rm.ring IS NOT NULL AND random() < 0.35 THEN 'MD5:' || md5('ring' || rm.ring || '-' || floor(random() * 2)::int) END,
                  CASE WHEN random() < 0.05 THEN 'MD5:' || md5('u' || br.k) END,
                  CASE WHEN random() < 0.005 THEN 'MD5:' || md5('meme') END], NULL) AS hashes,
                NULLIF(jsonb_strip_nulls(jsonb_build_object(
                  'ipCaptureEvents', CASE
                    WHEN rm.ring IS NOT NULL AND random() < 0.3
                      THEN jsonb_build_array(jsonb_build_object('ipAddress', '10.' || (rm.ring / 256) || '.' || (rm.ring % 256) || '.' || (1 + floor(random() * 2)::int),
                                                                'eventName', 'Login', 'dateTime', '2026-11-01T00:00:00Z'))
                    WHEN random() < 0.05
                      THEN jsonb_build_array(jsonb_build_object('ipAddress', '172.' || (16 + (br.k >> 16) % 16) || '.' || ((br.k >> 8) % 256) || '.' || (br.k % 256),
                                                                'eventName', 'Login', 'dateTime', '2026-11-01T00:00:00Z')) END,
                  'replacesAccount', CASE WHEN rm.idx % 8 = 7 AND br.k <= ${accounts}
                                          THEN jsonb_build_object('handle', 'bench_' || (rm.account - 1)) END)), '{}'::jsonb) AS context
         FROM br LEFT JOIN rm ON rm.account = br.account
       ) e`,
    );
    await step(
      'referrals',
      `INSERT INTO referrals (id, case_id, hotline, status, created_by_id, hotline_report_id, version)
       SELECT ${uuid("'ref' || rm.account")}, ${uuid("'c' || rm.account")}, 'ncmec', 'acknowledged', ${uuid("'staff'")}, 'CT-' || (100000 + rm.account), 1
       FROM rm WHERE rm.idx % 5 = 2 AND rm.account <= ${accounts}`,
    );
    await step('queue every report', `TRUNCATE account_link_queue; INSERT INTO account_link_queue (report_id) SELECT ${uuid("'r' || k")} FROM br ORDER BY received_at, k`);
    await client.query('DROP TABLE rm, br, bagg; SET session_replication_role = origin');
    await step('vacuum analyze', `VACUUM (ANALYZE) reported_accounts, cases, reports, referrals, account_link_queue`);
    return { accounts, reports, ringAccounts: Math.min(ringAccounts, accounts) };
  } finally {
    await client.end();
  }
}
