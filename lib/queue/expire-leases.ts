import 'server-only';
import { writeAudit } from '@/lib/audit/write-audit';
import type { PrismaClient } from '@/lib/generated/prisma/client';

type Expired = { id: string; assigneeId: string | null; leaseExpiresAt: Date; version: number };

/**
 * Returns cases whose claim lapsed to the queue (status open, no assignee), one batch per call; the
 * worker calls it every few seconds. Rows are locked with SKIP LOCKED, so a moderator acting on or
 * renewing a case at this moment is never blocked; the condition is re-checked under the lock, so a
 * lease renewed meanwhile is left alone. Each case gets a release action by the system and a
 * `case.lease_expired` audit entry, in the same transaction. Returns how many cases it released.
 */
export async function expireLeases(
  prisma: PrismaClient,
  options: { now?: Date; batchSize?: number } = {},
): Promise<number> {
  const now = options.now ?? new Date();
  return prisma.$transaction(async (tx) => {
    const expired = await tx.$queryRaw<Expired[]>`
      SELECT id::text AS "id", assignee_id::text AS "assigneeId", lease_expires_at AS "leaseExpiresAt", version
      FROM cases
      WHERE assignee_id IS NOT NULL AND status = 'in_review' AND closed_at IS NULL AND lease_expires_at <= ${now}
      ORDER BY lease_expires_at
      LIMIT ${options.batchSize ?? 200}
      FOR UPDATE SKIP LOCKED`;
    for (const kase of expired) {
      await tx.case.update({
        where: { id: kase.id },
        data: { status: 'open', assigneeId: null, leaseExpiresAt: null, version: { increment: 1 } },
      });
      const action = await tx.caseAction.create({
        data: {
          caseId: kase.id,
          actorId: null,
          type: 'release',
          reasonCode: 'lease_expired',
          details: { previousAssigneeId: kase.assigneeId, leaseExpiredAt: kase.leaseExpiresAt.toISOString() },
        },
        select: { id: true },
      });
      await writeAudit(
        tx,
        {
          event: 'case.lease_expired',
          caseId: kase.id,
          payload: {
            from: 'in_review',
            to: 'open',
            version: kase.version + 1,
            actionId: action.id,
            previousAssigneeId: kase.assigneeId,
            leaseExpiredAt: kase.leaseExpiresAt.toISOString(),
          },
        },
        { actor: { type: 'system', id: 'lease-expiry' }, entity: { type: 'case', id: kase.id } },
      );
    }
    return expired.length;
  });
}
