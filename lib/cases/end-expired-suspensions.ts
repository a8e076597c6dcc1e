import 'server-only';
import { writeAudit } from '@/lib/audit/write-audit';
import type { PrismaClient } from '@/lib/generated/prisma/client';

/**
 * Suspensions with an end date: once it passes, the account's recorded state returns to none.
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
      UPDATE reported_accounts SET enforcement = 'none', suspended_until = NULL WHERE id = ANY (${accountIds}::uuid[])`;
    await writeAudit(tx, { event: 'account.suspensions_ended', payload: { accountIds } }, { actor: { type: 'system', id: 'worker' } });
    return due.length;
  });
}
