// Issue 13, requirement 1, at the window's edge. A node's in-memory window starts at that node's first
// point; the shared window (rate_limit_counters, on the database's clock) starts at the first point
// any node took. So the shared window can end while a node's memory still counts its points, and
// the first line must then not refuse what the limit itself allows.
import { beforeEach, describe, expect, it } from 'vitest';
import { POST } from '@/app/api/v1/reports/route';
import { getPrisma } from '@/lib/db';
import { consumeLookupQuota, LOOKUPS_PER_MINUTE_PER_SOURCE } from '@/lib/reports/rate-limit';
import { intakeRequest, nextIp, reportBody } from '../factories/requests';

/** The shared window ends now, as it does when another node opened it before this node's memory window. */
async function endSharedWindows(prefix: string): Promise<void> {
  const ended = await getPrisma().$executeRaw`UPDATE rate_limit_counters SET expires_at = now() WHERE key LIKE ${`${prefix}:%`}`;
  expect(ended).toBeGreaterThan(0);
}

beforeEach(async () => {
  await getPrisma().$executeRaw`DELETE FROM rate_limit_counters`;
});

describe('a shared limit window ending before a node remembers it ending', () => {
  it("accepts a full new window of reports on a node whose memory still counts the old one, and still refuses past the limit", async () => {
    const ip = nextIp();
    for (let i = 0; i < 9; i++) expect((await POST(intakeRequest(reportBody(), { ip }))).status).toBe(201);
    await endSharedWindows('reports');
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await POST(intakeRequest(reportBody(), { ip }))).status);
    expect(statuses).toEqual(Array(10).fill(201));
    const refused = await POST(intakeRequest(reportBody(), { ip }));
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(50);
    // Refused from memory from now on: the node knows when the shared window ends.
    expect((await POST(intakeRequest(reportBody(), { ip }))).status).toBe(429);
  });

  it('does the same for status look-ups', async () => {
    const source = `edge-${nextIp()}`;
    for (let i = 0; i < LOOKUPS_PER_MINUTE_PER_SOURCE; i++) await consumeLookupQuota(source);
    await endSharedWindows('lookups');
    for (let i = 0; i < LOOKUPS_PER_MINUTE_PER_SOURCE; i++) await consumeLookupQuota(source);
    await expect(consumeLookupQuota(source)).rejects.toMatchObject({ code: 'rate_limited' });
  });
});
