import { describe, expect, it } from 'vitest';
import { decodeObligationCursor, encodeObligationCursor, obligationsHref } from '@/lib/response/referral-obligation-params';
import { ageBuckets, formatHours, isPastTarget, overdueCutoff, referralDueAt, referralStage, REFERRAL_STAGE_LABEL } from '@/lib/response/referral-obligation-rules';

const H = 3_600_000;
const now = new Date('2026-12-01T12:00:00Z');
const ago = (hours: number) => new Date(now.getTime() - hours * H);

describe('referral stage from the latest version', () => {
  it('names each stage a required referral can be at', () => {
    expect(referralStage(null)).toBe('not_prepared');
    expect(referralStage({ status: 'draft', approvalStatus: 'pending' })).toBe('awaiting_approval');
    expect(referralStage({ status: 'draft', approvalStatus: null })).toBe('awaiting_approval');
    expect(referralStage({ status: 'draft', approvalStatus: 'rejected' })).toBe('rejected');
    expect(referralStage({ status: 'approved', approvalStatus: 'approved' })).toBe('approved');
    expect(referralStage({ status: 'exported', approvalStatus: 'approved' })).toBe('exported');
    expect(referralStage({ status: 'superseded', approvalStatus: 'approved' })).toBe('exported');
    expect(referralStage({ status: 'acknowledged', approvalStatus: 'approved' })).toBe('acknowledged');
    expect(REFERRAL_STAGE_LABEL.not_prepared).toBe('Not prepared yet');
    expect(REFERRAL_STAGE_LABEL.exported).toMatch(/record the hotline report ID/);
  });
});

describe('the referral target', () => {
  it('is due at first report + target, and past it only once that time has gone by', () => {
    expect(referralDueAt(ago(30), 24)).toEqual(ago(6));
    expect(isPastTarget(ago(24), 24, now)).toBe(false);
    expect(isPastTarget(new Date(ago(24).getTime() - 1), 24, now)).toBe(true);
    expect(isPastTarget(ago(23), 24, now)).toBe(false);
    expect(overdueCutoff(now, 24)).toEqual(ago(24));
  });

  it('buckets ages relative to the target, labelled in hours and days', () => {
    expect(ageBuckets(24).map((b) => [b.label, b.fromHours, b.toHours, b.pastTarget])).toEqual([
      ['Up to 12 hours', 0, 12, false],
      ['12 hours to 1 day', 12, 24, false],
      ['1 day to 3 days (past the target)', 24, 72, true],
      ['Over 3 days (past the target)', 72, null, true],
    ]);
    expect(ageBuckets(5)[0]!.label).toBe('Up to 2.5 hours');
    expect(formatHours(1)).toBe('1 hour');
    expect(formatHours(48)).toBe('2 days');
    expect(formatHours(36)).toBe('36 hours');
  });
});

describe('obligations page cursor', () => {
  it('round-trips, and a tampered cursor means the first page', () => {
    const cursor = { firstReportedAt: ago(5), obligationId: '7d3c1a52-8a8e-4b8e-9d7c-2f0f5c1d9e11' };
    expect(decodeObligationCursor(encodeObligationCursor(cursor))).toEqual(cursor);
    expect(decodeObligationCursor('bm90IGpzb24')).toBeNull();
    expect(decodeObligationCursor(Buffer.from(JSON.stringify(['99999-01-01T00:00:00Z', cursor.obligationId])).toString('base64url'))).toBeNull();
    expect(decodeObligationCursor(Buffer.from(JSON.stringify([ago(1).toISOString(), 'not-a-uuid'])).toString('base64url'))).toBeNull();
    expect(decodeObligationCursor(undefined)).toBeNull();
    expect(obligationsHref(null)).toBe('/console/obligations');
    expect(obligationsHref('abc')).toBe('/console/obligations?cursor=abc');
  });
});
