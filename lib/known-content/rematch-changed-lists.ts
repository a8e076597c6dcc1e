import 'server-only';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import type { KnownContentIndex } from '@/lib/hashes/known-content-index';
import { matchHashes } from '@/lib/hashes/match-hashes';
import { withLease } from '@/lib/worker/lease';
import { recordMatches, type FoundMatch } from './record-matches';

/** Longer than a rematch of millions of reports takes; a crashed worker's lease frees itself after it. */
const REMATCH_LEASE_MS = 15 * 60_000;

type ChangedList = { id: string; status: 'active' | 'retired'; generation: number };

/**
 * A list was imported, replaced or retired since open cases were last matched against it
 * (hash_lists.generation > matched_generation): the reports of every open case that carry hashes are
 * matched against that list again, in batches, and the list marked as matched at the generation
 * read before the index refreshed. A retired list finds nothing new; its cases are rescored so
 * their known-content part goes. One worker at a time per list (a lease); recording a match is
 * idempotent besides. Returns how many lists this call brought up to date.
 */
export async function rematchChangedLists(prisma: PrismaClient, index: KnownContentIndex, options: { batchSize?: number } = {}): Promise<number> {
  const lists = await prisma.$queryRaw<ChangedList[]>`
    SELECT id::text, status::text AS status, generation FROM hash_lists WHERE matched_generation < generation ORDER BY updated_at, id`;
  if (lists.length === 0) return 0;
  await index.refreshIfStale(prisma);
  let done = 0;
  for (const list of lists) {
    // One worker rematches a list at a time (a lease: the work spans many transactions); the one
    // that gets the lease after another finished finds the list up to date and skips it.
    const rematched = await withLease(prisma, `rematch-list:${list.id}`, REMATCH_LEASE_MS, async () => {
      const [still] = await prisma.$queryRaw<{ due: boolean }[]>`
        SELECT matched_generation < ${list.generation} AS due FROM hash_lists WHERE id = ${list.id}::uuid`;
      if (!still?.due) return false;
      if (list.status === 'active') await rematchOpenCases(prisma, index, list.id, options.batchSize ?? 500);
      await prisma.$transaction(async (tx) => {
        if (list.status === 'retired') {
          await tx.$executeRaw`
            UPDATE cases SET rescore_at = now()
            WHERE closed_at IS NULL AND id IN (SELECT case_id FROM case_hash_matches WHERE list_id = ${list.id}::uuid)`;
        }
        await tx.$executeRaw`
          UPDATE hash_lists SET matched_generation = GREATEST(matched_generation, ${list.generation}) WHERE id = ${list.id}::uuid`;
      });
      return true;
    });
    if (rematched) done += 1;
  }
  return done;
}

async function rematchOpenCases(prisma: PrismaClient, index: KnownContentIndex, listId: string, batchSize: number): Promise<void> {
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const reports = await prisma.$queryRaw<{ id: string; case_id: string; media_hashes: string[] }[]>`
      SELECT r.id::text, r.case_id::text, r.media_hashes
      FROM reports r JOIN cases c ON c.id = r.case_id
      WHERE c.closed_at IS NULL AND cardinality(r.media_hashes) > 0 AND r.id > ${after}::uuid
      ORDER BY r.id
      LIMIT ${batchSize}`;
    if (reports.length === 0) return;
    after = reports[reports.length - 1]!.id;
    await prisma.$transaction(
      async (tx) => {
        const found: FoundMatch[] = [];
        for (const report of reports) {
          for (const match of await matchHashes(tx, index, report.media_hashes)) {
            if (match.listId === listId) found.push({ ...match, reportId: report.id, caseId: report.case_id });
          }
        }
        await recordMatches(tx, found, 'list_import');
      },
      { timeout: 60_000 },
    );
  }
}
