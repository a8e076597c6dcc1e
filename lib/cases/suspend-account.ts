import 'server-only';
import type { StaffPrincipal } from '@/lib/auth/roles';
import { rescoreCasesLinkedTo } from '@/lib/networks/rescore-linked-cases';
import { caseUpdateAfter, settleCase } from '@/lib/response/settle-case';
import { withCaseChange } from './case-transaction';
import { recordCaseAction } from './record-case-action';
import type { TSuspendInput } from './schema';
import type { ActionResultSummary } from './types';

/**
 * Suspends the reported account: the action row, the account's enforcement, the case's obligations
 * (lib/response/settle-case.ts), the case update, the audit entry and the platform's
 * `account.suspended` message commit together. The case closes as `suspended` when nothing else is
 * owed; a reportable case stays `responding` until it is preserved and referred. `until` null means
 * permanent. Allowed again on a responding case (a measure recorded in any order).
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
  return withCaseChange({ caseId, actor, expectedVersion, event: 'suspend' }, async ({ tx, kase, now }) => {
    const until = input.until?.toISOString() ?? null;
    await tx.reportedAccount.update({
      where: { id: kase.accountId },
      data: { enforcement: 'suspended', suspendedUntil: input.until ?? null },
    });
    await rescoreCasesLinkedTo(tx, [kase.accountId]);
    const settlement = await settleCase(tx, { kase, actor, now, open: true });
    return recordCaseAction(
      { tx, kase, to: settlement.status, now, actor },
      {
        action: { type: 'suspend', reasonCode: input.reasonCode, note: input.note, details: { until } },
        caseUpdate: caseUpdateAfter(kase, settlement, now),
        audit: { event: 'case.account_suspended', payload: { accountId: kase.accountId, reasonCode: input.reasonCode, until } },
        decision: { type: 'account.suspended', reasonCode: input.reasonCode, details: { until } },
      },
    );
  });
}
