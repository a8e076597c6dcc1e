import 'server-only';
import { writeAudit } from '@/lib/audit/write-audit';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import type { HarmCategory } from '@/lib/generated/prisma/enums';
import { slaTargets } from '@/lib/reports/platform';
import { scoreCase } from './priority';

type DueCase = {
  id: string;
  categories: HarmCategory[];
  danger_now: boolean;
  distinct_reporters: number;
  last_reported_at: Date;
  sla_due_at: Date;
  priority_score: number;
  reports_last_hour: number;
};

/**
 * Velocity and age change with time alone; each case carries the moment its score next changes
 * (rescore_at). This refreshes a batch of cases that reached it, skipping rows another transaction
 * holds, and records the batch in one audit entry.
 */
export async function rescoreDueCases(prisma: PrismaClient, now = new Date(), batchSize = 500): Promise<number> {
  return prisma.$transaction(async (tx) => {
    const hourAgo = new Date(now.getTime() - 3_600_000);
    const due = await tx.$queryRaw<DueCase[]>`
      SELECT c.id::text, c.categories::text[] AS categories, c.danger_now, c.distinct_reporters, c.last_reported_at,
             c.sla_due_at, c.priority_score,
             (SELECT count(*) FROM reports r WHERE r.case_id = c.id AND r.received_at > ${hourAgo})::int AS reports_last_hour
      FROM cases c
      WHERE c.closed_at IS NULL AND c.rescore_at <= ${now}
      ORDER BY c.rescore_at
      LIMIT ${batchSize}
      FOR UPDATE OF c SKIP LOCKED`;
    if (due.length === 0) return 0;

    const targets = slaTargets();
    const changes: { caseId: string; from: number; to: number }[] = [];
    for (const row of due) {
      const priority = scoreCase(
        {
          categories: row.categories,
          dangerNow: row.danger_now,
          distinctReporters: row.distinct_reporters,
          reportsLastHour: row.reports_last_hour,
          lastReportedAt: row.last_reported_at,
          slaDueAt: row.sla_due_at,
          now,
        },
        targets,
      );
      await tx.$executeRaw`
        UPDATE cases SET priority_score = ${priority.score}, priority_parts = ${JSON.stringify(priority.parts)}::jsonb,
               rescore_at = ${priority.rescoreAt}
        WHERE id = ${row.id}::uuid`;
      if (priority.score !== row.priority_score) changes.push({ caseId: row.id, from: row.priority_score, to: priority.score });
    }
    if (changes.length > 0) {
      await writeAudit(tx, { event: 'queue.rescored', payload: { changes } }, { actor: { type: 'system', id: 'worker' } });
    }
    return due.length;
  });
}
