import 'server-only';
import { writeAudit } from '@/lib/audit/write-audit';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import { rescoreCasesLinkedTo } from '@/lib/networks/rescore-linked-cases';

/**
 * Suspensions with an end date: once it passes, the account's recorded state returns to none (or to
 * preserved, while a preservation hold is in force on it).
 * The worker runs this; one audit entry records the batch.
 */
export async function endExpiredSuspensions(prisma: PrismaClient, now = new Date(), batchSize = 500): Promise<number> {
  return prisma.$transaction(async (tx) => {
    const due = await tx.$queryRaw<{ id: string }[]>`
      SELECT id::text FROM reported_accounts
      WHERE enforcement = 'suspended' AND suspended_until IS NOT NULL AND suspended_until <= ${now}
      ORDER BY suspended_until
      LIMIT ${batchSize}
      FOR UPDATE SKIP LOCKED`;
    if (due.length === 0) return 0;
    const accountIds = due.map((row) => row.id);
    await tx.$executeRaw`
      UPDATE reported_accounts a SET suspended_until = NULL,
        enforcement = CASE WHEN EXISTS (
          SELECT 1 FROM preservation_holds h
          WHERE h.account_id = a.id AND h.released_at IS NULL AND h.starts_at <= ${now} AND h.expires_at > ${now}
        ) THEN 'preserved'::"EnforcementState" ELSE 'none'::"EnforcementState" END
      WHERE a.id = ANY (${accountIds}::uuid[])`;
    await rescoreCasesLinkedTo(tx, accountIds);
    await writeAudit(tx, { event: 'account.suspensions_ended', payload: { accountIds } }, { actor: { type: 'system', id: 'worker' } });
    return due.length;
  });
}
