// npm run bench:queue — the moderator queue at a million reports.
//  1. A throwaway embedded Postgres, migrated, bulk-loaded with 1,000,000 reports in 200,000 cases
//     (scripts/bench/lib/queue-data.ts), VACUUM ANALYZE.
//  2. Claim latency through the real claimNextCase (lib/queue/claim-next-case.ts, what "Next case"
//     runs), in-process: each moderator claims, dismisses the case through takeAction (untimed), and
//     claims again. Three loads: one moderator alone; 16 moderators each pausing ~500 ms between
//     cases (still ~100x a human pace; the target run, p99 < 25 ms); 16 with no pause (saturation).
//     Then the same statements through bare pg, for the database's share.
//  3. Queue page: the production build (own build folder, .next-bench-queue) on the same database,
//     a moderator signed in through next-auth (real session cookie), GET /console (first page) and
//     GET /console?cursor=… (a page 90,000 cases deep, keyset), one at a time and 4 at a time; p50
//     and p95 of the full response. Target: p95 < 300 ms. Also listQueue in-process.
//  4. Search: listQueue with partial search terms (handle, platform ID, reference fragments, one
//     broad fragment), in-process; p50 and p95 each. Target: p95 < 100 ms.
// Options: --claims <n> per moderator (default 100), --think <ms> mean pause between a moderator's
// claims in the paced run (default 500), --requests <n> per page and concurrency (default 100),
// --no-http (skip the build and the HTTP part: database and in-process figures only).
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import pg from 'pg';
import { ensureBuild, startApp, startBenchDatabase } from './lib/app-under-test';
import { summarise } from './lib/percentiles';
import { measureClaimCeiling } from './lib/queue-claim-ceiling';
import { measureClaims, type ClaimRun } from './lib/queue-claims';
import { loadQueueData, queuePositionAt, CASES, REPORTS } from './lib/queue-data';
import { signIn } from './lib/sign-in';

const arg = (name: string, fallback: number) => {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? Number(process.argv[index + 1]) : fallback;
};
const MODERATORS = 16;
const CLAIMS_PER_MODERATOR = arg('claims', 100);
const REQUESTS = arg('requests', 100);
const THINK_MS = arg('think', 500);
const HTTP_CONCURRENCY = 4;
const HTTP = !process.argv.includes('--no-http');
const PASSWORD = 'bench-moderator-password';
const started = performance.now();
const log = (line: string) => console.log(line);
const ms = (n: number) => `${n.toFixed(1)} ms`;

process.env.NEXT_DIST_DIR ||= '.next-bench-queue';
const db = await startBenchDatabase({ DATABASE_POOL_SIZE: String(MODERATORS + 4), NEXT_DIST_DIR: process.env.NEXT_DIST_DIR });
// The lib/ modules read their configuration from process.env when first used.
Object.assign(process.env, db.env, { NODE_ENV: 'production' });

let stopApp: (() => Promise<void>) | undefined;
try {
  const { hashPassword } = await import('../../lib/staff/password');
  const passwordHash = await hashPassword(PASSWORD);
  const staff = await createStaff(db.databaseUrl, passwordHash);

  log(`Loading ${REPORTS.toLocaleString('en')} reports in ${CASES.toLocaleString('en')} cases…`);
  await loadQueueData(db.databaseUrl, { holders: staff.holders }, log);

  // --- Claim latency, in-process through the real function -----------------------------------------
  log('Claims…');
  const single = await measureClaims(staff.claimers, { perModerator: 100, concurrency: 1 });
  const saturated = await measureClaims(staff.claimers, { perModerator: CLAIMS_PER_MODERATOR, concurrency: MODERATORS });
  const paced = await measureClaims(staff.claimers, { perModerator: CLAIMS_PER_MODERATOR, concurrency: MODERATORS, thinkMs: THINK_MS });
  const ceilingSingle = await measureClaimCeiling(db.databaseUrl, staff.claimers.map((c) => c.id), { perModerator: 100, concurrency: 1 });
  const ceiling = await measureClaimCeiling(db.databaseUrl, staff.claimers.map((c) => c.id), {
    perModerator: CLAIMS_PER_MODERATOR,
    concurrency: MODERATORS,
  });
  const duplicates = await duplicateClaims(db.databaseUrl);
  const { getPrisma } = await import('../../lib/db');
  const viewer = { ...staff.claimers[0]!, role: 'moderator' as const, sessionId: randomUUID() };

  // --- listQueue in-process --------------------------------------------------------------------------
  const { listQueue } = await import('../../lib/queue/list-queue');
  const { encodeCursor, parseQueueQuery } = await import('../../lib/queue/list-queue-params');
  const deepCursor = encodeCursor(await queuePositionAt(db.databaseUrl, 90_000));
  const timeList = async (cursor?: string, params: Record<string, string> = {}) => {
    const latencies: number[] = [];
    for (let i = 0; i < 100; i++) {
      const t0 = performance.now();
      const page = await listQueue({ viewer, query: { ...parseQueueQuery(params), cursor } });
      latencies.push(performance.now() - t0);
      if (page.rows.length === 0) throw new Error('listQueue returned an empty page');
    }
    return summarise(latencies.slice(10));
  };
  const listFirst = await timeList();
  const listDeep = await timeList(deepCursor);
  const listFiltered = await timeList(undefined, { category: 'grooming', breached: '1' });
  // Search (partial, case-insensitive, trigram indexes): fragments of a handle, a platform account
  // ID and a report reference as a moderator types them, then one broad fragment (~111,000 accounts).
  const searches = {
    'handle fragment "ch_12345"': 'ch_12345',
    'handle, other case "BENCH_77777"': 'BENCH_77777',
    'platform ID fragment "pid4242"': 'pid4242',
    'reference fragment "1-2345"': '1-2345',
    'broad fragment "bench_1"': 'bench_1',
  };
  const searchTimes: Record<string, ReturnType<typeof summarise>> = {};
  for (const [label, q] of Object.entries(searches)) searchTimes[label] = await timeList(undefined, { q });
  await getPrisma().$disconnect();

  // --- The queue page over HTTP, production build ----------------------------------------------------
  const http: Record<string, ReturnType<typeof summarise>> = {};
  if (HTTP) {
    await ensureBuild(db.env);
    const app = await startApp(db.env, 7000 + Math.floor(Math.random() * 2000));
    stopApp = app.stop;
    const cookie = await signIn(app.url, staff.claimers[0]!.email, PASSWORD);
    const paths = { first: '/console', deep: `/console?cursor=${deepCursor}` };
    await timeHttp(app.url, Object.values(paths), cookie, HTTP_CONCURRENCY, 40); // warm-up
    for (const concurrency of [1, HTTP_CONCURRENCY]) {
      const results = await timeHttp(app.url, Object.values(paths), cookie, concurrency, REQUESTS);
      http[`first@${concurrency}`] = summarise(results[0]!);
      http[`deep@${concurrency}`] = summarise(results[1]!);
    }
  }

  // --- Results -----------------------------------------------------------------------------------------
  log('');
  log(`Queue benchmark — ${REPORTS.toLocaleString('en')} reports, ${CASES.toLocaleString('en')} cases (100,000 open)`);
  log(`  machine: ${os.cpus().length} cores, load average at the end ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  const claimLine = (label: string, c: ClaimRun) =>
    log(`    ${label.padEnd(44)} p50 ${ms(c.p50)}   p99 ${ms(c.p99)}   (${c.count} claims, ${(c.count / c.seconds).toFixed(0)}/s)`);
  log(`  claim next (claimNextCase in-process; each claim followed by an untimed dismiss):`);
  claimLine('1 moderator', single);
  claimLine(`${MODERATORS} moderators, ~${THINK_MS} ms review per case`, paced);
  claimLine(`${MODERATORS} moderators, no pause at all (saturation)`, saturated);
  claimLine('same statements through bare pg, 1 moderator', ceilingSingle);
  claimLine(`same statements through bare pg, ${MODERATORS} moderators`, ceiling);
  log(`    target p99 < 25 ms with ${MODERATORS} concurrent moderators: ${paced.p99 < 25 ? 'met' : 'MISSED'} (paced run)`);
  log(`    same case claimed twice: ${duplicates}; queue ran dry: ${single.emptyQueue + paced.emptyQueue + saturated.emptyQueue}`);
  if (HTTP) {
    const line = (label: string, r: ReturnType<typeof summarise>) =>
      log(`    ${label.padEnd(44)} p50 ${ms(r.p50)}   p95 ${ms(r.p95)}   (${r.count} requests)`);
    log(`  queue page GET /console over HTTP (signed in, production build, full response body):`);
    line('first page, one request at a time', http['first@1']!);
    line('page 90,000 deep (keyset), one at a time', http['deep@1']!);
    line(`first page, ${HTTP_CONCURRENCY} concurrent`, http[`first@${HTTP_CONCURRENCY}`]!);
    line(`page 90,000 deep, ${HTTP_CONCURRENCY} concurrent`, http[`deep@${HTTP_CONCURRENCY}`]!);
    const worst = Math.max(...Object.values(http).map((r) => r.p95));
    log(`    target p95 < 300 ms: ${worst < 300 ? 'met' : 'MISSED'} (worst p95 ${ms(worst)})`);
  }
  log(`  listQueue in-process (database share), sequential:`);
  log(`    first page p50 ${ms(listFirst.p50)} p95 ${ms(listFirst.p95)} · deep p50 ${ms(listDeep.p50)} p95 ${ms(listDeep.p95)} · grooming+breached p50 ${ms(listFiltered.p50)} p95 ${ms(listFiltered.p95)}`);
  log(`  search in-process (listQueue with a search term; database share), sequential, 90 each:`);
  for (const [label, r] of Object.entries(searchTimes)) log(`    ${label.padEnd(44)} p50 ${ms(r.p50)}   p95 ${ms(r.p95)}`);
  const worstSearch = Math.max(...Object.values(searchTimes).map((r) => r.p95));
  log(`    search p95 (worst of the above) ${ms(worstSearch)}; target < 100 ms: ${worstSearch < 100 ? 'met' : 'MISSED'}`);
  log(`  total run time ${((performance.now() - started) / 60_000).toFixed(1)} min`);
  if (duplicates > 0) process.exitCode = 1;
} finally {
  await stopApp?.();
  await db.postgres.stop();
}

async function createStaff(databaseUrl: string, passwordHash: string) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const insert = async (prefix: string, n: number) => {
      const { rows } = await client.query<{ id: string; email: string; name: string }>(
        `INSERT INTO staff (id, email, name, role, password_hash, updated_at)
         SELECT gen_random_uuid(), $1 || i || '@bench.triage', 'Bench ' || $1 || ' ' || i, 'moderator', $2, now()
         FROM generate_series(1, $3::int) i RETURNING id::text, email, name`,
        [prefix, passwordHash, n],
      );
      return rows;
    };
    return { claimers: await insert('claimer', MODERATORS), holders: (await insert('holder', 10)).map((r) => r.id) };
  } finally {
    await client.end();
  }
}

/** Cases with two claim actions whose leases overlap would mean two moderators got one case. */
async function duplicateClaims(databaseUrl: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>(
      `SELECT count(*) AS n FROM (SELECT case_id FROM case_actions WHERE type = 'claim' GROUP BY case_id HAVING count(*) > 1) d`,
    );
    return Number(rows[0]!.n);
  } finally {
    await client.end();
  }
}

/** GETs `paths` in turn, `count` times each, `concurrency` at a time; latencies per path. */
async function timeHttp(base: string, paths: string[], cookie: string, concurrency: number, count: number): Promise<number[][]> {
  const latencies: number[][] = paths.map(() => []);
  let next = 0;
  const worker = async () => {
    while (next < count * paths.length) {
      const index = next++;
      const path = paths[index % paths.length]!;
      const t0 = performance.now();
      const response = await fetch(`${base}${path}`, { headers: { cookie }, redirect: 'manual' });
      const body = await response.text();
      const elapsed = performance.now() - t0;
      if (response.status !== 200 || !body.includes('data-case-id')) {
        throw new Error(`GET ${path} answered ${response.status} without queue rows`);
      }
      latencies[index % paths.length]!.push(elapsed);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return latencies;
}
