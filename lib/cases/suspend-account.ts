import 'server-only';
import type { StaffPrincipal } from '@/lib/auth/roles';
import { closeCase, withCaseChange } from './case-transaction';
import { recordCaseAction } from './record-case-action';
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
    const until = input.until?.toISOString() ?? null;
    await tx.reportedAccount.update({
      where: { id: kase.accountId },
      data: { enforcement: 'suspended', suspendedUntil: input.until ?? null },
    });
    return recordCaseAction(
      { tx, kase, to, now, actor },
      {
        action: { type: 'suspend', reasonCode: input.reasonCode, note: input.note, details: { until } },
        caseUpdate: closeCase(kase, 'suspended', now),
        audit: { event: 'case.account_suspended', payload: { accountId: kase.accountId, reasonCode: input.reasonCode, until } },
        decision: { type: 'account.suspended', reasonCode: input.reasonCode, details: { until } },
      },
    );
  });
}
