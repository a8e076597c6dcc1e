import { describe, expect, it } from 'vitest';
import { getPrisma } from '@/lib/db';
import type { Hotline, ObligationState } from '@/lib/generated/prisma/enums';
import { getMetrics } from '@/lib/metrics/get-metrics';
import { createStaffPrincipal, reportAccount } from '../factories/cases';

/**
 * Issue 11, requirement 4, the metrics: time from the first report to suspension, to referral
 * approved and to hotline acknowledgement (median, p90, first per case / per case and hotline, over
 * the 14-day window), and outstanding referral obligations by age bucket against the target. Known
 * data, exact answers (as tests/integration/metrics-known.test.ts).
 */

const prisma = getPrisma();
const now = new Date();
const H = 3_600_000;
const ago = (hours: number) => new Date(now.getTime() - hours * H);

async function caseReported(hoursAgo: number) {
  const kase = await reportAccount();
  await prisma.case.update({ where: { id: kase.caseId }, data: { firstReportedAt: ago(hoursAgo) } });
  return kase.caseId;
}

async function seed() {
  const moderator = await createStaffPrincipal('moderator');
  const supervisor = await createStaffPrincipal('supervisor');
  const suspend = (caseId: string, hoursAgo: number) => prisma.caseAction.create({ data: { caseId, actorId: moderator.id, type: 'suspend', reasonCode: 'grooming', createdAt: ago(hoursAgo) } });

  // Suspensions 2 h, 4 h and 6 h after the first report; a second suspension of the first case
  // (after a reinstatement) and cases first suspended before the window do not count.
  const s1 = await caseReported(10);
  await suspend(s1, 8);
  await suspend(s1, 2);
  await suspend(await caseReported(20), 16);
  await suspend(await caseReported(40), 34);
  const old = await caseReported(24 * 21);
  await suspend(old, 24 * 20);
  await suspend(old, 3);

  // Referral approvals 1 h, 3 h and 6 h after the first report (first per case and hotline);
  // the follow-up version's approval, a rejection and a pending request do not count.
  const approval = (caseId: string, hotline: Hotline, status: 'approved' | 'rejected' | 'pending', hoursAgo: number | null) =>
    prisma.approval.create({
      data: {
        kind: 'referral',
        caseId,
        status,
        requestedById: moderator.id,
        reasonCode: 'hotline_referral',
        decidedById: hoursAgo === null ? null : supervisor.id,
        decidedAt: hoursAgo === null ? null : ago(hoursAgo),
        payload: { hotline },
      },
    });
  const r1 = await caseReported(30);
  const r2 = await caseReported(12);
  await approval(r1, 'ncmec', 'approved', 27);
  await approval(r1, 'ncmec', 'approved', 5);
  await approval(r1, 'uk_nca', 'approved', 24);
  await approval(r2, 'ncmec', 'rejected', 11.5);
  await approval(r2, 'ncmec', 'approved', 11);
  await approval(r2, 'uk_nca', 'pending', null);

  // Acknowledgements 8 h, 10 h and 12 h after the first report; the follow-up's does not count.
  const acknowledged = (caseId: string, hotline: Hotline, version: number, hoursAgo: number) =>
    prisma.referral.create({
      data: { caseId, hotline, version, status: 'acknowledged', createdById: moderator.id, hotlineReportId: `HR-${caseId.slice(0, 6)}-${hotline}-${version}`, acknowledgedAt: ago(hoursAgo) },
    });
  await acknowledged(r1, 'ncmec', 1, 20);
  await acknowledged(r1, 'ncmec', 2, 1);
  await acknowledged(r1, 'uk_nca', 1, 18);
  await acknowledged(r2, 'ncmec', 1, 4);

  // Outstanding referral obligations on cases first reported 4 h, 13 h, 29 h and 80 h ago; a met
  // one and an outstanding preservation obligation are not referrals outstanding.
  const obligation = async (hoursAgo: number, kind: 'referral' | 'preservation', state: ObligationState = 'outstanding') => {
    const caseId = await caseReported(hoursAgo);
    await prisma.case.update({ where: { id: caseId }, data: { status: 'responding' } });
    await prisma.caseObligation.create({
      data: { caseId, kind, hotline: kind === 'referral' ? 'ncmec' : null, state, metAt: state === 'met' ? ago(1) : null },
    });
  };
  for (const hours of [4, 13, 29, 80]) await obligation(hours, 'referral');
  await obligation(100, 'referral', 'met');
  await obligation(90, 'preservation');
  return supervisor;
}

describe('response metrics on known data', () => {
  it('computes time to suspension, referral approval and acknowledgement, and outstanding referrals by age', async () => {
    const supervisor = await seed();
    const at = new Date();
    const metrics = await getMetrics({ actor: supervisor, exposureCap: 80, now: at, referralTargetHours: 24 });

    // percentile_cont over three values a < b < c: median b, p90 = b + 0.8 × (c − b). Suspensions
    // 2, 4, 6 h; approvals 1, 3, 6 h; acknowledgements 8, 10, 12 h.
    expect(metrics.response.suspension).toEqual({ count: 3, medianSeconds: 14_400, p90Seconds: 20_160 });
    expect(metrics.response.referralApproved).toEqual({ count: 3, medianSeconds: 10_800, p90Seconds: 19_440 });
    expect(metrics.response.acknowledged).toEqual({ count: 3, medianSeconds: 36_000, p90Seconds: 41_760 });

    expect(metrics.referralObligations).toEqual({
      outstanding: 4,
      pastTarget: 2,
      targetHours: 24,
      buckets: [
        { key: 'under_half', label: 'Up to 12 hours', count: 1, pastTarget: false },
        { key: 'under_target', label: '12 hours to 1 day', count: 1, pastTarget: false },
        { key: 'under_triple', label: '1 day to 3 days (past the target)', count: 1, pastTarget: true },
        { key: 'beyond_triple', label: 'Over 3 days (past the target)', count: 1, pastTarget: true },
      ],
    });

    // The target is a setting: at 10 hours, 13 h and 29 h fall in 10–30 h, and 80 h beyond it.
    const tighter = await getMetrics({ actor: supervisor, exposureCap: 80, now: at, referralTargetHours: 10 });
    expect(tighter.referralObligations.buckets.map((b) => b.count)).toEqual([1, 0, 2, 1]);
    expect(tighter.referralObligations.pastTarget).toBe(3);

    // A window that ends before the acknowledgements leaves them out.
    const earlier = await getMetrics({ actor: supervisor, exposureCap: 80, now: ago(21), referralTargetHours: 24 });
    expect(earlier.response.acknowledged.count).toBe(0);
    expect(earlier.response.acknowledged.medianSeconds).toBeNull();
  });
});
