import 'server-only';
import type { StaffPrincipal } from '@/lib/auth/roles';
import { AppError } from '@/lib/errors';
import { rescoreCasesLinkedTo } from '@/lib/networks/rescore-linked-cases';
import { holdInForce } from '@/lib/preservation/start-hold';
import { requireActorRole, withCaseChange } from './case-transaction';
import { recordCaseAction } from './record-case-action';
import type { TReinstateInput } from './schema';
import type { ActionResultSummary } from './types';

/**
 * Lifts the suspension a case imposed (supervisors and admins only, reason code and note required):
 * the account's enforcement goes back to none (or preserved, while a hold is in force) and the
 * platform is told (`account.reinstated`). The case keeps its status (closed, or responding while
 * obligations are outstanding); the reinstatement is one more action in its history.
 */
export async function reinstateAccount({
  caseId,
  actor,
  expectedVersion,
  input,
}: {
  caseId: string;
  actor: StaffPrincipal;
  expectedVersion: number;
  input: TReinstateInput;
}): Promise<ActionResultSummary> {
  requireActorRole(actor, 'supervisor');
  return withCaseChange({ caseId, actor, expectedVersion, event: 'reinstate' }, async ({ tx, kase, to, now }) => {
    const account = await tx.reportedAccount.findUniqueOrThrow({
      where: { id: kase.accountId },
      select: { enforcement: true, suspendedUntil: true },
    });
    const suspendedHere =
      kase.resolution === 'suspended' || (kase.status === 'responding' && (await tx.caseAction.count({ where: { caseId: kase.id, type: 'suspend' } })) > 0);
    if (!suspendedHere || account.enforcement !== 'suspended') {
      throw new AppError('conflict', 'This account is not suspended by this case, so there is nothing to reinstate.');
    }
    // A hold in force outlives the suspension: the account is back up, its data still preserved.
    await tx.reportedAccount.update({
      where: { id: kase.accountId },
      data: { enforcement: (await holdInForce(tx, kase.accountId, now)) ? 'preserved' : 'none', suspendedUntil: null },
    });
    await rescoreCasesLinkedTo(tx, [kase.accountId]);
    return recordCaseAction(
      { tx, kase, to, now, actor },
      {
        action: {
          type: 'reinstate',
          reasonCode: input.reasonCode,
          note: input.note,
          details: { suspendedUntil: account.suspendedUntil?.toISOString() ?? null },
        },
        audit: { event: 'case.account_reinstated', payload: { accountId: kase.accountId, reasonCode: input.reasonCode } },
        decision: { type: 'account.reinstated', reasonCode: input.reasonCode },
      },
    );
  });
}
