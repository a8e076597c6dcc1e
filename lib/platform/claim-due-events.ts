import 'server-only';
import type { Tx } from '@/lib/db';
import { CLAIM_LEASE_SECONDS } from './delivery-policy';

export type ClaimedEvent = { id: bigint; attempt: number };

/**
 * Claims up to `limit` outbox events that are due for a webhook attempt: counts the attempt and
 * leases the row (next_attempt_at = now + lease) in one statement, so two workers never claim the
 * same event and an event whose worker died is claimed again when its lease ends.
 *
 * Per-case order: only the first undelivered event of each case (its "head") is eligible. Event
 * N+1 waits until N is delivered; a dead head holds its case's later events back until an admin
 * retries it, because delivering "reinstated" before "suspended" would leave the account wrong.
 * Rows commit in id order (lib/platform/outbox.ts), so a head is never overtaken by a late commit.
 */
export async function claimDueEvents(db: Pick<Tx, '$queryRawUnsafe'>, limit = 20, leaseSeconds = CLAIM_LEASE_SECONDS): Promise<ClaimedEvent[]> {
  const rows = await db.$queryRawUnsafe<{ id: bigint; attempts: number }[]>(
    `WITH heads AS (
       SELECT DISTINCT ON (case_id) id FROM outbox_events
       WHERE status IN ('pending', 'dead')
       ORDER BY case_id, id
     ), due AS (
       SELECT o.id FROM outbox_events o JOIN heads h ON h.id = o.id
       WHERE o.status = 'pending' AND o.next_attempt_at <= now()
       ORDER BY o.id LIMIT $1
       FOR UPDATE OF o SKIP LOCKED
     )
     UPDATE outbox_events o
        SET attempts = o.attempts + 1, next_attempt_at = now() + make_interval(secs => $2)
       FROM due WHERE o.id = due.id
     RETURNING o.id, o.attempts`,
    limit,
    leaseSeconds,
  );
  return rows.map((r) => ({ id: r.id, attempt: r.attempts })).sort((a, b) => (a.id < b.id ? -1 : 1));
}
