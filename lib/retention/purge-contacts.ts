import 'server-only';
import { writeAudit } from '@/lib/audit/write-audit';
import type { PrismaClient } from '@/lib/generated/prisma/client';

const DAY_MS = 86_400_000;

/**
 * Retention: deletes reporters' contact details (report_contacts) once their case has been closed
 * for `retentionDays`, a batch per transaction, each batch audited as retention.contacts_purged
 * (report IDs and count) in that same transaction. Only the contact rows go: the reports, the case,
 * its actions and the audit log stay as they were. Safe with several workers (SKIP LOCKED).
 * Returns how many contacts were purged.
 */
export async function purgeExpiredContacts(
  prisma: PrismaClient,
  { retentionDays, now = new Date(), batchSize = 500 }: { retentionDays: number; now?: Date; batchSize?: number },
): Promise<number> {
  const cutoff = new Date(now.getTime() - retentionDays * DAY_MS);
  let total = 0;
  for (;;) {
    const purged = await prisma.$transaction(async (tx) => {
      const due = await tx.$queryRaw<{ reportId: string }[]>`
        SELECT rc.report_id::text AS "reportId"
        FROM report_contacts rc
        JOIN reports r ON r.id = rc.report_id
        JOIN cases c ON c.id = r.case_id
        WHERE c.closed_at IS NOT NULL AND c.closed_at <= ${cutoff}
        ORDER BY rc.report_id
        LIMIT ${batchSize}
        FOR UPDATE OF rc SKIP LOCKED`;
      if (due.length === 0) return 0;
      const reportIds = due.map((d) => d.reportId);
      const { count } = await tx.reportContact.deleteMany({ where: { reportId: { in: reportIds } } });
      if (count === 0) return 0;
      await writeAudit(
        tx,
        { event: 'retention.contacts_purged', payload: { reportIds, count, retentionDays } },
        { actor: { type: 'system', id: 'retention' } },
      );
      return count;
    });
    total += purged;
    if (purged < batchSize) return total;
  }
}
