import 'server-only';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import type { KnownContentIndex } from '@/lib/hashes/known-content-index';
import { matchHashes } from '@/lib/hashes/match-hashes';
import { recordMatches, type FoundMatch } from './record-matches';

/**
 * One batch of reports that arrived with media hashes (queued by the intake procedure): each report's
 * hashes are matched against the active lists, matches recorded on the case, and the reports taken
 * off the queue, in one transaction. Rows are claimed with SKIP LOCKED, so intake never waits on
 * this and two workers share the queue without matching a report twice. Returns how many reports
 * were checked. Matching happens here, not in the intake transaction, so intake keeps its speed
 * (docs/decisions/0016-known-content-matching.md).
 */
export async function matchQueuedReports(prisma: PrismaClient, index: KnownContentIndex, options: { batchSize?: number } = {}): Promise<number> {
  await index.refreshIfStale(prisma);
  return prisma.$transaction(
    async (tx) => {
      const queued = await tx.$queryRaw<{ report_id: string; case_id: string; media_hashes: string[] }[]>`
        SELECT q.report_id::text, r.case_id::text, r.media_hashes
        FROM known_content_checks q JOIN reports r ON r.id = q.report_id
        ORDER BY q.enqueued_at, q.report_id
        LIMIT ${options.batchSize ?? 200}
        FOR UPDATE OF q SKIP LOCKED`;
      if (queued.length === 0) return 0;
      const found: FoundMatch[] = [];
      for (const report of queued) {
        for (const match of await matchHashes(tx, index, report.media_hashes)) found.push({ ...match, reportId: report.report_id, caseId: report.case_id });
      }
      await recordMatches(tx, found, 'intake');
      await tx.$executeRaw`DELETE FROM known_content_checks WHERE report_id = ANY (${queued.map((q) => q.report_id)}::uuid[])`;
      return queued.length;
    },
    { timeout: 60_000 },
  );
}
