import 'server-only';
import { writeAudit } from '@/lib/audit/write-audit';
import type { StaffPrincipal } from '@/lib/auth/roles';
import { enqueueDecision } from '@/lib/platform/outbox';
import { closeCase, decisionMessage, staffAudit, withCaseChange } from './case-transaction';
import type { TDismissInput } from './schema';
import type { ActionResultSummary } from './types';

/**
 * Closes the case with no action against the account (resolution `dismissed`) and tells the
 * platform (`case.dismissed`). A later report about the account opens a new case linked to this one.
 */
export async function dismissCase({
  caseId,
  actor,
  expectedVersion,
  input,
}: {
  caseId: string;
  actor: StaffPrincipal;
  expectedVersion: number;
  input: TDismissInput;
}): Promise<ActionResultSummary> {
  return withCaseChange({ caseId, actor, expectedVersion, event: 'dismiss' }, async ({ tx, kase, to, now }) => {
    const action = await tx.caseAction.create({
      data: { caseId, actorId: actor.id, type: 'dismiss', reasonCode: input.reasonCode, note: input.note ?? null },
      select: { id: true },
    });
    const updated = await tx.case.update({
      where: { id: caseId },
      data: closeCase(kase, 'dismissed', now),
      select: { version: true },
    });
    await writeAudit(
      tx,
      {
        event: 'case.dismissed',
        caseId,
        payload: { from: kase.status, to, version: updated.version, actionId: action.id, reasonCode: input.reasonCode },
      },
      staffAudit(actor, caseId),
    );
    await enqueueDecision(tx, await decisionMessage(tx, kase, 'case.dismissed', input.reasonCode, {}, now));
    return { caseId, status: to, version: updated.version, actionId: action.id };
  });
}
