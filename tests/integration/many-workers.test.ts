// Two workers at once (issue 13, req 2): each job that must be single is run by two workers with
// their own connection pools at the same moment, and the outcome is what one worker alone leaves.
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import { afterAll, describe, expect, it } from 'vitest';
import { writeCheckpoint } from '@/lib/audit/checkpoints';
import { sealAuditLog } from '@/lib/audit/seal';
import { verifyAuditChain } from '@/lib/audit/verify';
import { writeAudit } from '@/lib/audit/write-audit';
import { getPrisma } from '@/lib/db';
import { PrismaClient } from '@/lib/generated/prisma/client';
import { KnownContentIndex } from '@/lib/hashes/known-content-index';
import { rematchChangedLists } from '@/lib/known-content/rematch-changed-lists';
import { HOUR_MS, rollUpMetricHours } from '@/lib/metrics/rollup-hours';
import { startDecisionDelivery } from '@/lib/platform/delivery-runner';
import { acceptReport } from '@/lib/reports/accept-report';
import { ZReportInput } from '@/lib/reports/schema';
import { purgeExpiredContacts } from '@/lib/retention/purge-contacts';
import { withLease } from '@/lib/worker/lease';
import { createCaseForDecisions, decide } from '../factories/decisions';
import { startWebhookReceiver } from '../factories/webhook-receiver';

const prisma = getPrisma();
/** A second worker: its own pool, nothing shared with the first but the database. */
const other = new PrismaClient({ adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL!, max: 4 }) });
const workers = [prisma, other] as const;
afterAll(() => other.$disconnect());

const twice = async <T>(job: (client: PrismaClient) => Promise<T>): Promise<[T, T]> => Promise.all([job(workers[0]), job(workers[1])]);

async function reportWithContact(handle: string, i: number) {
  const input = ZReportInput.parse({ account: { handle }, category: 'grooming', reporter: { email: `r${i}@example.org` } });
  return acceptReport(input, { channel: 'web', sourceHash: `s-${handle}-${i}`, reporterFingerprint: `f-${handle}-${i}` });
}

describe('two workers at once', () => {
  it('audit sealing: every entry is sealed exactly once and the chain verifies', async () => {
    for (let round = 0; round < 5; round++) {
      await prisma.$transaction(async (tx) => {
        for (let i = 0; i < 200; i++) await writeAudit(tx, { event: 'queue.rescored', payload: { changes: [] } }, { actor: { type: 'system', id: `w${round}-${i}` } });
      });
      const [a, b] = await twice((w) => sealAuditLog(w, { batchSize: 50 }));
      expect(a + b).toBeGreaterThan(0);
    }
    while ((await sealAuditLog(prisma)) > 0) {
      /* the rounds above may leave a batch for the next pass */
    }
    const [counts] = await prisma.$queryRaw<{ seals: bigint; entries: bigint; sealed: bigint }[]>`
      SELECT (SELECT count(*) FROM audit_seals) AS seals, (SELECT count(DISTINCT entry_id) FROM audit_seals) AS sealed,
             (SELECT count(*) FROM audit_entries) AS entries`;
    expect(counts!.seals).toBe(counts!.sealed); // no entry sealed twice
    expect(counts!.sealed).toBe(counts!.entries); // and none left out
    const verified = await verifyAuditChain(prisma);
    expect(verified.status).toBe('intact');
  });

  it('retention purge: each contact is purged and audited once', async () => {
    const now = new Date('2031-01-01T00:00:00Z');
    let caseId = '';
    for (let i = 0; i < 40; i++) caseId = (await reportWithContact('purge_twice', i)).caseId!;
    await prisma.case.update({ where: { id: caseId }, data: { status: 'closed', resolution: 'dismissed', closedAt: new Date('2030-01-01T00:00:00Z') } });

    const [a, b] = await twice((w) => purgeExpiredContacts(w, { retentionDays: 90, now, batchSize: 5 }));
    expect(a + b).toBe(40);
    const audited = await prisma.auditEntry.findMany({ where: { event: 'retention.contacts_purged' }, select: { payload: true } });
    const purgedIds = audited.flatMap((e) => (e.payload as { reportIds: string[] }).reportIds);
    expect(purgedIds).toHaveLength(40);
    expect(new Set(purgedIds).size).toBe(40);
    expect(await prisma.reportContact.count({ where: { report: { caseId } } })).toBe(0);
  });

  it('metrics rollup: no hour is counted twice', async () => {
    await prisma.$executeRaw`DELETE FROM metrics_hours`;
    const now = new Date(Math.floor(Date.now() / HOUR_MS) * HOUR_MS + 10 * 60_000);
    const [a, b] = await twice((w) => rollUpMetricHours(w, { now }));
    // They queue on the lock: the first rolls up the batch, the second finds it done (or takes the next).
    const [rows] = await prisma.$queryRaw<{ hours: bigint; distinctHours: bigint; reports: bigint }[]>`
      SELECT count(*) AS hours, count(DISTINCT hour) AS "distinctHours", coalesce(sum(reports), 0) AS reports FROM metrics_hours`;
    expect(rows!.hours).toBe(BigInt(a + b));
    expect(rows!.distinctHours).toBe(rows!.hours);
    const [direct] = await prisma.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM reports WHERE received_at < (SELECT max(hour) + interval '1 hour' FROM metrics_hours)`;
    expect(rows!.reports).toBe(direct!.n);
  });

  it('audit checkpoints: two workers writing to one directory write each head once', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tc-checkpoints-'));
    const { privateKey } = generateKeyPairSync('ed25519');
    await sealAuditLog(prisma);
    const write = (w: PrismaClient, holder: string) =>
      withLease(w, 'audit-checkpoint', 60_000, () => writeCheckpoint({ prisma: w, dir, privateKey }), holder);
    const results = await Promise.all([write(prisma, 'worker-a'), write(other, 'worker-b')]);
    expect(results.filter((r) => r)).toHaveLength(1);
    // A later pass by the other worker finds the head already written.
    await write(other, 'worker-b');
    const lines = readdirSync(dir).flatMap((f) => readFileSync(path.join(dir, f), 'utf8').trim().split('\n'));
    expect(lines).toHaveLength(1);
  });

  it('known-content rematch: one worker brings a changed list up to date, the other skips it', async () => {
    const list = await prisma.hashList.create({ data: { name: 'two-workers', source: 'Test hotline', category: 'child_sexual_imagery', entryCount: 1 } });
    await prisma.hashListEntry.create({ data: { listId: list.id, algorithm: 'sha256', value: 'ab'.repeat(32) } });
    const [a, b] = await twice((w) => rematchChangedLists(w, new KnownContentIndex()));
    expect(a + b).toBe(1);
    const after = await prisma.hashList.findUniqueOrThrow({ where: { id: list.id } });
    expect(after.matchedGeneration).toBe(after.generation);
  });

  it('a lease has one holder at a time, and a lapsed one can be taken over', async () => {
    let inside = 0;
    let most = 0;
    const hold = (holder: string) =>
      withLease(prisma, 'test-lease', 60_000, async () => {
        most = Math.max(most, ++inside);
        await new Promise((resolve) => setTimeout(resolve, 100));
        inside -= 1;
        return holder;
      }, holder);
    const ran = (await Promise.all(['a', 'b', 'c', 'd'].map(hold))).filter(Boolean);
    expect(ran).toHaveLength(1);
    expect(most).toBe(1);
    await prisma.$executeRaw`INSERT INTO worker_leases (name, holder, expires_at) VALUES ('lapsed', 'dead-worker', now() - interval '1 second')`;
    expect(await withLease(prisma, 'lapsed', 60_000, async () => 'taken', 'live-worker')).toBe('taken');
    expect(await prisma.workerLease.count({ where: { name: 'lapsed' } })).toBe(0); // freed after the work
  });

  it('webhook dispatch: two workers deliver each decision once per attempt', async () => {
    const secret = 'whsec-two-workers-0123456789-abcdefgh';
    const receiver = await startWebhookReceiver(secret);
    const target = { url: receiver.url, secret, maxAttempts: 8 };
    const runners = [await startDecisionDelivery(target), await startDecisionDelivery(target)];
    try {
      const cases = [await createCaseForDecisions(), await createCaseForDecisions(), await createCaseForDecisions()];
      for (let i = 0; i < 5; i++) for (const kase of cases) await decide(kase, i);
      const deadline = Date.now() + 30_000;
      while (receiver.applied.size < 15 && Date.now() < deadline) {
        await Promise.all(runners.map((r) => r.dispatch()));
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(receiver.applied.size).toBe(15);
      const perKey = new Map<string, number>();
      for (const r of receiver.received) perKey.set(r.key, (perKey.get(r.key) ?? 0) + 1);
      expect([...perKey.values()].every((n) => n === 1)).toBe(true); // every attempt succeeded: one request each
      const attempts = await prisma.outboxEvent.findMany({ select: { attempts: true, status: true } });
      expect(attempts.every((e) => e.attempts === 1 && e.status === 'delivered')).toBe(true);
    } finally {
      await Promise.all(runners.map((r) => r.stop()));
      await receiver.close();
    }
  }, 60_000);
});
