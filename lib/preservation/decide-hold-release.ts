import 'server-only';
import { z } from 'zod';
import { writeAudit } from '@/lib/audit/write-audit';
import { decisionMessage } from '@/lib/cases/case-transaction';
import type { DecideArgs } from '@/lib/cases/decide-approval';
import type { ApprovalDecision } from '@/lib/cases/types';
import { AppError } from '@/lib/errors';
import { enqueueDecision } from '@/lib/platform/outbox';
import { endHold, holdEndedDetails } from './end-hold';
import { earlyReleaseRefusal } from './hold-rules';
import { actorAudit, assertInForce, lockHold } from './lock-hold';

const ZReleasePayload = z.object({ holdId: z.uuid() });

/**
 * The second person's decision on an early release, inside decideApproval's transaction (case and
 * approval already locked; the approver is not the requester, checked there and by the approvals
 * CHECK). Approve: the hold ends now ('released', with this approval), the account's enforcement
 * follows (lib/preservation/end-hold.ts) and the platform is told (`account.preservation_hold_ended`).
 * Reject: the hold stays as it is. Either way a case action and an audit entry; the case's status
 * does not change (the hold was a measure already taken; its obligation stays met).
 */
export async function decideHoldRelease({ tx, kase, approval, actor, reason, now, decision }: DecideArgs & { decision: 'approve' | 'reject' }): Promise<ApprovalDecision> {
  const { holdId } = ZReleasePayload.parse(approval.payload ?? {});
  const hold = await lockHold(tx, holdId);
  const approvalStatus = decision === 'approve' ? ('approved' as const) : ('rejected' as const);
  if (approvalStatus === 'approved') {
    assertInForce(hold);
    const refusal = earlyReleaseRefusal(hold.basis);
    if (refusal) throw new AppError('conflict', refusal);
  }
  await tx.approval.update({ where: { id: approval.id }, data: { status: approvalStatus, decidedById: actor.id, decidedAt: now, decisionReason: reason || null } });
  const enforcement =
    approvalStatus === 'approved'
      ? await endHold(tx, { hold, endReason: 'released', now, releaseApprovalId: approval.id })
      : (await tx.reportedAccount.findUniqueOrThrow({ where: { id: hold.accountId }, select: { enforcement: true } })).enforcement;
  const action = await tx.caseAction.create({
    data: {
      caseId: kase.id,
      actorId: actor.id,
      type: 'preservation_hold',
      note: reason || null,
      approvalId: approval.id,
      details: { stage: approvalStatus === 'approved' ? 'released' : 'release_rejected', holdId: hold.id },
    },
    select: { id: true },
  });
  await writeAudit(
    tx,
    {
      event: 'preservation.hold_release_decided',
      caseId: kase.id,
      payload: {
        holdId: hold.id,
        accountId: hold.accountId,
        basis: hold.basis,
        actionId: action.id,
        approvalId: approval.id,
        requestedById: approval.requestedById,
        decision: approvalStatus,
        enforcement,
      },
    },
    actorAudit(actor, hold.id),
  );
  if (approvalStatus === 'approved') {
    await enqueueDecision(tx, await decisionMessage(tx, kase, 'account.preservation_hold_ended', approval.reasonCode, holdEndedDetails(hold, 'released', now), now));
  }
  return { caseId: kase.id, status: kase.status, version: kase.version, approvalId: approval.id, approvalStatus, holdId: hold.id };
}
