import 'server-only';
import { writeAudit } from '@/lib/audit/write-audit';
import type { StaffPrincipal } from '@/lib/auth/roles';
import { decisionMessage, requireActorRole } from '@/lib/cases/case-transaction';
import { AppError } from '@/lib/errors';
import { enqueueDecision } from '@/lib/platform/outbox';
import { extendedExpiry } from './hold-rules';
import { actorAudit, withHoldChange } from './lock-hold';
import type { TExtendHoldInput } from './schema';

export type ExtendedHold = { holdId: string; caseId: string; previousExpiresAt: Date; expiresAt: Date; extensions: number };

/**
 * Extends a hold in force (supervisors and admins; a reason is required): the new expiry counts
 * from the later of now and the current one, within the longest a hold may last
 * (HOLD_MAX_TOTAL_DAYS). One transaction, case row locked first, then the hold: the hold row, a
 * `preservation_hold` case action (stage 'extended', the reason as its note), the audit entry and
 * the platform's `account.preservation_hold_extended` message. The case's status is not changed.
 */
export async function extendHold({ actor, input }: { actor: StaffPrincipal; input: TExtendHoldInput }): Promise<ExtendedHold> {
  requireActorRole(actor, 'supervisor');
  return withHoldChange(input.holdId, async ({ tx, kase, hold, now }) => {
    const next = extendedExpiry(hold, input.days, now);
    if (!next.ok) throw new AppError('conflict', next.reason);
    const updated = await tx.preservationHold.update({
      where: { id: hold.id },
      data: { expiresAt: next.expiresAt, extensions: { increment: 1 } },
      select: { extensions: true },
    });
    const action = await tx.caseAction.create({
      data: {
        caseId: kase.id,
        actorId: actor.id,
        type: 'preservation_hold',
        note: input.reason,
        details: { stage: 'extended', holdId: hold.id, days: input.days, previousExpiresAt: hold.expiresAt.toISOString(), expiresAt: next.expiresAt.toISOString() },
      },
      select: { id: true },
    });
    await writeAudit(
      tx,
      {
        event: 'preservation.hold_extended',
        caseId: kase.id,
        payload: {
          holdId: hold.id,
          accountId: hold.accountId,
          basis: hold.basis,
          actionId: action.id,
          days: input.days,
          previousExpiresAt: hold.expiresAt.toISOString(),
          expiresAt: next.expiresAt.toISOString(),
          extensions: updated.extensions,
        },
      },
      actorAudit(actor, hold.id),
    );
    await enqueueDecision(
      tx,
      await decisionMessage(tx, kase, 'account.preservation_hold_extended', hold.reasonCode, {
        holdId: hold.id,
        basis: hold.basis,
        previousExpiresAt: hold.expiresAt.toISOString(),
        expiresAt: next.expiresAt.toISOString(),
      }, now),
    );
    return { holdId: hold.id, caseId: kase.id, previousExpiresAt: hold.expiresAt, expiresAt: next.expiresAt, extensions: updated.extensions };
  });
}
