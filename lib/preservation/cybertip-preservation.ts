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
  // The holds it replaces are locked before the account (in startHold), the order release and expiry use.
  const pending = await tx.$queryRaw<{ id: string; reasonCode: string }[]>`
    SELECT id::text AS "id", reason_code AS "reasonCode" FROM preservation_holds
    WHERE account_id = ${kase.accountId}::uuid AND basis = 'pending_referral' AND released_at IS NULL
    ORDER BY id FOR UPDATE`;
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
  for (const old of pending) {
    await tx.preservationHold.update({ where: { id: old.id }, data: { releasedAt: now, endReason: 'replaced' } });
    await enqueueDecision(
      tx,
      await decisionMessage(tx, kase, 'account.preservation_hold_ended', old.reasonCode, { holdId: old.id, basis: 'pending_referral', endReason: 'replaced', replacedBy: hold.holdId }, now),
    );
  }
  return { holdId: hold.holdId, expiresAt: hold.expiresAt, replacedHoldIds: pending.map((h) => h.id) };
}
