import 'server-only';
import { writeAudit } from '@/lib/audit/write-audit';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import type { HarmCategory } from '@/lib/generated/prisma/enums';
import { slaTargets } from '@/lib/reports/platform';
import { scoreCase, type SlaTargets } from './priority';

type DueCase = {
  id: string;
  categories: HarmCategory[];
  danger_now: boolean;
  distinct_reporters: number;
  last_reported_at: Date;
  sla_due_at: Date;
  priority_score: number;
  reports_last_hour: number;
  known_content: boolean;
  linked_to_suspended: boolean;
};

/**
 * Scores cases whose score is due: every case a report just joined (intake marks it due), a
 * known-content match or an account link was found for, or whose linked account's suspension
 * changed, and cases whose velocity or age part changes with time alone (rescore_at). One batch: rows locked
 * with SKIP LOCKED so intake never waits on it, scores computed by lib/queue/priority.ts from
 * fresh counts, written back in one statement, and the changed scores recorded in one audit entry.
 */
export async function rescoreDueCases(
  prisma: PrismaClient,
  options: { now?: Date; batchSize?: number; targets?: SlaTargets } = {},
): Promise<number> {
  const now = options.now ?? new Date();
  const targets = options.targets ?? slaTargets();
  return prisma.$transaction(async (tx) => {
    const hourAgo = new Date(now.getTime() - 3_600_000);
    const due = await tx.$queryRaw<DueCase[]>`
      SELECT c.id::text, c.categories::text[] AS categories, c.danger_now, c.distinct_reporters, c.last_reported_at,
             c.sla_due_at, c.priority_score,
             (SELECT count(*) FROM reports r WHERE r.case_id = c.id AND r.received_at > ${hourAgo})::int AS reports_last_hour,
             EXISTS (SELECT 1 FROM case_hash_matches m JOIN hash_lists l ON l.id = m.list_id
                     WHERE m.case_id = c.id AND m.entry_id IS NOT NULL AND l.status = 'active') AS known_content,
             (EXISTS (SELECT 1 FROM account_links k JOIN reported_accounts o ON o.id = k.account_b_id
                      WHERE k.account_a_id = c.account_id AND o.enforcement = 'suspended')
              OR EXISTS (SELECT 1 FROM account_links k JOIN reported_accounts o ON o.id = k.account_a_id
                         WHERE k.account_b_id = c.account_id AND o.enforcement = 'suspended')) AS linked_to_suspended
      FROM cases c
      WHERE c.closed_at IS NULL AND c.rescore_at <= ${now}
      ORDER BY c.rescore_at
      LIMIT ${options.batchSize ?? 1000}
      FOR UPDATE OF c SKIP LOCKED`;
    if (due.length === 0) return 0;

    const scored = due.map((row) => ({
      row,
      priority: scoreCase(
        {
          categories: row.categories,
          dangerNow: row.danger_now,
          distinctReporters: row.distinct_reporters,
          reportsLastHour: row.reports_last_hour,
          lastReportedAt: row.last_reported_at,
          slaDueAt: row.sla_due_at,
          now,
          knownContent: row.known_content,
          linkedToSuspended: row.linked_to_suspended,
        },
        targets,
      ),
    }));
    await tx.$executeRaw`
      UPDATE cases c SET priority_score = u.score, priority_parts = u.parts, severity = u.severity::"Severity",
             primary_category = u.primary_category::"HarmCategory", rescore_at = u.rescore_at
      FROM unnest(${scored.map((s) => s.row.id)}::uuid[], ${scored.map((s) => s.priority.score)}::int[],
                  ${scored.map((s) => JSON.stringify(s.priority.parts))}::jsonb[], ${scored.map((s) => s.priority.severity)}::text[],
                  ${scored.map((s) => s.priority.primaryCategory)}::text[],
                  ${scored.map((s) => s.priority.rescoreAt)}::timestamptz[])
           AS u(id, score, parts, severity, primary_category, rescore_at)
      WHERE c.id = u.id`;

    const changes = scored
      .filter((s) => s.priority.score !== s.row.priority_score)
      .map((s) => ({ caseId: s.row.id, from: s.row.priority_score, to: s.priority.score }));
    if (changes.length > 0) {
      await writeAudit(tx, { event: 'queue.rescored', payload: { changes } }, { actor: { type: 'system', id: 'worker' } });
    }
    return due.length;
  });
}
