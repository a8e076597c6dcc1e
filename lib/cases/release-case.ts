import 'server-only';
import { writeAudit } from '@/lib/audit/write-audit';
import type { StaffPrincipal } from '@/lib/auth/roles';
import { staffAudit, withCaseChange } from './case-transaction';
import type { ReasonCodeOf } from './reason-codes';
import type { CaseChange } from './types';

/**
 * Returns a claimed case to the queue. The holder may release their own claim; a supervisor or
 * admin may release anyone's (the state machine's `holder` rule). Writes a release action and an
 * audit entry with the claim's previous holder.
 */
export async function releaseCase({
  caseId,
  actor,
  expectedVersion,
  reasonCode = null,
}: {
  caseId: string;
  actor: StaffPrincipal;
  expectedVersion: number;
  reasonCode?: ReasonCodeOf<'release'> | null;
}): Promise<CaseChange> {
  return withCaseChange({ caseId, actor, expectedVersion, event: 'release' }, async ({ tx, kase, to }) => {
    const previousAssigneeId = kase.assigneeId!;
    const updated = await tx.case.update({
      where: { id: caseId },
      data: { status: to, assigneeId: null, leaseExpiresAt: null, version: { increment: 1 } },
      select: { version: true },
    });
    const action = await tx.caseAction.create({
      data: { caseId, actorId: actor.id, type: 'release', reasonCode, details: { previousAssigneeId } },
      select: { id: true },
    });
    await writeAudit(
      tx,
      {
        event: 'case.released',
        caseId,
        payload: {
          from: kase.status,
          to,
          version: updated.version,
          actionId: action.id,
          previousAssigneeId,
          reasonCode,
          byOther: previousAssigneeId !== actor.id,
        },
      },
      staffAudit(actor, caseId),
    );
    return { caseId, status: to, version: updated.version };
  });
}
