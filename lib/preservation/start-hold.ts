import 'server-only';
import type { StaffPrincipal } from '@/lib/auth/roles';
import { decisionMessage, type LockedCase } from '@/lib/cases/case-transaction';
import type { Tx } from '@/lib/db';
import type { HoldBasis } from '@/lib/generated/prisma/enums';
import { enqueueDecision } from '@/lib/platform/outbox';

const DAY_MS = 86_400_000;

export type StartedHold = { holdId: string; startsAt: Date; expiresAt: Date };

/**
 * Starts a preservation hold on the case's account, inside the caller's case transaction: the hold
 * row, the account marked preserved (it stays up; a suspension in force stays in force) and the
 * platform's `account.preservation_hold` message with the hold's id, basis and end. The caller writes
 * the case action and the audit entry that say why.
 */
export async function startHold(
  tx: Tx,
  args: {
    kase: LockedCase;
    basis: HoldBasis;
    reasonCode: string;
    actor: StaffPrincipal | null;
    startsAt: Date;
    days: number;
    now: Date;
    approvalId?: string;
    referralId?: string;
  },
): Promise<StartedHold> {
  const { kase, basis, reasonCode, actor, startsAt, days, now } = args;
  const expiresAt = new Date(startsAt.getTime() + days * DAY_MS);
  // The account row is locked as release and expiry lock it, so its enforcement is decided by one at a time.
  await tx.$queryRaw`SELECT id FROM reported_accounts WHERE id = ${kase.accountId}::uuid FOR UPDATE`;
  const hold = await tx.preservationHold.create({
    data: {
      caseId: kase.id,
      accountId: kase.accountId,
      basis,
      reasonCode,
      approvalId: args.approvalId ?? null,
      referralId: args.referralId ?? null,
      startedById: actor?.id ?? null,
      startsAt,
      expiresAt,
    },
    select: { id: true },
  });
  await tx.reportedAccount.updateMany({ where: { id: kase.accountId, enforcement: 'none' }, data: { enforcement: 'preserved' } });
  await enqueueDecision(
    tx,
    await decisionMessage(tx, kase, 'account.preservation_hold', reasonCode, {
      holdId: hold.id,
      basis,
      startsAt: startsAt.toISOString(),
      expiresAt: expiresAt.toISOString(),
    }, now),
  );
  return { holdId: hold.id, startsAt, expiresAt };
}

/** Whether a hold is in force on the account now (any basis, any case). */
export async function holdInForce(tx: Tx, accountId: string, now: Date): Promise<boolean> {
  const hold = await tx.preservationHold.findFirst({
    where: { accountId, releasedAt: null, startsAt: { lte: now }, expiresAt: { gt: now } },
    select: { id: true },
  });
  return hold !== null;
}
