import type { ReferralStatus } from '@/lib/generated/prisma/enums';

/**
 * What can happen to a referral version in each state. Pure; the server verbs and the panel use the
 * same table. draft → (approved by a second person) approved → exported (each download a new export
 * of the same frozen payload) → acknowledged (hotline report ID recorded). An acknowledged version
 * is never exported again (that would be a duplicate report); a new version is a follow-up citing
 * it. A version replaced by a newer one before acknowledgement is superseded; if it was exported
 * and submitted after all, its hotline report ID can still be recorded.
 */
export type ReferralStep = 'approve' | 'reject' | 'export' | 'acknowledge';

export const REFERRAL_STEPS: Readonly<Record<ReferralStatus, readonly ReferralStep[]>> = {
  draft: ['approve', 'reject'],
  approved: ['export'],
  exported: ['export', 'acknowledge'],
  acknowledged: [],
  superseded: ['acknowledge'],
};

export function canTakeStep(status: ReferralStatus, step: ReferralStep): boolean {
  return REFERRAL_STEPS[status].includes(step);
}

export const REFERRAL_STATUS_LABEL: Readonly<Record<ReferralStatus, string>> = {
  draft: 'Draft — waiting for a supervisor',
  approved: 'Approved — ready to download',
  exported: 'Exported — record the hotline report ID after submitting',
  acknowledged: 'Acknowledged by the hotline',
  superseded: 'Superseded by a newer version',
};
