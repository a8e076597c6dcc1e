import 'server-only';
import { writeAudit } from '@/lib/audit/write-audit';
import type { StaffPrincipal } from '@/lib/auth/roles';
import { LEASE_MS, staffAudit } from '@/lib/cases/case-transaction';
import type { ClaimedCase } from '@/lib/cases/types';
import { getPrisma } from '@/lib/db';

type Row = { id: string; caseNumber: bigint; version: number; leaseExpiresAt: Date; assigneeId: string | null };

/**
 * Gives the moderator the next case to work on, or null when the queue is empty.
 *
 * - A moderator who already holds an unexpired claim gets that case back, not a second one. A
 *   per-moderator advisory lock makes this hold even for two simultaneous calls from one person.
 * - Otherwise the highest-priority claimable case (priority_score DESC, sla_due_at, id; the order of
 *   the `cases_queue_order` index) that is open, or in review under an expired lease, is locked with
 *   FOR UPDATE SKIP LOCKED: concurrent moderators skip each other's rows instead of waiting, and a
 *   row can only be claimed by the transaction holding its lock, so no two get the same case.
 * - The claim (assignee, a 15-minute lease, status in_review, version + 1), its case_actions row and
 *   its audit entry commit together.
 *
 * Escalated cases and those awaiting approval are not in the queue: supervisors take them from their
 * own lists.
 */
export async function claimNextCase({ actor, now = new Date() }: { actor: StaffPrincipal; now?: Date }): Promise<ClaimedCase | null> {
  return getPrisma().$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`claim:${actor.id}`}, 0))`;

    const [held] = await tx.$queryRaw<Row[]>`
      SELECT id::text AS "id", case_number AS "caseNumber", version, lease_expires_at AS "leaseExpiresAt",
             assignee_id::text AS "assigneeId"
      FROM cases
      WHERE assignee_id = ${actor.id}::uuid AND status = 'in_review' AND closed_at IS NULL AND lease_expires_at > ${now}
      ORDER BY lease_expires_at DESC
      LIMIT 1`;
    if (held) return toClaimed(held);

    const [next] = await tx.$queryRaw<Row[]>`
      SELECT id::text AS "id", case_number AS "caseNumber", version, lease_expires_at AS "leaseExpiresAt",
             assignee_id::text AS "assigneeId"
      FROM cases
      WHERE closed_at IS NULL
        AND (status = 'open' OR (status = 'in_review' AND lease_expires_at <= ${now}))
      ORDER BY priority_score DESC, sla_due_at ASC, id
      LIMIT 1
      FOR UPDATE SKIP LOCKED`;
    if (!next) return null;

    const leaseExpiresAt = new Date(now.getTime() + LEASE_MS);
    const from = next.assigneeId ? 'in_review' : 'open';
    const updated = await tx.case.update({
      where: { id: next.id },
      data: { assigneeId: actor.id, leaseExpiresAt, status: 'in_review', version: { increment: 1 } },
      select: { version: true },
    });
    const action = await tx.caseAction.create({
      data: {
        caseId: next.id,
        actorId: actor.id,
        type: 'claim',
        details: { leaseExpiresAt: leaseExpiresAt.toISOString(), previousAssigneeId: next.assigneeId },
      },
      select: { id: true },
    });
    await writeAudit(
      tx,
      {
        event: 'case.claimed',
        caseId: next.id,
        payload: {
          from,
          to: 'in_review',
          version: updated.version,
          actionId: action.id,
          leaseExpiresAt: leaseExpiresAt.toISOString(),
          previousAssigneeId: next.assigneeId,
        },
      },
      staffAudit(actor, next.id),
    );
    return toClaimed({ ...next, version: updated.version, leaseExpiresAt });
  });
}

function toClaimed(row: Row): ClaimedCase {
  return { caseId: row.id, caseNumber: String(row.caseNumber), version: row.version, leaseExpiresAt: row.leaseExpiresAt };
}
