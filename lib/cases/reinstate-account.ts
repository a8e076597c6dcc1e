import 'server-only';
import { writeAudit } from '@/lib/audit/write-audit';
import type { StaffPrincipal } from '@/lib/auth/roles';
import { AppError } from '@/lib/errors';
import { enqueueDecision } from '@/lib/platform/outbox';
import { decisionMessage, requireActorRole, staffAudit, withCaseChange } from './case-transaction';
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
    const action = await tx.caseAction.create({
      data: {
        caseId,
        actorId: actor.id,
        type: 'reinstate',
        reasonCode: input.reasonCode,
        note: input.note,
        details: { suspendedUntil: account.suspendedUntil?.toISOString() ?? null },
      },
      select: { id: true },
    });
    await tx.reportedAccount.update({
      where: { id: kase.accountId },
      data: { enforcement: 'none', suspendedUntil: null },
    });
    const updated = await tx.case.update({
      where: { id: caseId },
      data: { version: { increment: 1 } },
      select: { version: true },
    });
    await writeAudit(
      tx,
      {
        event: 'case.account_reinstated',
        caseId,
        payload: {
          from: kase.status,
          to,
          version: updated.version,
          actionId: action.id,
          accountId: kase.accountId,
          reasonCode: input.reasonCode,
        },
      },
      staffAudit(actor, caseId),
    );
    await enqueueDecision(tx, await decisionMessage(tx, kase, 'account.reinstated', input.reasonCode, {}, now));
    return { caseId, status: to, version: updated.version, actionId: action.id };
  });
}
