import 'server-only';
import type { StaffPrincipal } from '@/lib/auth/roles';
import { assertTransition, LEASE_MS, lockCase } from '@/lib/cases/case-transaction';
import { recordCaseAction } from '@/lib/cases/record-case-action';
import type { ClaimedCase } from '@/lib/cases/types';
import { getPrisma, type Tx } from '@/lib/db';
import { AppError } from '@/lib/errors';

export type TakenCase = ClaimedCase & {
  /** False when the moderator already held this very case (nothing was written). */
  newlyClaimed: boolean;
};

/**
 * "Take this case": claims one chosen case, with the rules of Next case (claimNextCase and the
 * tc_claim_next_case function):
 *
 * - One live claim per person. The same per-moderator advisory lock as Next case serialises this
 *   person's claims; if they already hold another case with an unexpired lease, the take is refused
 *   and names that case (Next case would hand it back instead of a second one). Taking the case they
 *   already hold returns it unchanged.
 * - The case must be open, or in review under a lapsed lease (taken over, as Next case does). The
 *   row is locked FOR UPDATE before it is checked, so of two simultaneous takes the second waits,
 *   then sees the first one's live claim and is refused: two people never hold one case.
 * - The claim (assignee, a 15-minute lease, in_review, version + 1), its case_actions row and its
 *   case.claimed audit entry commit together (recordCaseAction).
 *
 * No expected version: taking decides nothing about the case's content, and whether it may be taken
 * is decided here, under the row lock, from its current state.
 */
export async function takeCase({ caseId, actor, now = new Date() }: { caseId: string; actor: StaffPrincipal; now?: Date }): Promise<TakenCase> {
  const leaseExpiresAt = new Date(now.getTime() + LEASE_MS);
  const leaseText = leaseExpiresAt.toISOString();
  return getPrisma().$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`claim:${actor.id}`}, 0))`;
    const held = await heldClaim(tx, actor.id, now);
    if (held && held.id !== caseId) {
      throw new AppError('conflict', `You already hold case #${held.caseNumber}. Finish or release it before taking another.`);
    }

    const kase = await lockCase(tx, caseId);
    if (held) return { caseId, caseNumber: String(kase.caseNumber), version: kase.version, leaseExpiresAt: kase.leaseExpiresAt!, newlyClaimed: false };
    if (kase.status === 'in_review' && kase.leaseExpiresAt !== null && kase.leaseExpiresAt > now) {
      throw new AppError('conflict', 'Someone else holds this case now. Reload to see who.');
    }
    const to = assertTransition(kase, 'claim', actor);
    const previousAssigneeId = kase.status === 'in_review' ? kase.assigneeId : null;
    const { version } = await recordCaseAction(
      { tx, kase, to, now, actor },
      {
        action: { type: 'claim', details: { leaseExpiresAt: leaseText, previousAssigneeId } },
        caseUpdate: { status: to, assigneeId: actor.id, leaseExpiresAt, version: { increment: 1 } },
        audit: { event: 'case.claimed', payload: { leaseExpiresAt: leaseText, previousAssigneeId } },
      },
    );
    return { caseId, caseNumber: String(kase.caseNumber), version, leaseExpiresAt, newlyClaimed: true };
  });
}

/** The case this person holds under an unexpired lease, as tc_claim_next_case defines a held claim. */
async function heldClaim(tx: Tx, actorId: string, now: Date): Promise<{ id: string; caseNumber: bigint } | null> {
  const rows = await tx.$queryRaw<{ id: string; caseNumber: bigint }[]>`
    SELECT id::text AS "id", case_number AS "caseNumber" FROM cases
    WHERE assignee_id = ${actorId}::uuid AND status = 'in_review' AND closed_at IS NULL AND lease_expires_at > ${now}
    ORDER BY lease_expires_at DESC
    LIMIT 1`;
  return rows[0] ?? null;
}
