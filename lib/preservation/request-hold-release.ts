import 'server-only';
import { writeAudit } from '@/lib/audit/write-audit';
import type { StaffPrincipal } from '@/lib/auth/roles';
import { requireActorRole } from '@/lib/cases/case-transaction';
import type { Tx } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { earlyReleaseRefusal } from './hold-rules';
import { actorAudit, withHoldChange } from './lock-hold';
import type { TRequestHoldReleaseInput } from './schema';

/** The pending early-release request of a hold, if any (kind hold_release, payload { holdId }). */
export async function pendingRelease(tx: Tx, holdId: string): Promise<{ id: string } | null> {
  return tx.approval.findFirst({
    where: { kind: 'hold_release', status: 'pending', payload: { path: ['holdId'], equals: holdId } },
    select: { id: true },
  });
}

/**
 * Asks for a hold to end before its expiry (supervisors and admins, with a reason code and a
 * reason): an approval of kind hold_release that another supervisor decides in the approvals inbox
 * (lib/preservation/decide-hold-release.ts). One pending request per hold: the hold's row lock makes
 * the check race-free. Nothing changes for the platform until the release is approved. A
 * CyberTipline report's hold is refused (hold-rules.ts says why).
 */
export async function requestHoldRelease({ actor, input }: { actor: StaffPrincipal; input: TRequestHoldReleaseInput }): Promise<{ approvalId: string; holdId: string }> {
  requireActorRole(actor, 'supervisor');
  return withHoldChange(input.holdId, async ({ tx, kase, hold, now }) => {
    const refusal = earlyReleaseRefusal(hold.basis);
    if (refusal) throw new AppError('conflict', refusal);
    if (await pendingRelease(tx, hold.id)) {
      throw new AppError('conflict', 'An early release of this hold is already waiting for a decision in the approvals inbox.');
    }
    const approval = await tx.approval.create({
      data: {
        kind: 'hold_release',
        caseId: kase.id,
        requestedById: actor.id,
        requestedAt: now,
        reasonCode: input.reasonCode,
        reason: input.reason,
        payload: { holdId: hold.id },
      },
      select: { id: true },
    });
    const action = await tx.caseAction.create({
      data: {
        caseId: kase.id,
        actorId: actor.id,
        type: 'preservation_hold',
        note: input.reason,
        approvalId: approval.id,
        details: { stage: 'release_requested', holdId: hold.id, reasonCode: input.reasonCode },
      },
      select: { id: true },
    });
    await writeAudit(
      tx,
      {
        event: 'preservation.hold_release_requested',
        caseId: kase.id,
        payload: { holdId: hold.id, accountId: hold.accountId, basis: hold.basis, actionId: action.id, approvalId: approval.id, reasonCode: input.reasonCode },
      },
      actorAudit(actor, hold.id),
    );
    return { approvalId: approval.id, holdId: hold.id };
  });
}
