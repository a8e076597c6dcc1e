import 'server-only';
import type { StaffPrincipal } from '@/lib/auth/roles';
import { AppError } from '@/lib/errors';
import { LEASE_MS, requireActorRole, withCaseChange } from './case-transaction';
import { recordCaseAction } from './record-case-action';
import type { ReasonCodeOf } from './reason-codes';
import type { ReassignResult } from './types';

/**
 * Hands a case to a named staff member (supervisors and admins only): from the queue, from another
 * holder, or an escalated case back to a reviewer. The new holder gets a fresh 15-minute claim.
 */
export async function reassignCase({
  caseId,
  actor,
  assigneeId,
  expectedVersion,
  reasonCode,
  note = null,
}: {
  caseId: string;
  actor: StaffPrincipal;
  assigneeId: string;
  expectedVersion: number;
  reasonCode: ReasonCodeOf<'reassign'>;
  note?: string | null;
}): Promise<ReassignResult> {
  requireActorRole(actor, 'supervisor');
  return withCaseChange({ caseId, actor, expectedVersion, event: 'reassign' }, async ({ tx, kase, to, now }) => {
    const assignee = await tx.staff.findUnique({ where: { id: assigneeId }, select: { disabledAt: true } });
    if (!assignee || assignee.disabledAt) throw new AppError('invalid_input', 'Choose an active staff member to take the case.');
    if (kase.assigneeId === assigneeId && kase.status === 'in_review') {
      throw new AppError('invalid_input', 'The case is already assigned to them.');
    }
    const leaseExpiresAt = new Date(now.getTime() + LEASE_MS);
    const { status, version } = await recordCaseAction(
      { tx, kase, to, now, actor },
      {
        action: {
          type: 'assign',
          reasonCode,
          note,
          details: { fromAssigneeId: kase.assigneeId, toAssigneeId: assigneeId, leaseExpiresAt: leaseExpiresAt.toISOString() },
        },
        caseUpdate: { status: to, assigneeId, leaseExpiresAt, version: { increment: 1 } },
        audit: { event: 'case.reassigned', payload: { fromAssigneeId: kase.assigneeId, toAssigneeId: assigneeId, reasonCode } },
      },
    );
    return { caseId, status, version, assigneeId, leaseExpiresAt };
  });
}
