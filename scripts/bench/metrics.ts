// npm run bench:metrics — the supervisor metrics page's queries at a million reports.
// A throwaway embedded Postgres loaded like bench:queue (1,000,000 reports in 200,000 cases,
// scripts/bench/lib/queue-data.ts), plus first actions and closures on the closed cases,
// 400,000 case actions by 20 moderators over the last week and 200,000 case.viewed audit entries;
// VACUUM ANALYZE; then getMetrics (lib/metrics/get-metrics.ts) in-process, `--runs` times
// (default 10), and each query alone. Target: the whole page's data in well under a second.
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
  const t0 = performance.now();
  await client.query(`
    UPDATE cases SET first_action_at = first_reported_at + (random() * interval '20 hours') WHERE closed_at IS NOT NULL;
    INSERT INTO case_actions (id, case_id, actor_id, type, created_at)
      SELECT gen_random_uuid(), c.id, ($1::uuid[])[1 + (g % 20)],
             (ARRAY['claim','dismiss','suspend','note','escalate'])[1 + (g % 5)]::"ActionType",
             now() - random() * interval '7 days'
      FROM generate_series(1, 400000) g JOIN cases c ON c.case_number = 1 + (g % 200000);
    INSERT INTO audit_entries (occurred_at, actor_type, actor_id, event, case_id, payload)
      SELECT now() - random() * interval '7 days', 'staff', (($1::uuid[])[1 + (g % 20)])::text, 'case.viewed', c.id,
             '{"status":"open","version":1,"contactsShown":false}'
      FROM generate_series(1, 200000) g JOIN cases c ON c.case_number = 1 + (g % 200000);`.replace(/\$1/g, `'{${staff.map((s) => s.id).join(',')}}'`));
  await client.query('VACUUM ANALYZE');
  log(`Extra rows and ANALYZE: ${Math.round(performance.now() - t0)} ms`);

  const { getMetrics } = await import('../../lib/metrics/get-metrics');
  const sql = await import('../../lib/metrics/metrics-sql');
  const { getPrisma } = await import('../../lib/db');
  const actor = { id: randomUUID(), email: 'b@bench', name: 'Bench', role: 'supervisor' as const, sessionId: randomUUID() };
  const now = new Date();
  const whole: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    await getMetrics({ actor, exposureCap: 80, now });
    whole.push(performance.now() - started);
  }
  const s = summarise(whole);
  log(`getMetrics (whole page, ${RUNS} runs): p50 ${s.p50.toFixed(1)} ms, max ${Math.max(...whole).toFixed(1)} ms`);
  const prisma = getPrisma();
  const parts: [string, () => Promise<unknown>][] = [
    ['backlog', () => sql.backlog(prisma, now)],
    ['breaches by day (14)', () => sql.breachesByDay(prisma, now, 14)],
    ['percentiles', () => sql.durations(prisma, now, 14)],
    ['per hour (48)', () => sql.perHour(prisma, now, 48)],
    ['throughput (7 d)', () => sql.throughput(prisma, now, 7)],
    ['exposure (7 d)', () => sql.exposure(prisma, now, 7)],
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
  await prisma.$disconnect();
} finally {
  await client.end();
  await db.postgres.stop();
}
