// npm run bench:networks — account networks at a million reports (issue 12, requirement 7).
//  1. A throwaway embedded Postgres, migrated, bulk-loaded with 1,000,000 reports about 200,000
//     accounts with 400 rings of 5–50 accounts hidden in the noise (scripts/bench/lib/network-data.ts),
//     every report queued for the link computation.
//  2. Link computation: the real worker function (lib/networks/compute-account-links.ts), batch
//     after batch until the queue is empty, as the app role; throughput in reports per second. Two
//     workers at once (--workers 2) share the queue as two worker processes would.
//  3. The case page's network query (getAccountNetwork, two hops, up to 200 accounts) for 300 case
//     pages (250 ring accounts, 50 others), sequential: p50 and p95. Target: p95 < 100 ms.
//  4. The queue sorted and filtered by network size (listQueue): first page p50 / p95.
// Options: --scale <f> (default 1: the full data set; 0.05 for a quick try), --workers <n> (default 1),
// --batch <n> reports per batch (default 500).
import os from 'node:os';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { startBenchDatabase } from './lib/app-under-test';
import { loadNetworkData } from './lib/network-data';
import { summarise } from './lib/percentiles';

const arg = (name: string, fallback: number) => {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? Number(process.argv[index + 1]) : fallback;
};
const SCALE = arg('scale', 1);
const WORKERS = arg('workers', 1);
const BATCH = arg('batch', 500);
const started = performance.now();
const log = (line: string) => console.log(line);
const ms = (n: number) => `${n.toFixed(1)} ms`;

// The worker's statement limit (scripts/worker.ts), not a web request's.
const db = await startBenchDatabase({ DATABASE_POOL_SIZE: String(WORKERS + 4), DATABASE_STATEMENT_TIMEOUT_MS: '120000' });
Object.assign(process.env, db.env);

try {
  log(`Loading ${Math.round(1_000_000 * SCALE).toLocaleString('en')} reports about ${Math.round(200_000 * SCALE).toLocaleString('en')} accounts…`);
  const data = await loadNetworkData(db.databaseUrl, SCALE, log);

  // --- Link computation through the real worker function ----------------------------------------------
  const { getPrisma } = await import('../../lib/db');
  const { linkQueuedReports, refreshNetworkSizesUntilDone } = await import('../../lib/networks/compute-account-links');
  const prisma = getPrisma();
  log(`Linking (${WORKERS} worker${WORKERS > 1 ? 's' : ''}, batches of ${BATCH}, sizes refreshed every 5 s)…`);
  const batchTimes: number[] = [];
  let reportsDone = 0;
  let linksMade = 0;
  let lastLog = performance.now();
  const linkStart = performance.now();
  const worker = () => {
    let t0 = performance.now();
    return linkQueuedReports(prisma, {
      batchSize: BATCH,
      onBatch: (result) => {
        if (result.reports > 0) batchTimes.push(performance.now() - t0);
        t0 = performance.now();
        reportsDone += result.reports;
        linksMade += result.linksAdded;
        if (performance.now() - lastLog > 30_000) {
          lastLog = performance.now();
          log(`  ${reportsDone.toLocaleString('en')} reports, ${linksMade.toLocaleString('en')} links, ${(reportsDone / ((lastLog - linkStart) / 1000)).toFixed(0)} reports/s`);
        }
      },
    });
  };
  await Promise.all(Array.from({ length: WORKERS }, worker));
  await refreshNetworkSizesUntilDone(prisma);
  const linkSeconds = (performance.now() - linkStart) / 1000;
  const batches = summarise(batchTimes);

  const client = new pg.Client({ connectionString: db.databaseUrl });
  await client.connect();
  await client.query('VACUUM (ANALYZE) account_links, account_evidence, account_evidence_keys, reported_accounts, cases');
  const stats = (
    await client.query<{ links: number; evidence: number; in_network: number; max_size: number; ring_found: number; by_reason: Record<string, number> }>(
      `SELECT (SELECT count(*) FROM account_links)::int AS links, (SELECT count(*) FROM account_evidence)::int AS evidence,
              (SELECT count(*) FROM reported_accounts WHERE network_size >= 2)::int AS in_network,
              (SELECT max(network_size) FROM reported_accounts)::int AS max_size,
              (SELECT count(*) FROM reported_accounts WHERE network_size >= 5 AND handle ~ '^bench_[0-9]+$'
                 AND substring(handle from 7)::int <= $1)::int AS ring_found,
              (SELECT jsonb_object_agg(reason, n) FROM (SELECT reason, count(*) AS n FROM account_links GROUP BY reason) r) AS by_reason`,
      [data.ringAccounts],
    )
  ).rows[0]!;

  // --- getAccountNetwork for case pages -------------------------------------------------------------------
  const { getAccountNetwork } = await import('../../lib/networks/get-account-network');
  const sample = (
    await client.query<{ id: string }>(
      `(SELECT id::text FROM reported_accounts WHERE network_size >= 2 ORDER BY md5(id::text) LIMIT 250)
       UNION ALL (SELECT id::text FROM reported_accounts WHERE network_size = 1 ORDER BY md5(id::text) LIMIT 50)`,
    )
  ).rows.map((r) => r.id);
  for (const id of sample.slice(0, 20)) await getAccountNetwork(prisma, id); // warm-up
  const networkTimes: number[] = [];
  let accountsShown = 0;
  let truncated = 0;
  for (const id of sample) {
    const t0 = performance.now();
    const network = await getAccountNetwork(prisma, id);
    networkTimes.push(performance.now() - t0);
    accountsShown += network.accounts.length;
    if (network.truncated) truncated++;
  }
  const networkQuery = summarise(networkTimes);

  // --- The queue by network size ----------------------------------------------------------------------------
  const { listQueue } = await import('../../lib/queue/list-queue');
  const { parseQueueQuery } = await import('../../lib/queue/list-queue-params');
  const viewer = { id: randomUUID() };
  const timeQueue = async (params: Record<string, string>) => {
    const latencies: number[] = [];
    for (let i = 0; i < 110; i++) {
      const t0 = performance.now();
      const page = await listQueue({ viewer, query: parseQueueQuery(params) });
      latencies.push(performance.now() - t0);
      if (page.rows.length === 0) throw new Error(`listQueue returned an empty page for ${JSON.stringify(params)}`);
    }
    return summarise(latencies.slice(10));
  };
  const queues = {
    'sorted by network size': await timeQueue({ sort: 'network' }),
    'in a network (size ≥ 2), priority order': await timeQueue({ network: '2' }),
    'size ≥ 10, sorted by network size': await timeQueue({ network: '10', sort: 'network' }),
    'default order (for comparison)': await timeQueue({}),
  };
  await client.end();
  await prisma.$disconnect();

  // --- Results ------------------------------------------------------------------------------------------------
  log('');
  log(`Network benchmark — ${data.reports.toLocaleString('en')} reports, ${data.accounts.toLocaleString('en')} accounts, ${data.ringAccounts.toLocaleString('en')} in rings`);
  log(`  machine: ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, load average at the end ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  log(`  link computation (computeAccountLinks, ${WORKERS} worker${WORKERS > 1 ? 's' : ''}, batches of ${BATCH}):`);
  log(`    ${reportsDone.toLocaleString('en')} reports in ${linkSeconds.toFixed(1)} s: ${(reportsDone / linkSeconds).toFixed(0)} reports/s; batch (with any size refresh after it) p50 ${ms(batches.p50)} p95 ${ms(batches.p95)} p99 ${ms(batches.p99)}`);
  log(`    ${stats.evidence.toLocaleString('en')} evidence rows, ${stats.links.toLocaleString('en')} links ${JSON.stringify(stats.by_reason)}`);
  log(`    ${stats.in_network.toLocaleString('en')} accounts in a network; largest network ${stats.max_size}; ring accounts in a network of 5+: ${stats.ring_found.toLocaleString('en')} of ${data.ringAccounts.toLocaleString('en')}`);
  log(`  getAccountNetwork (two hops, ≤ 200 accounts), ${networkQuery.count} case pages, sequential:`);
  log(`    p50 ${ms(networkQuery.p50)}   p95 ${ms(networkQuery.p95)}   p99 ${ms(networkQuery.p99)}   (${(accountsShown / sample.length).toFixed(1)} accounts per page on average, ${truncated} truncated)`);
  log(`    target p95 < 100 ms: ${networkQuery.p95 < 100 ? 'met' : 'MISSED'}`);
  log(`  queue first page (listQueue in-process), 100 each:`);
  for (const [label, r] of Object.entries(queues)) log(`    ${label.padEnd(44)} p50 ${ms(r.p50)}   p95 ${ms(r.p95)}`);
  log(`  total run time ${((performance.now() - started) / 60_000).toFixed(1)} min`);
} finally {
  await db.postgres.stop();
}
