'use server';

import { z } from 'zod';
import { staffAction } from '@/lib/auth/action';
import { decideApproval } from '@/lib/cases/decide-approval';
import { decideReferral } from '@/lib/referrals/decide-referral';

// The approvals inbox. Every export is a public endpoint: each is wrapped in staffAction('supervisor');
// decideApproval refuses one's own request again (and the database CHECK a third time).

const ZDecideInput = z.object({
  approvalId: z.uuid(),
  decision: z.enum(['approve', 'reject']),
  reason: z.string().trim().max(2000, 'Keep the reason under 2,000 characters').default(''),
});

export const decideApprovalAction = staffAction('supervisor', ZDecideInput, async (input, staff) => {
  const result = await decideApproval({ approvalId: input.approvalId, actor: staff, decision: input.decision, reason: input.reason });
  return { approvalStatus: result.approvalStatus, caseId: result.caseId };
});

const ZDecideReferralInput = z.object({
  referralId: z.uuid(),
  decision: z.enum(['approve', 'reject']),
  reason: z.string().trim().max(2000, 'Keep the reason under 2,000 characters').default(''),
  /** The hash of the frozen preview the supervisor had open: the decision binds exactly those bytes. */
  payloadSha256: z.string().regex(/^[0-9a-f]{64}$/),
});

export const decideReferralApprovalAction = staffAction('supervisor', ZDecideReferralInput, async (input, staff) => {
  const result = await decideReferral({ ...input, actor: staff });
  return { status: result.status, payloadSha256: result.payloadSha256 };
});
