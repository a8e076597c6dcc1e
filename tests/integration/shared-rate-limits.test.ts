// Issue 13, requirement 1: every limit is kept in PostgreSQL and shared by all web nodes; the
// in-memory limiter is only a first line. "Another node" here is this process with its in-memory
// limiters forgotten: what still refuses is the shared counter.
import { describe, expect, it } from 'vitest';
import { POST } from '@/app/api/v1/reports/route';
import { getPrisma } from '@/lib/db';
import { purgeEndedLimitWindows } from '@/lib/reports/shared-limits';
import { consumeLookupQuota, LOOKUPS_PER_MINUTE_PER_SOURCE } from '@/lib/reports/rate-limit';
import { intakeRequest, nextIp, reportBody } from '../factories/requests';

/** What a second web node knows of the limits: nothing in memory. */
function forgetInMemoryLimits(): void {
  (globalThis as unknown as { tcRateLimiters?: Map<string, unknown> }).tcRateLimiters?.clear();
}

async function totalReportPoints(): Promise<number> {
  const sum = await getPrisma().rateLimitCounter.aggregate({ where: { key: { startsWith: 'reports:' } }, _sum: { points: true } });
  return sum._sum.points ?? 0;
}

async function counter(key: string) {
  const rows = await getPrisma().rateLimitCounter.findMany({ where: { key: { endsWith: key } }, select: { points: true } });
  return rows[0]?.points ?? null;
}

describe('rate limits shared through PostgreSQL', () => {
  it('a source limited on one node is limited on the next, with Retry-After', async () => {
    const ip = nextIp();
    for (let i = 0; i < 6; i++) expect((await POST(intakeRequest(reportBody(), { ip }))).status).toBe(201);
    forgetInMemoryLimits();
    for (let i = 0; i < 4; i++) expect((await POST(intakeRequest(reportBody(), { ip }))).status).toBe(201);
    forgetInMemoryLimits();
    const limited = await POST(intakeRequest(reportBody(), { ip }));
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(limited.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    expect((await POST(intakeRequest(reportBody(), { ip: nextIp() }))).status).toBe(201);
  });

  it('concurrent reports from one source, in waves as if from five nodes, accept exactly the limit', async () => {
    const ip = nextIp();
    const statuses: number[] = [];
    for (let wave = 0; wave < 5; wave++) {
      forgetInMemoryLimits();
      const responses = await Promise.all(Array.from({ length: 5 }, () => POST(intakeRequest(reportBody(), { ip }))));
      statuses.push(...responses.map((r) => r.status));
    }
    expect(statuses.filter((s) => s === 201)).toHaveLength(10);
    expect(statuses.filter((s) => s === 429)).toHaveLength(15);
  });

  it('status look-ups share their limit the same way', async () => {
    const source = `lookup-source-${nextIp()}`;
    for (let i = 0; i < LOOKUPS_PER_MINUTE_PER_SOURCE; i++) {
      if (i % 10 === 0) forgetInMemoryLimits();
      await consumeLookupQuota(source);
    }
    forgetInMemoryLimits();
    await expect(consumeLookupQuota(source)).rejects.toMatchObject({ code: 'rate_limited' });
    // A refusal counts nothing: the window holds exactly the limit.
    expect(await counter(`lookups:${source}`)).toBe(LOOKUPS_PER_MINUTE_PER_SOURCE);
  });

  it('a replay of an accepted report (same Idempotency-Key, any node) spends no point, and a refused report stores nothing', async () => {
    const ip = nextIp();
    const before = await totalReportPoints();
    const body = reportBody();
    expect((await POST(intakeRequest(body, { ip, headers: { 'idempotency-key': 'replay-across-nodes' } }))).status).toBe(201);
    forgetInMemoryLimits();
    const replay = await POST(intakeRequest(body, { ip, headers: { 'idempotency-key': 'replay-across-nodes' } }));
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect((await totalReportPoints()) - before).toBe(1);

    const reports = await getPrisma().report.count();
    for (let i = 0; i < 9; i++) expect((await POST(intakeRequest(reportBody(), { ip }))).status).toBe(201);
    forgetInMemoryLimits();
    expect((await POST(intakeRequest(reportBody(), { ip }))).status).toBe(429);
    expect((await getPrisma().report.count()) - reports).toBe(9);
  });

  it('the worker deletes windows that ended over a minute ago, and only those', async () => {
    const prisma = getPrisma();
    await prisma.rateLimitCounter.create({ data: { key: 'reports:ended-window', points: 3, expiresAt: new Date(Date.now() - 5 * 60_000) } });
    await consumeLookupQuota('live-window');
    await purgeEndedLimitWindows(prisma);
    expect(await prisma.rateLimitCounter.findUnique({ where: { key: 'reports:ended-window' } })).toBeNull();
    expect(await counter('lookups:live-window')).toBe(1);
  });
});
