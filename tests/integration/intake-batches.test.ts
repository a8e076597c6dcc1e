import { describe, expect, it } from 'vitest';
import { auditKeysFrom } from '@/lib/audit/audit-keys';
import { getConfig } from '@/lib/config';
import { getPrisma } from '@/lib/db';
import { refusedByDatabase } from '@/lib/db-errors';
import { acceptReport } from '@/lib/reports/accept-report';
import { intakeParams, requestHashOf } from '@/lib/reports/intake-params';
import { acceptReportsStatement, rowsInInputOrder, type AcceptedBatchRow } from '@/lib/reports/intake-sql';
import { normaliseAccount } from '@/lib/reports/normalise';
import { ZReportInput } from '@/lib/reports/schema';

// Group commit (lib/reports/intake-batcher.ts + tc_accept_reports) on real Postgres.
const prisma = getPrisma();
const SLA = { critical: 60, high: 240, standard: 1440 };

function report(handle: string) {
  return ZReportInput.parse({ account: { handle }, category: 'grooming', description: 'batch' });
}
const source = (id: string) => ({ channel: 'api' as const, sourceHash: `s-${id}`, reporterFingerprint: `f-${id}` });

function paramsFor(handle: string, id: string, limit: { key: string; perMinute: number } | null = null) {
  const parsed = report(handle);
  return intakeParams(parsed, source(id), normaliseAccount(parsed.account, () => null)!, {
    requestHash: requestHashOf(parsed),
    idempotencyKey: null,
    platform: 'example-social',
    slaTargets: SLA,
    auditKey: auditKeysFrom(getConfig()).entry,
    limit,
  });
}

async function acceptBatch(batch: ReturnType<typeof paramsFor>[]) {
  const { text, values } = acceptReportsStatement(batch);
  return rowsInInputOrder(await prisma.$queryRawUnsafe<AcceptedBatchRow[]>(text, ...values), batch.length);
}

async function pointsOf(key: string): Promise<number | null> {
  const row = await prisma.rateLimitCounter.findUnique({ where: { key } });
  return row?.points ?? null;
}

describe('accepting reports in groups', () => {
  it('stores every one of 300 simultaneous reports about 30 accounts, in fewer transactions than reports', async () => {
    const results = await Promise.all(
      Array.from({ length: 300 }, (_, i) => acceptReport(report(`batch_acct_${i % 30}`), source(`r${i}`))),
    );

    const references = results.map((r) => r.reference);
    expect(new Set(references).size).toBe(300);
    const stored = await prisma.report.findMany({ where: { reference: { in: references } }, select: { reference: true, caseId: true } });
    expect(stored).toHaveLength(300);
    // Each caller was handed its own report's case, whatever order the batch applied them in.
    const caseOf = new Map(stored.map((r) => [r.reference, r.caseId]));
    for (const r of results) expect(r.caseId).toBe(caseOf.get(r.reference));

    const cases = await prisma.case.findMany({ where: { account: { handle: { startsWith: 'batch_acct_' } } } });
    expect(cases).toHaveLength(30);
    expect(cases.every((c) => c.reportCount === 10 && c.distinctReporters === 10)).toBe(true);
    expect(await prisma.auditEntry.count({ where: { event: 'report.received', caseId: { in: cases.map((c) => c.id) } } })).toBe(300);

    const [counted] = await prisma.$queryRaw<{ transactions: bigint }[]>`
      SELECT count(DISTINCT xmin::text) AS transactions FROM reports WHERE reference = ANY(${references})`;
    expect(Number(counted!.transactions)).toBeLessThan(300);
  });

  it('hands each report of a batch its own row, in input order', async () => {
    const batch = ['zz_last', 'aa_first', 'mm_middle', 'aa_first'].map((h, i) => paramsFor(h, `o${i}`));
    const { text, values } = acceptReportsStatement(batch);
    const rows = rowsInInputOrder(await prisma.$queryRawUnsafe<AcceptedBatchRow[]>(text, ...values), batch.length);

    const stored = await prisma.report.findMany({ where: { id: { in: batch.map((p) => p.reportId) } }, select: { id: true, caseId: true } });
    const caseOf = new Map(stored.map((r) => [r.id, r.caseId]));
    expect(rows.map((r) => r.case_id)).toEqual(batch.map((p) => caseOf.get(p.reportId)));
    expect(rows.map((r) => r.new_case)).toEqual([true, true, true, false]);
  });

  it('stores nothing of a batch the database refuses, and says so, so each report can be retried alone', async () => {
    const earlier = paramsFor('refused_a', 'x0');
    const first = acceptReportsStatement([earlier]);
    await prisma.$queryRawUnsafe(first.text, ...first.values);

    const good = paramsFor('refused_b', 'x1');
    const clash = { ...paramsFor('refused_c', 'x2'), reference: earlier.reference };
    const { text, values } = acceptReportsStatement([good, clash]);
    const error = await prisma.$queryRawUnsafe(text, ...values).then(
      () => null,
      (e: unknown) => e,
    );

    expect(error).not.toBeNull();
    expect(refusedByDatabase(error)).toBe(true);
    expect(await prisma.report.count({ where: { id: { in: [good.reportId, clash.reportId] } } })).toBe(0);
    expect(await prisma.reportedAccount.count({ where: { handle: { in: ['refused_b', 'refused_c'] } } })).toBe(0);
  });

  it('takes the shared intake limit inside the batch: the first reports of a source within its limit are stored, the rest refused and not stored', async () => {
    const limited = { key: 'reports:batch-limit-src', perMinute: 2 };
    const other = { key: 'reports:batch-limit-other', perMinute: 2 };
    const batch = [
      paramsFor('lim_z', 'l0', limited),
      paramsFor('lim_a', 'l1', limited),
      paramsFor('lim_m', 'l2', other),
      paramsFor('lim_b', 'l3', limited),
      paramsFor('lim_c', 'l4', limited),
    ];
    const rows = await acceptBatch(batch);

    expect(rows.map((r) => r.case_id === null)).toEqual([false, false, false, true, true]);
    for (const refused of rows.slice(3)) {
      expect(refused.retry_after_ms).toBeGreaterThan(0);
      expect(refused.retry_after_ms).toBeLessThanOrEqual(60_000);
    }
    const stored = await prisma.report.findMany({ where: { id: { in: batch.map((p) => p.reportId) } }, select: { id: true } });
    expect(new Set(stored.map((r) => r.id))).toEqual(new Set(batch.slice(0, 3).map((p) => p.reportId)));
    // A refusal counts nothing: the source's window holds exactly its two stored reports.
    expect(await pointsOf(limited.key)).toBe(2);
    expect(await pointsOf(other.key)).toBe(1);
    // The next batch (another node's, say) is refused by the same counter.
    const [again] = await acceptBatch([paramsFor('lim_d', 'l5', limited), paramsFor('lim_e', 'l6', other)]);
    expect(again!.case_id).toBeNull();
  });

  it('spends no limit point on a batch the database refuses', async () => {
    const limit = { key: 'reports:batch-rollback-src', perMinute: 5 };
    const earlier = paramsFor('rb_a', 'y0');
    await acceptBatch([earlier]);
    const clash = { ...paramsFor('rb_c', 'y2', limit), reference: earlier.reference };
    await expect(acceptBatch([paramsFor('rb_b', 'y1', limit), clash])).rejects.toBeDefined();
    expect(await pointsOf(limit.key)).toBeNull();
  });

  it('gives two simultaneous retries with one Idempotency-Key one stored report and the same reference', async () => {
    const body = report('idem_batch');
    const results = await Promise.all(
      Array.from({ length: 6 }, () => acceptReport(body, source('idem'), { idempotencyKey: 'same-key-1' })),
    );
    expect(new Set(results.map((r) => r.reference)).size).toBe(1);
    expect(results.filter((r) => !r.replayed).length).toBe(1);
    expect(await prisma.report.count({ where: { account: { handle: 'idem_batch' } } })).toBe(1);
  });
});
