import type { ApprovalStatus, ReferralStatus } from '@/lib/generated/prisma/enums';
import { REFERRAL_STATUS_LABEL } from '@/lib/referrals/referral-state';

/**
 * How far a required referral has got, and how late it is. Pure: shared by the obligations page,
 * the queue filter and the metrics (lib/response/list-referral-obligations.ts,
 * lib/response/referral-obligation-ages.ts), and unit tested.
 *
 * The clock starts at the case's first report, not at the obligation: the hotline's interest (and
 * the law's) is in how long the platform knew, and a case answered late must not look on time.
 */

const HOUR_MS = 3_600_000;

/** Where the latest referral version to the obligation's hotline stands. */
export type ReferralStage = 'not_prepared' | 'awaiting_approval' | 'rejected' | 'approved' | 'exported' | 'acknowledged';

export const REFERRAL_STAGE_LABEL: Readonly<Record<ReferralStage, string>> = {
  not_prepared: 'Not prepared yet',
  awaiting_approval: REFERRAL_STATUS_LABEL.draft,
  rejected: 'Draft — rejected by a supervisor; prepare it again',
  approved: REFERRAL_STATUS_LABEL.approved,
  exported: REFERRAL_STATUS_LABEL.exported,
  acknowledged: REFERRAL_STATUS_LABEL.acknowledged,
};

/** The stage from the latest version (highest `version`) and the status of its approval request. */
export function referralStage(latest: { status: ReferralStatus; approvalStatus: ApprovalStatus | null } | null): ReferralStage {
  if (!latest) return 'not_prepared';
  switch (latest.status) {
    case 'draft':
      return latest.approvalStatus === 'rejected' ? 'rejected' : 'awaiting_approval';
    case 'approved':
      return 'approved';
    // A superseded version is never the latest (a newer one replaced it); if it were, what it still
    // needs is the hotline's report ID, as for an exported one.
    case 'exported':
    case 'superseded':
      return 'exported';
    case 'acknowledged':
      return 'acknowledged';
  }
}

/** When the referral is due: the case's first report plus the target. */
export const referralDueAt = (firstReportedAt: Date, targetHours: number) => new Date(firstReportedAt.getTime() + targetHours * HOUR_MS);

/** Past the target: the due time is strictly before `now` (the SQL uses the same cut-off, overdueCutoff). */
export const isPastTarget = (firstReportedAt: Date, targetHours: number, now: Date) => referralDueAt(firstReportedAt, targetHours).getTime() < now.getTime();

/** A first report before this instant makes a referral overdue now. */
export const overdueCutoff = (now: Date, targetHours: number) => new Date(now.getTime() - targetHours * HOUR_MS);

/** `12 hours`, `1 hour`, `1 day`, `3 days`, `2.5 hours`. */
export function formatHours(hours: number): string {
  if (hours >= 24 && hours % 24 === 0) return hours === 24 ? '1 day' : `${hours / 24} days`;
  return hours === 1 ? '1 hour' : `${hours} hours`;
}

export type AgeBucketKey = 'under_half' | 'under_target' | 'under_triple' | 'beyond_triple';

/**
 * Age ranges of outstanding referrals relative to the target, each (fromHours, toHours]: an age of
 * exactly the target is not yet past it, as in isPastTarget.
 */
export type AgeBucket = { key: AgeBucketKey; label: string; fromHours: number; toHours: number | null; pastTarget: boolean };

export function ageBuckets(targetHours: number): AgeBucket[] {
  const half = targetHours / 2;
  const triple = targetHours * 3;
  return [
    { key: 'under_half', label: `Up to ${formatHours(half)}`, fromHours: 0, toHours: half, pastTarget: false },
    { key: 'under_target', label: `${formatHours(half)} to ${formatHours(targetHours)}`, fromHours: half, toHours: targetHours, pastTarget: false },
    { key: 'under_triple', label: `${formatHours(targetHours)} to ${formatHours(triple)} (past the target)`, fromHours: targetHours, toHours: triple, pastTarget: true },
    { key: 'beyond_triple', label: `Over ${formatHours(triple)} (past the target)`, fromHours: triple, toHours: null, pastTarget: true },
  ];
}
