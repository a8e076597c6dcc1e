// The app through PgBouncer in transaction pooling mode (issue 13, req 4): intake (one report and a
// batch), a claim, a case action, a referral preparation, the worker's jobs once and webhook delivery, then audit
// verification. Two server connections serve a pool of ten clients, so any session state (a SET, a
// session advisory lock, a named prepared statement) would land on another client's transaction.
// graphile-worker's LISTEN uses DATABASE_DIRECT_URL, straight to Postgres, as in production.
import { spawn } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeCheckpoint } from '@/lib/audit/checkpoints';
import { sealAuditLog } from '@/lib/audit/seal';
import { verifyAuditChain } from '@/lib/audit/verify';
import { endExpiredSuspensions } from '@/lib/cases/end-expired-suspensions';
import { ZCaseActionInput } from '@/lib/cases/schema';
import { takeAction } from '@/lib/cases/take-action';
import { resetConfigForTests } from '@/lib/config';
import { getPrisma } from '@/lib/db';
import { KnownContentIndex } from '@/lib/hashes/known-content-index';
import { matchQueuedReports } from '@/lib/known-content/match-queued-reports';
import { rematchChangedLists } from '@/lib/known-content/rematch-changed-lists';
import { rollUpMetricHours } from '@/lib/metrics/rollup-hours';
import { linkQueuedReports } from '@/lib/networks/compute-account-links';
import { startDecisionDelivery } from '@/lib/platform/delivery-runner';
import { endExpiredHolds } from '@/lib/preservation/end-expired-holds';
import { prepareReferral } from '@/lib/referrals/prepare-referral';
import { claimNextCase } from '@/lib/queue/claim-next-case';
import { expireLeases } from '@/lib/queue/expire-leases';
import { rescoreDueCases } from '@/lib/queue/rescore-due-cases';
import { acceptReport } from '@/lib/reports/accept-report';
import { consumeLookupQuota, LOOKUPS_PER_MINUTE_PER_SOURCE, reportQuotaFor } from '@/lib/reports/rate-limit';
import { ZReportInput } from '@/lib/reports/schema';
import { purgeExpiredContacts } from '@/lib/retention/purge-contacts';
import { beat, recentWorkers } from '@/lib/worker/heartbeat';
import { withLease } from '@/lib/worker/lease';
import { createStaffPrincipal, reportAccount } from '../factories/cases';
import { createCaseForDecisions, decide } from '../factories/decisions';
import { startWebhookReceiver } from '../factories/webhook-receiver';
import { PGBOUNCER_SKIP_REASON, pgbouncerBinary, startPgbouncer, type Pgbouncer } from '../setup/pgbouncer';
import { TEST_ROLES } from '../setup/provided';

process.env.REFERRAL_CONTACT_EMAIL = 'safety@example.test';
resetConfigForTests();

const skip = !pgbouncerBinary;
if (skip) console.warn(`pgbouncer.test.ts: ${PGBOUNCER_SKIP_REASON}`);

const directUrl = process.env.DATABASE_URL!;
let bouncer: Pgbouncer;
let stats: pg.Client;

/** Transactions PgBouncer has carried for database `tc` so far (its admin console, simple protocol). */
async function transactionsThroughBouncer(): Promise<number> {
  const { rows } = await stats.query<{ database: string; total_xact_count: string }>('SHOW STATS');
  return Number(rows.find((r) => r.database === 'tc')?.total_xact_count ?? 0);
}

beforeAll(async () => {
  if (skip) return;
  const target = new URL(directUrl);
  bouncer = await startPgbouncer({
    databases: [
      // The server side's statement limit comes from connect_query, since the startup parameter
      // (5 s, below) is dropped: 4 s here, so the test can tell which one holds.
      { name: 'tc', target, connectQuery: 'SET statement_timeout = 4000' },
      { name: 'tc_limited', target, connectQuery: 'SET statement_timeout = 300' },
      { name: 'tc_worker', target, connectQuery: 'SET statement_timeout = 120000' },
    ],
    users: [TEST_ROLES.app],
  });
  // Before anything calls getPrisma(): the app's one client goes through the pooler, with the
  // statement limit a production process sends (PgBouncer must ignore it, not refuse the login).
  process.env.DATABASE_URL = bouncer.urlFor('tc', TEST_ROLES.app);
  process.env.DATABASE_DIRECT_URL = directUrl;
  process.env.DATABASE_STATEMENT_TIMEOUT_MS = '5000';
  stats = new pg.Client({ connectionString: bouncer.urlFor('pgbouncer', TEST_ROLES.app) });
  await stats.connect();
});
afterAll(async () => {
  if (skip) return;
  await getPrisma().$disconnect();
  await stats.end();
  await bouncer.stop();
});

const report = (handle: string, i: number) =>
  acceptReport(ZReportInput.parse({ account: { handle }, category: 'grooming', description: 'Test report.', reporter: { email: `r${i}@example.org` } }), {
    channel: 'web',
    sourceHash: `src-bouncer-${handle}-${i}`,
    reporterFingerprint: `fp-bouncer-${handle}-${i}`,
  });

describe.skipIf(skip)(`through PgBouncer (transaction pooling)${skip ? ' [skipped: pgbouncer not installed]' : ''}`, () => {
  it('keeps the server-side statement limit, set by connect_query', async () => {
    const prisma = getPrisma();
    const [setting] = await prisma.$queryRaw<{ statement_timeout: string }[]>`SHOW statement_timeout`;
    expect(setting!.statement_timeout).toBe('4s');
    const limited = new pg.Client({ connectionString: bouncer.urlFor('tc_limited', TEST_ROLES.app) });
    await limited.connect();
    try {
      await expect(limited.query('SELECT pg_sleep(1)')).rejects.toThrow(/statement timeout/);
    } finally {
      await limited.end();
    }
  });

  it('shares the intake and look-up limits through the pooler (taken inside grouped intake transactions)', async () => {
    const source = 'src-bouncer-limit';
    const limitedReport = (i: number) =>
      acceptReport(
        ZReportInput.parse({ account: { handle: `bouncer_limited_${i}` }, category: 'grooming', description: 'Test report.' }),
        { channel: 'api', sourceHash: source, reporterFingerprint: `fp-bouncer-limited-${i}` },
        { quota: reportQuotaFor(source) },
      );
    const first = await Promise.allSettled(Array.from({ length: 10 }, (_, i) => limitedReport(i)));
    expect(first.every((r) => r.status === 'fulfilled')).toBe(true);
    // This process's in-memory first line forgotten: the refusal comes from the shared counter.
    (globalThis as unknown as { tcRateLimiters?: Map<string, unknown> }).tcRateLimiters?.clear();
    await expect(limitedReport(10)).rejects.toMatchObject({ code: 'rate_limited' });
    const row = await getPrisma().rateLimitCounter.findUniqueOrThrow({ where: { key: `reports:${source}` } });
    expect(row.points).toBe(10);
    expect(await getPrisma().report.count({ where: { sourceHash: source } })).toBe(10);

    for (let i = 0; i < LOOKUPS_PER_MINUTE_PER_SOURCE; i++) await consumeLookupQuota(source);
    (globalThis as unknown as { tcRateLimiters?: Map<string, unknown> }).tcRateLimiters?.clear();
    await expect(consumeLookupQuota(source)).rejects.toMatchObject({ code: 'rate_limited' });
  });

  it('runs intake, a claim, a case action, a referral preparation, the worker jobs and delivery, and the audit chain verifies', async () => {
    const prisma = getPrisma();
    const before = await transactionsThroughBouncer();

    // Intake: one report, then 40 at once (grouped into tc_accept_reports batches by the batcher).
    const first = await report('bouncer_one', 0);
    const batch = await Promise.all(Array.from({ length: 40 }, (_, i) => report(`bouncer_many_${i % 4}`, i + 1)));
    expect(first.caseId).toBeTruthy();
    expect(new Set(batch.map((b) => b.caseId)).size).toBe(4);
    const counts = await prisma.case.findMany({ where: { account: { handle: { startsWith: 'bouncer_many_' } } }, select: { reportCount: true } });
    expect(counts.map((c) => c.reportCount)).toEqual([10, 10, 10, 10]);

    // A claim and a case action (its decision goes to the outbox for the webhook).
    const moderator = await createStaffPrincipal('moderator', 'Bouncer Moderator');
    const claims = await Promise.all([claimNextCase({ actor: moderator }), claimNextCase({ actor: moderator })]);
    const claim = claims.find(Boolean)!;
    expect(claims.filter(Boolean).every((c) => c!.caseId === claim.caseId)).toBe(true); // one live claim per person
    const acted = await takeAction({
      caseId: claim.caseId,
      actor: moderator,
      expectedVersion: claim.version,
      input: ZCaseActionInput.parse({ type: 'suspend', reasonCode: 'csam_shared', note: 'Through the pooler.' }),
    });
    expect(acted.version).toBeGreaterThan(claim.version);
    // A referral preparation (NCA: no NCMEC schema needed): the payload built once and stored with its hash.
    const ukCase = await reportAccount({ category: 'child_sexual_imagery', reporterCountry: 'GB' });
    const prepared = await prepareReferral({ caseId: ukCase.caseId, hotline: 'uk_nca', actor: moderator });
    expect(prepared).toBeTruthy();

    // The worker's jobs, once each.
    const index = new KnownContentIndex();
    await rescoreDueCases(prisma);
    await linkQueuedReports(prisma, { budgetMs: 5_000 });
    await expireLeases(prisma);
    await endExpiredSuspensions(prisma);
    await endExpiredHolds(prisma);
    await rollUpMetricHours(prisma);
    await purgeExpiredContacts(prisma, { retentionDays: 90 });
    await matchQueuedReports(prisma, index);
    await rematchChangedLists(prisma, index);
    await beat(prisma, 'bouncer-worker');
    expect((await recentWorkers(prisma)).map((w) => w.workerId)).toContain('bouncer-worker');
    expect(await sealAuditLog(prisma)).toBeGreaterThan(0);
    const dir = mkdtempSync(path.join(tmpdir(), 'tc-bouncer-checkpoints-'));
    const { privateKey } = generateKeyPairSync('ed25519');
    expect(await withLease(prisma, 'audit-checkpoint', 60_000, () => writeCheckpoint({ prisma, dir, privateKey }))).toBeTruthy();

    // Webhook delivery: claims through the pooler, graphile-worker's LISTEN on the direct URL.
    const secret = 'whsec-bouncer-0123456789-abcdefghij';
    const receiver = await startWebhookReceiver(secret);
    const delivery = await startDecisionDelivery({ url: receiver.url, secret, maxAttempts: 8 });
    try {
      const deadline = Date.now() + 20_000;
      while (receiver.applied.size < 1 && Date.now() < deadline) {
        await delivery.dispatch();
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(receiver.applied.size).toBe(1);
      expect(receiver.received).toHaveLength(1);
    } finally {
      await delivery.stop();
      await receiver.close();
    }

    await sealAuditLog(prisma);
    const verified = await verifyAuditChain(prisma, { unsealedGraceSeconds: 0 });
    expect(verified.status).toBe('intact');
    if (verified.status === 'intact') expect(verified.unsealedOverdue).toEqual([]);
    // It all went through the pooler (its statistics are refreshed every second: stats_period).
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect((await transactionsThroughBouncer()) - before).toBeGreaterThan(30);
  }, 120_000);

  it('the worker process runs through the pooler: it beats, seals and delivers, and no task fails', async () => {
    const prisma = getPrisma();
    const secret = 'whsec-bouncer-worker-0123456789-abcdef';
    const receiver = await startWebhookReceiver(secret);
    const kase = await createCaseForDecisions();
    const { message } = await decide(kase, 1);
    const worker = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'scripts/worker.ts'], {
      cwd: path.resolve(import.meta.dirname, '../..'),
      env: { ...process.env, DATABASE_URL: bouncer.urlFor('tc_worker', TEST_ROLES.app), DATABASE_DIRECT_URL: directUrl, PLATFORM_WEBHOOK_URL: receiver.url, PLATFORM_WEBHOOK_SECRET: secret },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    worker.stdout.on('data', (d: Buffer) => (output += d.toString()));
    worker.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    try {
      const deadline = Date.now() + 60_000;
      const done = async () =>
        [...receiver.applied.values()].some((body) => (JSON.parse(body) as { caseId?: string }).caseId === message.caseId) &&
        (await prisma.workerHeartbeat.count({ where: { workerId: { not: 'bouncer-worker' } } })) > 0 &&
        (await prisma.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM audit_entries e WHERE NOT EXISTS (SELECT 1 FROM audit_seals s WHERE s.entry_id = e.id)`)[0]!.n === 0n;
      while (!(await done())) {
        if (Date.now() > deadline || worker.exitCode !== null) throw new Error(`the worker did not catch up through PgBouncer:\n${output}`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      const delivered = [...receiver.applied.values()].map((body) => JSON.parse(body) as { caseId: string });
      expect(delivered.find((d) => d.caseId === message.caseId)).toMatchObject({ details: { seq: 1 } });
      expect(output).not.toMatch(/failed/);
    } finally {
      worker.kill('SIGTERM');
      await exited;
      await receiver.close();
    }
  }, 90_000);
});
