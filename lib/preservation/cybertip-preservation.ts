import 'server-only';
import type { StaffPrincipal } from '@/lib/auth/roles';
import { decisionMessage, type LockedCase } from '@/lib/cases/case-transaction';
import type { Tx } from '@/lib/db';
import { enqueueDecision } from '@/lib/platform/outbox';
import { CYBERTIP_PRESERVATION_DAYS } from './hold-basis';
import { startHold } from './start-hold';

/**
 * The statutory hold a CyberTipline report starts (one year from its submission), inside the
 * acknowledging transaction. Pending-referral holds on the account end as `replaced`: the report's
 * hold is what preserves the data now. The platform hears of the new hold first, then of the ends.
 */
export async function startCyberTipPreservation(
  tx: Tx,
  args: { kase: LockedCase; referralId: string; actor: StaffPrincipal; submittedAt: Date; now: Date },
): Promise<{ holdId: string; expiresAt: Date; replacedHoldIds: string[] }> {
  const { kase, actor, now } = args;
  const hold = await startHold(tx, {
    kase,
    basis: 'cybertip_report',
    reasonCode: 'cybertip_report',
    actor,
    startsAt: args.submittedAt,
    days: CYBERTIP_PRESERVATION_DAYS,
    now,
    referralId: args.referralId,
  });
  const pending = await tx.preservationHold.findMany({
    where: { accountId: kase.accountId, basis: 'pending_referral', releasedAt: null },
    select: { id: true, reasonCode: true },
  });
  for (const old of pending) {
    await tx.preservationHold.update({ where: { id: old.id }, data: { releasedAt: now, endReason: 'replaced' } });
    await enqueueDecision(
      tx,
      await decisionMessage(tx, kase, 'account.preservation_hold_ended', old.reasonCode, { holdId: old.id, basis: 'pending_referral', endReason: 'replaced', replacedBy: hold.holdId }, now),
    );
  }
  return { holdId: hold.holdId, expiresAt: hold.expiresAt, replacedHoldIds: pending.map((h) => h.id) };
}
