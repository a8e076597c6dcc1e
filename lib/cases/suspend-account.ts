import 'server-only';
import { writeAudit } from '@/lib/audit/write-audit';
import type { StaffPrincipal } from '@/lib/auth/roles';
import { enqueueDecision } from '@/lib/platform/outbox';
import { closeCase, decisionMessage, staffAudit, withCaseChange } from './case-transaction';
import type { TSuspendInput } from './schema';
import type { ActionResultSummary } from './types';

/**
 * Suspends the reported account and closes the case with resolution `suspended`: the action row, the
 * case, the account's enforcement, the audit entry and the platform's `account.suspended` message
 * commit together. `until` null means permanent.
 */
export async function suspendAccount({
  caseId,
  actor,
  expectedVersion,
  input,
}: {
  caseId: string;
  actor: StaffPrincipal;
  expectedVersion: number;
  input: TSuspendInput;
}): Promise<ActionResultSummary> {
  return withCaseChange({ caseId, actor, expectedVersion, event: 'suspend' }, async ({ tx, kase, to, now }) => {
    const until = input.until ?? null;
    const action = await tx.caseAction.create({
      data: {
        caseId,
        actorId: actor.id,
        type: 'suspend',
        reasonCode: input.reasonCode,
        note: input.note ?? null,
        details: { until: until?.toISOString() ?? null },
      },
      select: { id: true },
    });
    const updated = await tx.case.update({
      where: { id: caseId },
      data: closeCase(kase, 'suspended', now),
      select: { version: true },
    });
    await tx.reportedAccount.update({
      where: { id: kase.accountId },
      data: { enforcement: 'suspended', suspendedUntil: until },
    });
    await writeAudit(
      tx,
      {
        event: 'case.account_suspended',
        caseId,
        payload: {
          from: kase.status,
          to,
          version: updated.version,
          actionId: action.id,
          accountId: kase.accountId,
          reasonCode: input.reasonCode,
          until: until?.toISOString() ?? null,
        },
      },
      staffAudit(actor, caseId),
    );
    await enqueueDecision(
      tx,
      await decisionMessage(tx, kase, 'account.suspended', input.reasonCode, { until: until?.toISOString() ?? null }, now),
    );
    return { caseId, status: to, version: updated.version, actionId: action.id };
  });
}
