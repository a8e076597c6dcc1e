import 'server-only';
import { writeAudit } from '@/lib/audit/write-audit';
import type { StaffPrincipal } from '@/lib/auth/roles';
import { LEASE_MS } from '@/lib/cases/case-transaction';
import type { ClaimedCase } from '@/lib/cases/types';
import { getPrisma } from '@/lib/db';

type Row = {
  id: string;
  caseNumber: bigint;
  version: number;
  leaseExpiresAt: Date;
  newlyClaimed: boolean;
  actionId: string | null;
  previousAssigneeId: string | null;
};

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
 *   its audit entry (case.claimed) commit together.
 *
 * The claim itself is one database function, tc_claim_next_case (migrations *_claim_procedure and
 * *_audit_keyed_entries). The audit entry is written by the application in the same transaction,
 * because its MAC covers what the function decided (which case, the action) and only the
 * application holds the key (docs/decisions/0014).
 *
 * Escalated cases and those awaiting approval are not in the queue: supervisors take them from their
 * own lists.
 */
export async function claimNextCase({ actor, now = new Date() }: { actor: StaffPrincipal; now?: Date }): Promise<ClaimedCase | null> {
  const leaseExpiresAt = new Date(now.getTime() + LEASE_MS);
  const leaseText = leaseExpiresAt.toISOString();
  return getPrisma().$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<Row[]>`
      SELECT claimed_id::text AS "id", claimed_number AS "caseNumber", claimed_version AS "version",
             claimed_lease AS "leaseExpiresAt", newly_claimed AS "newlyClaimed", action_id::text AS "actionId",
             previous_assignee_id::text AS "previousAssigneeId"
      FROM tc_claim_next_case(${actor.id}::uuid, ${now}::timestamptz, ${leaseExpiresAt}::timestamptz, ${leaseText}::text)`;
    if (!row) return null;
    if (row.newlyClaimed && row.actionId) {
      await writeAudit(
        tx,
        {
          event: 'case.claimed',
          caseId: row.id,
          payload: {
            from: row.previousAssigneeId === null ? 'open' : 'in_review',
            to: 'in_review',
            version: row.version,
            actionId: row.actionId,
            leaseExpiresAt: leaseText,
            previousAssigneeId: row.previousAssigneeId,
          },
        },
        { actor: { type: 'staff', id: actor.id }, entity: { type: 'case', id: row.id }, now },
      );
    }
    return toClaimed(row);
  });
}

function toClaimed(row: Row): ClaimedCase {
  return { caseId: row.id, caseNumber: String(row.caseNumber), version: row.version, leaseExpiresAt: row.leaseExpiresAt };
}
