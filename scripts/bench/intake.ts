// npm run bench:intake — accepted reports per second over HTTP at concurrency 32, against the
// production build on embedded Postgres, then the database's own ceiling for the very same
// transaction through bare `pg` at the same concurrency, and the ratio of the two.
// Options: --requests <n> over HTTP (default 20000; a fixed count, so every request's response is
// counted and the stored total can be checked exactly), --duration <seconds> for the ceiling
// (default 15), --connections <n> (default 32).
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
const SLA = { critical: 60, high: 240, standard: 1440 };
/** The ceiling MACs its audit entries as the app does (same cost); its rows are never sealed. */
const auditRoot = randomBytes(32).toString('base64url');

async function countReports(pool: pg.Pool): Promise<number> {
  const { rows } = await pool.query<{ n: string }>('SELECT count(*) AS n FROM reports');
  return Number(rows[0]!.n);
}

async function measureApp(url: string) {
  const runId = randomBytes(3).toString('hex');
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    amount: REQUESTS,
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
  });
  return result;
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

async function main() {
  const db = await startBenchDatabase({
    TRUST_PROXY: '1',
    DATABASE_POOL_SIZE: process.env.DATABASE_POOL_SIZE ?? '12',
    WEB_CONCURRENCY: process.env.WEB_CONCURRENCY ?? '1', // one web process measured fastest on 2 cores (the database needs the other)
  });
  const pool = new pg.Pool({ connectionString: db.databaseUrl, max: 2 });
  try {
    await ensureBuild(db.env);
    const app = await startApp(db.env, Number(process.env.PORT ?? 3190));
    // Warm up the server (JIT, connection pool, prepared plans) before measuring.
    await autocannon({ url: `${app.url}/api/health`, connections: 4, duration: 2 });
    const before = await countReports(pool);
    const result = await measureApp(app.url);
    const stored = (await countReports(pool)) - before;
    const sealing = await waitForSealing(pool);
    await app.stop();
    const chain = await verifyChain(db.env);

    const accepted = result['2xx'];
    const appPerSecond = accepted / result.duration;
    console.log(`\nIntake over HTTP (production build, ${CONNECTIONS} connections, ${REQUESTS} reports in ${result.duration.toFixed(1)} s, worker running):`);
    console.log(`  accepted reports/s   ${appPerSecond.toFixed(0)}`);
    console.log(`  latency p50 / p99    ${result.latency.p50} ms / ${result.latency.p99} ms`);
    console.log(`  non-2xx responses    ${result.non2xx}   errors ${result.errors}   timeouts ${result.timeouts}`);
    console.log(`  stored = accepted    ${stored === accepted ? 'yes' : 'NO'} (${stored} stored, ${accepted} accepted)`);

    console.log(`  audit chain          ${chain} (last entry sealed ${sealing.toFixed(1)} s after the load ended)`);

    const ceiling = await measureCeiling(db.databaseUrl);
    console.log(`\nDatabase ceiling (same transaction through pg, ${CONNECTIONS} connections, ${DURATION} s):`);
    console.log(`  reports/s            ${ceiling.perSecond.toFixed(0)}`);
    console.log(`  latency p50 / p99    ${ceiling.p50.toFixed(1)} ms / ${ceiling.p99.toFixed(1)} ms`);
    const ratio = appPerSecond / ceiling.perSecond;
    console.log(`\nRatio app/ceiling      ${ratio.toFixed(2)}`);
    console.log(`Targets: >= 1000 accepted/s ${appPerSecond >= 1000 ? 'MET' : 'MISSED'}; ratio >= 0.4 ${ratio >= 0.4 ? 'MET' : 'MISSED'}`);
    if (stored !== accepted) process.exitCode = 1;
  } finally {
    await pool.end();
    await db.postgres.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
