import type { ReferralStatus } from '@/lib/generated/prisma/enums';

/**
 * What can happen to a referral in each state. Pure; the server verbs and the panel use the same
 * table. draft → (approved by a second person) approved → exported (each download a new version)
 * → acknowledged (hotline report ID recorded). Exports stay possible afterwards, as new versions.
 */
export type ReferralStep = 'approve' | 'reject' | 'export' | 'acknowledge';

export const REFERRAL_STEPS: Readonly<Record<ReferralStatus, readonly ReferralStep[]>> = {
  draft: ['approve', 'reject'],
  approved: ['export'],
  exported: ['export', 'acknowledge'],
  acknowledged: ['export'],
};

export function canTakeStep(status: ReferralStatus, step: ReferralStep): boolean {
  return REFERRAL_STEPS[status].includes(step);
}

export const REFERRAL_STATUS_LABEL: Readonly<Record<ReferralStatus, string>> = {
  draft: 'Draft — waiting for a supervisor',
  approved: 'Approved — ready to download',
  exported: 'Exported — record the hotline report ID after submitting',
  acknowledged: 'Acknowledged by the hotline',
};
