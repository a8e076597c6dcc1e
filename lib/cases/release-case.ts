import 'server-only';
import type { StaffPrincipal } from '@/lib/auth/roles';
import { withCaseChange } from './case-transaction';
import { recordCaseAction } from './record-case-action';
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
  return withCaseChange({ caseId, actor, expectedVersion, event: 'release' }, async ({ tx, kase, to, now }) => {
    const previousAssigneeId = kase.assigneeId!;
    const { status, version } = await recordCaseAction(
      { tx, kase, to, now, actor },
      {
        action: { type: 'release', reasonCode, details: { previousAssigneeId } },
        caseUpdate: { status: to, assigneeId: null, leaseExpiresAt: null, version: { increment: 1 } },
        audit: { event: 'case.released', payload: { previousAssigneeId, reasonCode, byOther: previousAssigneeId !== actor.id } },
      },
    );
    return { caseId, status, version };
  });
}
