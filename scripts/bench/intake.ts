// npm run bench:intake — accepted reports per second over HTTP at concurrency 32, against the
// production build on embedded Postgres, then the database's own ceiling for the very same
// transaction through bare `pg` at the same concurrency, and the ratio of the two.
// Options: --requests <n> over HTTP (default 20000; a fixed count, so every request's response is
// counted and the stored total can be checked exactly), --duration <seconds> for the ceiling
// (default 15), --connections <n> (default 32), --nodes <n> (default 1): with n > 1 the same load is
// also run against n web nodes (separate processes on separate ports, one worker, one database) in
// the same invocation, the load generator's connections spread evenly across them, and the ratio of
// the two throughputs is printed.
import { randomBytes } from 'node:crypto';
import autocannon from 'autocannon';
import pg from 'pg';
import { deriveAuditKeys } from '../../lib/audit/audit-keys';
import { intakeParams, requestHashOf } from '../../lib/reports/intake-params';
import { acceptReportStatement } from '../../lib/reports/intake-sql';
import { normaliseAccount, profileUrlParser } from '../../lib/reports/normalise';
import { ZReportInput } from '../../lib/reports/schema';
import { ensureBuild, startApp, startBenchDatabase } from './lib/app-under-test';
import { summarise } from './lib/percentiles';
import { randomIp, randomReport } from './lib/report-mix';

const arg = (name: string, fallback: number) => {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? Number(process.argv[index + 1]) : fallback;
};
const REQUESTS = arg('requests', 20_000);
const DURATION = arg('duration', 15);
const CONNECTIONS = arg('connections', 32);
const NODES = arg('nodes', 1);
const SLA = { critical: 60, high: 240, standard: 1440 };
/** The ceiling MACs its audit entries as the app does (same cost); its rows are never sealed. */
const auditRoot = randomBytes(32).toString('base64url');

async function countReports(pool: pg.Pool): Promise<number> {
  const { rows } = await pool.query<{ n: string }>('SELECT count(*) AS n FROM reports');
  return Number(rows[0]!.n);
}

/**
 * REQUESTS reports at CONNECTIONS concurrency, split evenly across `urls` (one load generator:
 * this process runs one autocannon per node at once); totals over the whole run.
 */
async function measureApp(urls: string[]) {
  const runId = randomBytes(3).toString('hex');
  const started = performance.now();
  const results = await Promise.all(
    urls.map((url, i) =>
      autocannon({
        url,
        connections: Math.floor(CONNECTIONS / urls.length) + (i < CONNECTIONS % urls.length ? 1 : 0),
        amount: Math.floor(REQUESTS / urls.length) + (i < REQUESTS % urls.length ? 1 : 0),
        timeout: 30,
        requests: [
          {
            method: 'POST',
            path: '/api/v1/reports',
            setupRequest: (request) => ({
              ...request,
              headers: { 'content-type': 'application/json', 'x-forwarded-for': randomIp() },
              body: JSON.stringify(randomReport(runId)),
            }),
          },
        ],
      }),
    ),
  );
  const sum = (pick: (r: autocannon.Result) => number) => results.reduce((n, r) => n + pick(r), 0);
  return {
    accepted: sum((r) => r['2xx']),
    non2xx: sum((r) => r.non2xx),
    errors: sum((r) => r.errors),
    timeouts: sum((r) => r.timeouts),
    seconds: (performance.now() - started) / 1000,
    // Per node; with one node exactly autocannon's figures.
    p50: results.map((r) => r.latency.p50).join(' / '),
    p99: results.map((r) => r.latency.p99).join(' / '),
  };
}

/** The same transaction (one tc_accept_report call) through `pg`, with no HTTP, Next.js or Prisma. */
async function measureCeiling(databaseUrl: string) {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: CONNECTIONS });
  const parseProfile = profileUrlParser('https://social.example/@{handle}');
  const runId = `ceiling${randomBytes(3).toString('hex')}`;
  const latencies: number[] = [];
  const deadline = Date.now() + DURATION * 1000;

  async function oneReport() {
    const report = ZReportInput.parse(randomReport(runId));
    const account = normaliseAccount(report.account, parseProfile)!;
    const sourceHash = randomBytes(16).toString('base64url');
    const params = intakeParams(report, { channel: 'api', sourceHash, reporterFingerprint: sourceHash }, account, {
      requestHash: requestHashOf(report),
      idempotencyKey: null,
      platform: 'example-social',
      slaTargets: SLA,
      auditKey: deriveAuditKeys(auditRoot).entry,
      limit: { key: `reports:${sourceHash}`, perMinute: 10 }, // the shared limit, as the app takes it
    });
    const { text, values } = acceptReportStatement(params);
    const started = performance.now();
    await pool.query(text, values);
    latencies.push(performance.now() - started);
  }

  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (Date.now() < deadline) await oneReport();
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  await pool.end();
  return { perSecond: latencies.length / seconds, ...summarise(latencies) };
}

/** Seconds until the worker's sealer has linked every audit entry into the hash chain. */
async function waitForSealing(pool: pg.Pool): Promise<number> {
  const started = performance.now();
  for (;;) {
    const { rows } = await pool.query<{ n: string }>(
      'SELECT count(*) AS n FROM audit_entries e WHERE NOT EXISTS (SELECT 1 FROM audit_seals s WHERE s.entry_id = e.id)',
    );
    if (rows[0]!.n === '0') return (performance.now() - started) / 1000;
    if (performance.now() - started > 120_000) throw new Error(`${rows[0]!.n} audit entries still unsealed after 120 s`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function verifyChain(env: NodeJS.ProcessEnv): Promise<string> {
  Object.assign(process.env, { DATABASE_URL: env.DATABASE_URL, TC_SECRET_KEY: env.TC_SECRET_KEY, NEXTAUTH_SECRET: env.NEXTAUTH_SECRET });
  const { getPrisma } = await import('../../lib/db');
  const { verifyAuditChain } = await import('../../lib/audit/verify');
  const prisma = getPrisma();
  const result = await verifyAuditChain(prisma);
  await prisma.$disconnect();
  return result.status === 'intact' ? `intact, ${result.sealedCount} entries` : `BROKEN at ${result.seq}: ${result.reason}`;
}

type HttpRun = Awaited<ReturnType<typeof measureApp>> & { nodes: number; perSecond: number; stored: number; sealing: number };

/** One HTTP run against `nodes` web nodes and one worker; they are stopped before it returns. */
async function runOverHttp(db: Awaited<ReturnType<typeof startBenchDatabase>>, pool: pg.Pool, nodes: number): Promise<HttpRun> {
  const app = await startApp(db.env, Number(process.env.PORT ?? 3190), { webNodes: nodes });
  try {
    // Warm up every server (JIT, connection pool, prepared plans) before measuring.
    await Promise.all(app.urls.map((url) => autocannon({ url: `${url}/api/health`, connections: 4, duration: 2 })));
    const before = await countReports(pool);
    const result = await measureApp(app.urls);
    const stored = (await countReports(pool)) - before;
    const sealing = await waitForSealing(pool);
    return { ...result, nodes, perSecond: result.accepted / result.seconds, stored, sealing };
  } finally {
    await app.stop();
  }
}

function printRun(run: HttpRun): void {
  const where = run.nodes === 1 ? 'one web node' : `${run.nodes} web nodes`;
  console.log(`\nIntake over HTTP, ${where} (production build, ${CONNECTIONS} connections, ${REQUESTS} reports in ${run.seconds.toFixed(1)} s, one worker running):`);
  console.log(`  accepted reports/s   ${run.perSecond.toFixed(0)}`);
  console.log(`  latency p50 / p99    ${run.p50} ms / ${run.p99} ms${run.nodes > 1 ? ' (per node)' : ''}`);
  console.log(`  non-2xx responses    ${run.non2xx}   errors ${run.errors}   timeouts ${run.timeouts}`);
  console.log(`  stored = accepted    ${run.stored === run.accepted ? 'yes' : 'NO'} (${run.stored} stored, ${run.accepted} accepted)`);
  console.log(`  audit sealed         last entry ${run.sealing.toFixed(1)} s after the load ended`);
}

async function main() {
  const db = await startBenchDatabase({
    TRUST_PROXY: '1',
    DATABASE_POOL_SIZE: process.env.DATABASE_POOL_SIZE ?? '12',
    WEB_CONCURRENCY: process.env.WEB_CONCURRENCY ?? '1', // one web process measured fastest on 2 cores (the database needs the other)
  });
  const pool = new pg.Pool({ connectionString: db.databaseUrl, max: 2 });
  try {
    await ensureBuild(db.env);
    const runs = [await runOverHttp(db, pool, 1)];
    printRun(runs[0]!);
    if (NODES > 1) {
      runs.push(await runOverHttp(db, pool, NODES));
      printRun(runs[1]!);
      console.log(`\n${NODES} nodes / one node    ${(runs[1]!.perSecond / runs[0]!.perSecond).toFixed(2)} (accepted reports/s, same invocation, same database)`);
    }
    console.log(`\nAudit chain after every run: ${await verifyChain(db.env)}`);

    const ceiling = await measureCeiling(db.databaseUrl);
    console.log(`\nDatabase ceiling (same transaction through pg, ${CONNECTIONS} connections, ${DURATION} s):`);
    console.log(`  reports/s            ${ceiling.perSecond.toFixed(0)}`);
    console.log(`  latency p50 / p99    ${ceiling.p50.toFixed(1)} ms / ${ceiling.p99.toFixed(1)} ms`);
    const appPerSecond = runs[0]!.perSecond;
    const ratio = appPerSecond / ceiling.perSecond;
    console.log(`\nRatio app/ceiling      ${ratio.toFixed(2)} (one web node)`);
    console.log(`Targets: >= 1000 accepted/s ${appPerSecond >= 1000 ? 'MET' : 'MISSED'}; ratio >= 0.4 ${ratio >= 0.4 ? 'MET' : 'MISSED'}`);
    if (runs.some((r) => r.stored !== r.accepted)) process.exitCode = 1;
  } finally {
    await pool.end();
    await db.postgres.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
