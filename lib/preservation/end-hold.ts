import 'server-only';
import type { Tx } from '@/lib/db';
import type { EnforcementState, HoldEndReason } from '@/lib/generated/prisma/enums';
import { holdInForce } from './start-hold';
import type { LockedHold } from './lock-hold';

/**
 * Ends a locked hold inside the caller's transaction: the end is recorded on the hold (never
 * deleted), and the account's enforcement goes from 'preserved' back to 'none' unless another hold
 * is still in force on it (a suspended account stays suspended). The account row is locked first,
 * so a hold starting on the same account meanwhile is seen. Returns the account's enforcement after.
 * The caller writes the action, the audit entry and the platform's message.
 */
export async function endHold(
  tx: Tx,
  args: { hold: LockedHold; endReason: HoldEndReason; now: Date; releaseApprovalId?: string },
): Promise<EnforcementState> {
  const { hold, endReason, now } = args;
  await tx.preservationHold.update({
    where: { id: hold.id },
    data: { releasedAt: now, endReason, releaseApprovalId: args.releaseApprovalId ?? null },
  });
  const [account] = await tx.$queryRaw<{ enforcement: EnforcementState }[]>`
    SELECT enforcement::text AS "enforcement" FROM reported_accounts WHERE id = ${hold.accountId}::uuid FOR UPDATE`;
  if (account?.enforcement !== 'preserved' || (await holdInForce(tx, hold.accountId, now))) return account?.enforcement ?? 'none';
  await tx.reportedAccount.update({ where: { id: hold.accountId }, data: { enforcement: 'none' } });
  return 'none';
}

/** The details of the platform's `account.preservation_hold_ended` message. */
export const holdEndedDetails = (hold: LockedHold, endReason: HoldEndReason, now: Date) => ({
  holdId: hold.id,
  basis: hold.basis,
  endReason,
  endedAt: now.toISOString(),
});
