import 'server-only';
import { writeAudit } from '@/lib/audit/write-audit';
import type { StaffPrincipal } from '@/lib/auth/roles';
import { AppError } from '@/lib/errors';
import { LEASE_MS, requireActorRole, staffAudit, withCaseChange } from './case-transaction';
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
    const updated = await tx.case.update({
      where: { id: caseId },
      data: { status: to, assigneeId, leaseExpiresAt, version: { increment: 1 } },
      select: { version: true },
    });
    const action = await tx.caseAction.create({
      data: {
        caseId,
        actorId: actor.id,
        type: 'assign',
        reasonCode,
        note,
        details: { fromAssigneeId: kase.assigneeId, toAssigneeId: assigneeId, leaseExpiresAt: leaseExpiresAt.toISOString() },
      },
      select: { id: true },
    });
    await writeAudit(
      tx,
      {
        event: 'case.reassigned',
        caseId,
        payload: {
          from: kase.status,
          to,
          version: updated.version,
          actionId: action.id,
          fromAssigneeId: kase.assigneeId,
          toAssigneeId: assigneeId,
          reasonCode,
        },
      },
      staffAudit(actor, caseId),
    );
    return { caseId, status: to, version: updated.version, assigneeId, leaseExpiresAt };
  });
}
