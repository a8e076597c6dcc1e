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
  // Six round trips (BEGIN, lock, held claim, claim, audit, COMMIT): the claim's select, update and
  // action row are one statement, since every moderator pressing "Next" waits on this. The lock is
  // its own statement so that the held-claim query's snapshot starts after the lock is granted.
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

    const leaseExpiresAt = new Date(now.getTime() + LEASE_MS);
    const [claimed] = await tx.$queryRaw<(Row & { actionId: string; previousAssigneeId: string | null })[]>`
      WITH next AS (
        SELECT id, assignee_id FROM cases
        WHERE closed_at IS NULL
          AND (status = 'open' OR (status = 'in_review' AND lease_expires_at <= ${now}))
        ORDER BY priority_score DESC, sla_due_at ASC, id
        LIMIT 1
        FOR UPDATE SKIP LOCKED
      ), claimed AS (
        UPDATE cases c SET assignee_id = ${actor.id}::uuid, lease_expires_at = ${leaseExpiresAt}, status = 'in_review',
               version = c.version + 1, updated_at = ${now}
        FROM next WHERE c.id = next.id
        RETURNING c.id, c.case_number, c.version, next.assignee_id AS previous_assignee_id
      ), action AS (
        INSERT INTO case_actions (id, case_id, actor_id, type, details, created_at)
        SELECT gen_random_uuid(), claimed.id, ${actor.id}::uuid, 'claim',
               jsonb_build_object('leaseExpiresAt', ${leaseExpiresAt.toISOString()}::text,
                                  'previousAssigneeId', claimed.previous_assignee_id::text),
               ${now}
        FROM claimed
        RETURNING id, case_id
      )
      SELECT claimed.id::text AS "id", claimed.case_number AS "caseNumber", claimed.version,
             ${leaseExpiresAt}::timestamptz AS "leaseExpiresAt", claimed.previous_assignee_id::text AS "assigneeId",
             claimed.previous_assignee_id::text AS "previousAssigneeId", action.id::text AS "actionId"
      FROM claimed JOIN action ON action.case_id = claimed.id`;
    if (!claimed) return null;

    await writeAudit(
      tx,
      {
        event: 'case.claimed',
        caseId: claimed.id,
        payload: {
          from: claimed.previousAssigneeId ? 'in_review' : 'open',
          to: 'in_review',
          version: claimed.version,
          actionId: claimed.actionId,
          leaseExpiresAt: leaseExpiresAt.toISOString(),
          previousAssigneeId: claimed.previousAssigneeId,
        },
      },
      staffAudit(actor, claimed.id),
    );
    return toClaimed({ ...claimed, leaseExpiresAt });
  });
}

function toClaimed(row: Row): ClaimedCase {
  return { caseId: row.id, caseNumber: String(row.caseNumber), version: row.version, leaseExpiresAt: row.leaseExpiresAt };
}
