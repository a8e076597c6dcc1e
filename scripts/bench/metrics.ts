// npm run bench:metrics — the supervisor metrics page's queries at a million reports.
// A throwaway embedded Postgres loaded like bench:queue (1,000,000 reports in 200,000 cases,
// scripts/bench/lib/queue-data.ts), plus first actions and closures on the closed cases,
// 400,000 case actions by 20 moderators over the last week and 200,000 case.viewed audit entries
// (their insert fires the exposure rollup trigger, as every case view does); the worker's hourly
// rollup catch-up (lib/metrics/rollup-hours.ts); VACUUM ANALYZE; then getMetrics
// (lib/metrics/get-metrics.ts) in-process, `--runs` times (default 10), and each query alone (with
// issue 11's referrals and obligations, and the obligations page and queue filter); then the
// whole page again with the hourly rollup emptied, i.e. with the worker stopped for a week.
// Target: the whole page's data in well under 300 ms.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { startBenchDatabase } from './lib/app-under-test';
import { summarise } from './lib/percentiles';
import { loadQueueData } from './lib/queue-data';

const runsIndex = process.argv.indexOf('--runs');
const RUNS = runsIndex > 0 ? Number(process.argv[runsIndex + 1]) : 10;
const log = (line: string) => console.log(line);

const db = await startBenchDatabase();
Object.assign(process.env, db.env);
const client = new pg.Client({ connectionString: db.databaseUrl });
await client.connect();
try {
  const { rows: staff } = await client.query<{ id: string }>(
    `INSERT INTO staff (id, email, name, role, password_hash, updated_at)
     SELECT gen_random_uuid(), 'm' || i || '@bench.triage', 'Bench moderator ' || i, 'moderator', 'x', now()
     FROM generate_series(1, 20) i RETURNING id::text`,
  );
  log('Loading 1,000,000 reports…');
  await loadQueueData(db.databaseUrl, { holders: staff.slice(0, 10).map((s) => s.id) }, log);
  const staffArray = `'{${staff.map((s) => s.id).join(',')}}'`;
  const timed = async (label: string, run: () => Promise<unknown>) => {
    const started = performance.now();
    await run();
    log(`${label}: ${Math.round(performance.now() - started)} ms`);
  };
  await timed('First actions and 400,000 case actions', () =>
    client.query(`
      UPDATE cases SET first_action_at = first_reported_at + (random() * interval '20 hours') WHERE closed_at IS NOT NULL;
      INSERT INTO case_actions (id, case_id, actor_id, type, created_at)
        SELECT gen_random_uuid(), c.id, ($1::uuid[])[1 + (g % 20)],
               (ARRAY['claim','dismiss','suspend','note','escalate'])[1 + (g % 5)]::"ActionType",
               now() - random() * interval '7 days'
        FROM generate_series(1, 400000) g JOIN cases c ON c.case_number = 1 + (g % 200000);`.replace(/\$1/g, staffArray)),
  );
  // Bulk-loaded with triggers off, as one transaction of 200,000 views; the set-based backfill then
  // rolls them up (one transaction per view, as in production, is what the per-row trigger is for).
  await timed('200,000 case.viewed entries, then tc_backfill_exposure_rollup()', () =>
    client.query(`
      SET session_replication_role = replica;
      INSERT INTO audit_entries (occurred_at, actor_type, actor_id, event, case_id, payload)
        SELECT now() - random() * interval '7 days', 'staff', (($1::uuid[])[1 + (g % 20)])::text, 'case.viewed', c.id,
               '{"status":"open","version":1,"contactsShown":false}'
        FROM generate_series(1, 200000) g JOIN cases c ON c.case_number = 1 + (g % 200000);
      SET session_replication_role = origin;
      SELECT tc_backfill_exposure_rollup();`.replace(/\$1/g, staffArray)),
  );

  // Issue 11: a tenth of the cases referred to NCMEC within the window (approved, half of them
  // acknowledged), 3 % of the open cases responding with an outstanding referral obligation, and the
  // referred cases' obligations met.
  await timed('20,000 referral approvals and referrals, 3,000 outstanding and 20,000 met obligations', () =>
    client.query(`
      WITH a AS (
        INSERT INTO approvals (id, kind, status, case_id, requested_by_id, requested_at, reason_code, payload, decided_by_id, decided_at)
        SELECT gen_random_uuid(), 'referral', 'approved', c.id, ($1::uuid[])[1], t, 'hotline_referral', '{"hotline":"ncmec"}', ($1::uuid[])[2], t + interval '1 hour'
        FROM (SELECT id, now() - interval '2 hours' - random() * interval '13 days' AS t FROM cases WHERE case_number % 10 = 0) c
        RETURNING id, case_id, decided_at)
      INSERT INTO referrals (id, case_id, hotline, status, created_by_id, approval_id, version, acknowledged_at, hotline_report_id)
        SELECT gen_random_uuid(), a.case_id, 'ncmec', CASE WHEN k THEN 'acknowledged' ELSE 'exported' END::"ReferralStatus", ($1::uuid[])[1], a.id, 1,
               CASE WHEN k THEN least(now(), a.decided_at + random() * interval '2 days') END, CASE WHEN k THEN 'CT-' || a.id END
        FROM (SELECT a.*, random() < 0.5 AS k FROM a) a;
      UPDATE cases SET status = 'responding' WHERE closed_at IS NULL AND case_number % 50 = 1;
      INSERT INTO case_obligations (id, case_id, kind, hotline, state, created_at)
        SELECT gen_random_uuid(), id, 'referral', 'ncmec', 'outstanding', first_reported_at FROM cases WHERE status = 'responding';
      INSERT INTO case_obligations (id, case_id, kind, hotline, state, created_at, met_at)
        SELECT gen_random_uuid(), id, 'referral', 'ncmec', 'met', first_reported_at, now() FROM cases WHERE case_number % 10 = 0;`.replace(/\$1/g, staffArray)),
  );

  const { getMetrics } = await import('../../lib/metrics/get-metrics');
  const sql = await import('../../lib/metrics/metrics-sql');
  const responseSql = await import('../../lib/metrics/response-sql');
  const { referralObligationAges } = await import('../../lib/response/referral-obligation-ages');
  const { listReferralObligations } = await import('../../lib/response/list-referral-obligations');
  const { listQueue } = await import('../../lib/queue/list-queue');
  const { parseQueueQuery } = await import('../../lib/queue/list-queue-params');
  const { rollUpMetricHours } = await import('../../lib/metrics/rollup-hours');
  const { getPrisma } = await import('../../lib/db');
  const prisma = getPrisma();
  const catchUp = async () => {
    while ((await rollUpMetricHours(prisma)) > 0) {
      /* the worker's loop */
    }
  };
  await timed('Worker: hourly rollup of the last 8 days (catch-up from empty)', catchUp);
  await timed('VACUUM ANALYZE', () => client.query('VACUUM ANALYZE'));

  const actor = { id: randomUUID(), email: 'b@bench', name: 'Bench', role: 'supervisor' as const, sessionId: randomUUID() };
  const now = new Date();
  const page = async (label: string) => {
    const whole: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const started = performance.now();
      await getMetrics({ actor, exposureCap: 80, now });
      whole.push(performance.now() - started);
    }
    const s = summarise(whole);
    log(`getMetrics (${label}, ${RUNS} runs): p50 ${s.p50.toFixed(1)} ms, max ${Math.max(...whole).toFixed(1)} ms`);
  };
  await page('whole page');
  const parts: [string, () => Promise<unknown>][] = [
    ['backlog', () => sql.backlog(prisma, now)],
    ['breaches by day (14)', () => sql.breachesByDay(prisma, now, 14)],
    ['percentiles', () => sql.durations(prisma, now, 14)],
    ['per hour (14 days, as the page)', () => sql.perHour(prisma, now, 14 * 24)],
    ['throughput (7 d)', () => sql.throughput(prisma, now, 7)],
    ['exposure (7 d)', () => sql.exposure(prisma, now, 7)],
    ['response times (14 d)', () => responseSql.responseTimes(prisma, now, 14)],
    ['outstanding referrals by age', () => referralObligationAges(prisma, now, 24)],
    ['obligations page, first page of 50', () => listReferralObligations({ now, targetHours: 24 })],
    ['queue, referral-obligations filter', () => listQueue({ viewer: actor, query: parseQueueQuery({ obligation: 'referral' }), now })],
    ['queue, default (responding left out)', () => listQueue({ viewer: actor, query: parseQueueQuery({}), now })],
  ];
  for (const [name, run] of parts) {
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const started = performance.now();
      await run();
      times.push(performance.now() - started);
    }
    log(`  ${name}: p50 ${summarise(times).p50.toFixed(1)} ms`);
  }
  // The worker stopped for a week: the page counts every hour itself (same figures, more work).
  await client.query('DELETE FROM metrics_actor_hours; DELETE FROM metrics_hours');
  await page('whole page, no hourly rollup');
  await catchUp();
  await timed('Worker: one pass with nothing new to roll up', catchUp);

  // What the trigger adds to opening a case: one audit write per view, each in its own transaction.
  const { rows: cases } = await client.query<{ id: string }>('SELECT id::text FROM cases ORDER BY case_number DESC LIMIT 300');
  const writeCost = async (event: string) => {
    const times: number[] = [];
    for (const [i, c] of cases.entries()) {
      const started = performance.now();
      // The time and MAC stand in for the app's (lib/audit/entry-mac.ts); these rows are never sealed.
      await client.query(
        `SELECT tc_write_audit(now(), 'staff'::"ActorType", $1::text, $2::text, $3::uuid, 'case'::text, $4::text, '{}'::jsonb, NULL::text, $5::text)`,
        [staff[i % 20]!.id, event, c.id, c.id, `bench.${event}.${i}.${Math.random()}`],
      );
      times.push(performance.now() - started);
    }
    return summarise(times).p50.toFixed(2);
  };
  const probe = await writeCost('bench.probe');
  log(`One audit write: case.viewed (with the rollup trigger) p50 ${await writeCost('case.viewed')} ms, another event ${probe} ms`);
  await prisma.$disconnect();
} finally {
  await client.end();
  await db.postgres.stop();
}
