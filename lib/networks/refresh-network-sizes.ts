import 'server-only';
import type { Tx } from '@/lib/db';
import { Prisma } from '@/lib/generated/prisma/client';
import type { NewLink } from './make-links';

/** Arbitrary constant of the advisory lock that orders size refreshes (see refreshNetworkSizes). */
const SIZE_REFRESH_LOCK = 7_312_001;

/** The accounts one link away from `id` (a SQL expression of uuid), as a row set `(n)`. */
const neighbours = (id: Prisma.Sql) => Prisma.sql`(
  SELECT account_b_id AS n FROM account_links WHERE account_a_id = ${id}
  UNION ALL
  SELECT account_a_id FROM account_links WHERE account_b_id = ${id})`;

/**
 * Keeps `ReportedAccount.networkSize` (accounts within two links, itself included) and the copy on
 * each open case right, and marks those cases for rescoring (the "linked to suspended account"
 * part is computed at rescore).
 *
 * A new link a—b changes the two-hop neighbourhood of a, b and their neighbours only (a path
 * through the new link is at most two long from no one else), so those are recounted, with any
 * accounts queued for a retry and the batch's own accounts (a new case starts at size 1).
 *
 * Never waits on intake or a moderator: account and case rows are taken with SKIP LOCKED and the
 * ones another transaction holds are returned for the caller to queue again. Across workers the
 * recount is serialised by one transaction-scoped advisory lock taken just before it, so the last
 * worker to recount an account sees every link committed before it: two batches' links can never
 * leave a size that counts only one of them.
 */
export async function refreshNetworkSizes(
  tx: Tx,
  input: { newLinks: NewLink[]; refreshAccountIds: string[]; batchAccountIds: string[]; now: Date },
): Promise<{ resized: number; casesMarked: number; busyAccountIds: string[] }> {
  const ends = [...new Set(input.newLinks.flatMap((l) => [l.accountAId, l.accountBId]).concat(input.refreshAccountIds))];
  if (ends.length === 0 && input.batchAccountIds.length === 0) return { resized: 0, casesMarked: 0, busyAccountIds: [] };
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${SIZE_REFRESH_LOCK})`;

  // Recount: the ends and their neighbours (after the new links).
  const counted = ends.length === 0 ? [] : await tx.$queryRaw<{ id: string; changed: boolean; updated: boolean }[]>`
    WITH ends AS (SELECT unnest(${ends}::uuid[]) AS id),
    affected AS (
      SELECT id FROM ends
      UNION
      SELECT nb.n FROM ends e CROSS JOIN LATERAL ${neighbours(Prisma.sql`e.id`)} nb
    ),
    sized AS (
      SELECT f.id, (SELECT count(*) FROM (
               SELECT f.id AS n
               UNION SELECT n1.n FROM ${neighbours(Prisma.sql`f.id`)} n1
               UNION SELECT n2.n FROM ${neighbours(Prisma.sql`f.id`)} n1 CROSS JOIN LATERAL ${neighbours(Prisma.sql`n1.n`)} n2
             ) s)::int AS size
      FROM affected f
    ),
    changed AS (
      SELECT a.id, s.size FROM reported_accounts a JOIN sized s ON s.id = a.id WHERE a.network_size <> s.size
    ),
    locked AS (
      SELECT a.id FROM reported_accounts a WHERE a.id IN (SELECT id FROM changed) FOR NO KEY UPDATE OF a SKIP LOCKED
    ),
    updated AS (
      UPDATE reported_accounts a SET network_size = c.size FROM changed c
      WHERE a.id = c.id AND a.id IN (SELECT id FROM locked)
      RETURNING a.id
    )
    SELECT s.id::text, s.id IN (SELECT id FROM changed) AS changed, s.id IN (SELECT id FROM updated) AS updated
    FROM sized s`;
  const busy = counted.filter((c) => c.changed && !c.updated).map((c) => c.id);

  // Open cases: the copy of the size, and a rescore for those whose neighbourhood changed.
  const rescore = counted.filter((c) => !c.changed || c.updated).map((c) => c.id);
  const sync = [...new Set(input.batchAccountIds)];
  const cases = await tx.$queryRaw<{ account_id: string; updated: boolean }[]>`
    WITH wanted AS (
      SELECT c.id, c.account_id, a.network_size, c.account_id = ANY(${rescore}::uuid[]) AS rescore
      FROM cases c JOIN reported_accounts a ON a.id = c.account_id
      WHERE c.closed_at IS NULL AND c.account_id = ANY(${rescore.concat(sync)}::uuid[])
        AND (c.network_size <> a.network_size OR c.account_id = ANY(${rescore}::uuid[]))
    ),
    locked AS (SELECT c.id FROM cases c WHERE c.id IN (SELECT id FROM wanted) FOR NO KEY UPDATE OF c SKIP LOCKED),
    updated AS (
      UPDATE cases c SET network_size = w.network_size,
             rescore_at = CASE WHEN w.rescore THEN LEAST(coalesce(c.rescore_at, ${input.now}), ${input.now}) ELSE c.rescore_at END
      FROM wanted w WHERE c.id = w.id AND c.id IN (SELECT id FROM locked)
      RETURNING c.id
    )
    SELECT w.account_id::text, w.id IN (SELECT id FROM updated) AS updated FROM wanted w`;
  busy.push(...cases.filter((c) => !c.updated).map((c) => c.account_id));
  return {
    resized: counted.filter((c) => c.updated).length,
    casesMarked: cases.filter((c) => c.updated).length,
    busyAccountIds: [...new Set(busy)],
  };
}
