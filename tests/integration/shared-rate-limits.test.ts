// Issue 13, requirement 1: every limit is kept in PostgreSQL and shared by all web nodes; the
// in-memory limiter is only a first line. "Another node" here is this process with its in-memory
// limiters forgotten: what still refuses is the shared counter.
import { describe, expect, it } from 'vitest';
import { POST } from '@/app/api/v1/reports/route';
import { getPrisma } from '@/lib/db';
import { consumeLookupQuota, LOOKUPS_PER_MINUTE_PER_SOURCE, refundReportQuota } from '@/lib/reports/rate-limit';
import { intakeRequest, nextIp, reportBody } from '../factories/requests';

/** What a second web node knows of the limits: nothing in memory. */
function forgetInMemoryLimits(): void {
  (globalThis as unknown as { tcRateLimiters?: Map<string, unknown> }).tcRateLimiters?.clear();
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
    expect(await counter(`lookups:${source}`)).toBe(LOOKUPS_PER_MINUTE_PER_SOURCE + 1);
  });

  it('a refund gives the point back in the shared counter too', async () => {
    const ip = nextIp();
    expect((await POST(intakeRequest(reportBody(), { ip }))).status).toBe(201);
    const [row] = await getPrisma().rateLimitCounter.findMany({ where: { key: { startsWith: 'reports:' }, points: 1 }, orderBy: { expiresAt: 'desc' }, take: 1 });
    const sourceHash = row!.key.slice('reports:'.length);
    await refundReportQuota(sourceHash);
    expect(await counter(row!.key)).toBe(0);
  });
});
