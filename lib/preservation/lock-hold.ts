import 'server-only';
import type { StaffPrincipal } from '@/lib/auth/roles';
import { lockCase, type LockedCase } from '@/lib/cases/case-transaction';
import { getPrisma, type Tx } from '@/lib/db';
import { AppError } from '@/lib/errors';
import type { HoldBasis, HoldEndReason } from '@/lib/generated/prisma/enums';
import { HOLD_END_LABEL } from './hold-basis';

/** A hold row as the write side needs it, read under a row lock. */
export type LockedHold = {
  id: string;
  caseId: string;
  accountId: string;
  basis: HoldBasis;
  reasonCode: string;
  startsAt: Date;
  expiresAt: Date;
  extensions: number;
  releasedAt: Date | null;
  endReason: HoldEndReason | null;
};

/** Locks a hold's row until the transaction ends; not_found when there is none. */
export async function lockHold(tx: Tx, holdId: string): Promise<LockedHold> {
  const [row] = await tx.$queryRaw<LockedHold[]>`
    SELECT id::text AS "id", case_id::text AS "caseId", account_id::text AS "accountId", basis::text AS "basis",
           reason_code AS "reasonCode", starts_at AS "startsAt", expires_at AS "expiresAt", extensions,
           released_at AS "releasedAt", end_reason::text AS "endReason"
    FROM preservation_holds WHERE id = ${holdId}::uuid
    FOR UPDATE`;
  if (!row) throw new AppError('not_found', 'There is no such preservation hold.');
  return row;
}

/**
 * Runs a change to one hold in one transaction, locking the hold's case first (as every case change
 * does, so hold changes and case changes never deadlock), then the hold. The hold must still be in
 * force: an ended hold is a 409 that says how it ended.
 */
export async function withHoldChange<T>(
  holdId: string,
  apply: (ctx: { tx: Tx; kase: LockedCase; hold: LockedHold; now: Date }) => Promise<T>,
): Promise<T> {
  const prisma = getPrisma();
  const known = await prisma.preservationHold.findUnique({ where: { id: holdId }, select: { caseId: true } });
  if (!known) throw new AppError('not_found', 'There is no such preservation hold.');
  return prisma.$transaction(async (tx) => {
    const kase = await lockCase(tx, known.caseId);
    const hold = await lockHold(tx, holdId);
    assertInForce(hold);
    return apply({ tx, kase, hold, now: new Date() });
  });
}

export function assertInForce(hold: LockedHold): void {
  if (hold.releasedAt === null) return;
  const how = hold.endReason ? HOLD_END_LABEL[hold.endReason].toLowerCase() : 'ended';
  throw new AppError('conflict', `This hold has already ended (${how}); it can no longer be changed.`);
}

export const actorAudit = (actor: StaffPrincipal, holdId: string) => ({
  actor: { type: 'staff' as const, id: actor.id },
  entity: { type: 'preservation_hold', id: holdId },
});
