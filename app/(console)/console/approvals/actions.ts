'use server';

import { z } from 'zod';
import { staffAction } from '@/lib/auth/action';
import { decideApproval } from '@/lib/cases/decide-approval';

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
