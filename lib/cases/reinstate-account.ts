import 'server-only';
import type { StaffPrincipal } from '@/lib/auth/roles';
import { AppError } from '@/lib/errors';
import { requireActorRole, withCaseChange } from './case-transaction';
import { recordCaseAction } from './record-case-action';
import type { TReinstateInput } from './schema';
import type { ActionResultSummary } from './types';

/**
 * Lifts the suspension a case imposed (supervisors and admins only, reason code and note required):
 * the account's enforcement goes back to none and the platform is told (`account.reinstated`). The
 * case stays closed; the reinstatement is one more action in its history.
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
    if (kase.resolution !== 'suspended' || account.enforcement !== 'suspended') {
      throw new AppError('conflict', 'This account is not suspended by this case, so there is nothing to reinstate.');
    }
    await tx.reportedAccount.update({
      where: { id: kase.accountId },
      data: { enforcement: 'none', suspendedUntil: null },
    });
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
