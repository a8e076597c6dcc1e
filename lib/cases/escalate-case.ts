import 'server-only';
import { writeAudit } from '@/lib/audit/write-audit';
import type { StaffPrincipal } from '@/lib/auth/roles';
import { enqueueDecision } from '@/lib/platform/outbox';
import { decisionMessage, handOffCase, staffAudit, withCaseChange } from './case-transaction';
import type { TEscalateInput } from './schema';
import type { ActionResultSummary } from './types';

/**
 * Hands the case to the supervisors: status `escalated`, the claim released (escalated cases are not
 * in the moderators' queue). The platform learns the case is escalated (`case.escalated`), with the
 * reason code only.
 */
export async function escalateCase({
  caseId,
  actor,
  expectedVersion,
  input,
}: {
  caseId: string;
  actor: StaffPrincipal;
  expectedVersion: number;
  input: TEscalateInput;
}): Promise<ActionResultSummary> {
  return withCaseChange({ caseId, actor, expectedVersion, event: 'escalate' }, async ({ tx, kase, to, now }) => {
    const action = await tx.caseAction.create({
      data: {
        caseId,
        actorId: actor.id,
        type: 'escalate',
        reasonCode: input.reasonCode,
        note: input.note ?? null,
        details: { previousAssigneeId: kase.assigneeId },
      },
      select: { id: true },
    });
    const updated = await tx.case.update({
      where: { id: caseId },
      data: handOffCase(kase, to, now),
      select: { version: true },
    });
    await writeAudit(
      tx,
      {
        event: 'case.escalated',
        caseId,
        payload: { from: kase.status, to, version: updated.version, actionId: action.id, reasonCode: input.reasonCode },
      },
      staffAudit(actor, caseId),
    );
    await enqueueDecision(tx, await decisionMessage(tx, kase, 'case.escalated', input.reasonCode, {}, now));
    return { caseId, status: to, version: updated.version, actionId: action.id };
  });
}
