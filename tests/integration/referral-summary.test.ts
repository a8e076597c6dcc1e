import { describe, expect, it } from 'vitest';
import { getPrisma } from '@/lib/db';
import { acceptReport } from '@/lib/reports/accept-report';
import { getReferralSummary } from '@/lib/referrals/get-referral-summary';
import { ZReportInput } from '@/lib/reports/schema';

async function fileReport(handle: string, country: string | undefined, category = 'grooming') {
  const accepted = await acceptReport(
    ZReportInput.parse({ account: { handle }, category, reporter: country ? { country } : {} }),
    { channel: 'web', sourceHash: `s-${handle}-${country}`, reporterFingerprint: `f-${handle}-${country}` },
  );
  return accepted.caseId!;
}

describe('the case page referral summary', () => {
  it('routes a UK-linked case to NCMEC and the NCA, and says why', async () => {
    const caseId = await fileReport('uk_linked', 'GB');
    const summary = await getReferralSummary(caseId);
    expect(summary.routes.map((r) => r.hotline)).toEqual(['ncmec', 'uk_nca']);
    expect(summary.routes[1]!.reasons.join(' ')).toMatch(/Reporter located in GB/);
    expect(summary.referrals).toEqual([]);
  });

  it('never routes a case without a UK link to the NCA', async () => {
    const caseId = await fileReport('us_only', 'US');
    expect((await getReferralSummary(caseId)).routes.map((r) => r.hotline)).toEqual(['ncmec']);
  });

  it('routes nothing for categories no hotline takes', async () => {
    const caseId = await fileReport('spam_only', 'GB', 'other_abuse');
    expect((await getReferralSummary(caseId)).routes).toEqual([]);
    expect(await getPrisma().referral.count({ where: { caseId } })).toBe(0);
  });
});
