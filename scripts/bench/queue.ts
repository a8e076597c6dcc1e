// npm run bench:queue — the moderator queue at a million reports.
//  1. A throwaway embedded Postgres, migrated, bulk-loaded with 1,000,000 reports in 200,000 cases
//     (scripts/bench/lib/queue-data.ts), VACUUM ANALYZE.
//  2. Claim latency: 16 moderators call claimNextCase (lib/queue/claim-next-case.ts, the function the
//     console's "Next case" runs) concurrently, each dismissing what it claimed (untimed) before its
//     next claim; p50 and p99 of the claims. Target: p99 < 25 ms.
//  3. Queue page: the production build (own build folder, .next-bench-queue) on the same database,
//     a moderator signed in through next-auth, GET /console (first page) and GET /console?cursor=…
//     (a page 90,000 cases deep, keyset) at 4 concurrent requests; p50 and p95 of the full response.
//     Target: p95 < 300 ms. Also listQueue in-process, for the share that is the database.
// Options: --claims <n> per moderator (default 150), --requests <n> per page kind (default 200),
// --no-http (skip the build and the HTTP part: database and in-process figures only).
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { ensureBuild, startApp, startBenchDatabase } from './lib/app-under-test';
import { summarise } from './lib/percentiles';
import { loadQueueData, queuePositionAt, CASES, REPORTS } from './lib/queue-data';
import { signIn } from './lib/sign-in';

const arg = (name: string, fallback: number) => {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? Number(process.argv[index + 1]) : fallback;
};
const MODERATORS = 16;
const CLAIMS_PER_MODERATOR = arg('claims', 150);
const REQUESTS = arg('requests', 200);
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
  const { claimNextCase } = await import('../../lib/queue/claim-next-case');
  const { takeAction } = await import('../../lib/cases/take-action');
  const { getPrisma } = await import('../../lib/db');
  const moderators = staff.claimers.map((m) => ({ ...m, role: 'moderator' as const, sessionId: randomUUID() }));
  const claimLatencies: number[] = [];
  let emptyQueue = 0;
  const claimRound = async (actor: (typeof moderators)[number], rounds: number, record: boolean) => {
    for (let i = 0; i < rounds; i++) {
      const t0 = performance.now();
      const claimed = await claimNextCase({ actor });
      const elapsed = performance.now() - t0;
      if (!claimed) {
        emptyQueue++;
        return;
      }
      if (record) claimLatencies.push(elapsed);
      await takeAction({
        caseId: claimed.caseId,
        actor,
        expectedVersion: claimed.version,
        input: { type: 'dismiss', reasonCode: 'no_violation', note: undefined },
      });
    }
  };
  log(`Claims: ${MODERATORS} moderators × ${CLAIMS_PER_MODERATOR} (each dismisses its case before the next claim)…`);
  await Promise.all(moderators.map((m) => claimRound(m, 5, false))); // warm-up: connections, plans
  const claimStarted = performance.now();
  await Promise.all(moderators.map((m) => claimRound(m, CLAIMS_PER_MODERATOR, true)));
  const claimSeconds = (performance.now() - claimStarted) / 1000;
  const claims = summarise(claimLatencies);
  const duplicates = await duplicateClaims(db.databaseUrl);

  // --- listQueue in-process --------------------------------------------------------------------------
  const { listQueue } = await import('../../lib/queue/list-queue');
  const { encodeCursor, parseQueueQuery } = await import('../../lib/queue/list-queue-params');
  const deepCursor = encodeCursor(await queuePositionAt(db.databaseUrl, 90_000));
  const viewer = moderators[0]!;
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
  await getPrisma().$disconnect();

  // --- The queue page over HTTP, production build ----------------------------------------------------
  let firstPage = summarise([]);
  let deepPage = summarise([]);
  if (HTTP) {
    await ensureBuild(db.env);
    const app = await startApp(db.env, 7000 + Math.floor(Math.random() * 2000));
    stopApp = app.stop;
    const cookie = await signIn(app.url, staff.claimers[0]!.email, PASSWORD);
    firstPage = await timeHttp(app.url, '/console', cookie);
    deepPage = await timeHttp(app.url, `/console?cursor=${deepCursor}`, cookie);
  }

  // --- Results -----------------------------------------------------------------------------------------
  log('');
  log(`Queue benchmark — ${REPORTS.toLocaleString('en')} reports, ${CASES.toLocaleString('en')} cases (100,000 open), 2-core machine`);
  log(`  claim next (claimNextCase), ${MODERATORS} concurrent moderators: ${claims.count} claims in ${claimSeconds.toFixed(1)} s`);
  log(`    p50 ${ms(claims.p50)}   p99 ${ms(claims.p99)}   (target p99 < 25 ms: ${claims.p99 < 25 ? 'met' : 'MISSED'})`);
  log(`    same case claimed twice: ${duplicates}; queue ran dry: ${emptyQueue}`);
  log(`  queue page GET /console over HTTP (signed in, production build), ${HTTP_CONCURRENCY} concurrent:`);
  log(`    first page         p50 ${ms(firstPage.p50)}   p95 ${ms(firstPage.p95)}   (${firstPage.count} requests)`);
  log(`    page 90,000 deep   p50 ${ms(deepPage.p50)}   p95 ${ms(deepPage.p95)}   (target p95 < 300 ms: ${Math.max(firstPage.p95, deepPage.p95) < 300 ? 'met' : 'MISSED'})`);
  log(`  listQueue in-process (database share), sequential:`);
  log(`    first page p50 ${ms(listFirst.p50)} p95 ${ms(listFirst.p95)} · deep p50 ${ms(listDeep.p50)} p95 ${ms(listDeep.p95)} · grooming+breached p50 ${ms(listFiltered.p50)} p95 ${ms(listFiltered.p95)}`);
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

async function timeHttp(base: string, path: string, cookie: string) {
  const latencies: number[] = [];
  let next = 0;
  const worker = async () => {
    while (next < REQUESTS + 20) {
      const index = next++;
      const t0 = performance.now();
      const response = await fetch(`${base}${path}`, { headers: { cookie }, redirect: 'manual' });
      const body = await response.text();
      const elapsed = performance.now() - t0;
      if (response.status !== 200 || !body.includes('data-case-id')) {
        throw new Error(`GET ${path} answered ${response.status} without queue rows`);
      }
      if (index >= 20) latencies.push(elapsed); // the first 20 warm the server up
    }
  };
  await Promise.all(Array.from({ length: HTTP_CONCURRENCY }, worker));
  return summarise(latencies);
}
