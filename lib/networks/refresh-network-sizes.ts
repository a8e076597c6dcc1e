import 'server-only';
import type { Tx } from '@/lib/db';
import { Prisma, type PrismaClient } from '@/lib/generated/prisma/client';
import { claimSizeRefresh, queueSizeRefresh } from './link-queue';

/** Arbitrary constant of the advisory lock that lets one size refresh run at a time. */
const SIZE_REFRESH_LOCK = 7_312_001;

/** The accounts one link away from `id` (a SQL expression of uuid), as a row set `(n)`. */
const neighbours = (id: Prisma.Sql) => Prisma.sql`(
  SELECT account_b_id AS n FROM account_links WHERE account_a_id = ${id}
  UNION ALL
  SELECT account_a_id FROM account_links WHERE account_b_id = ${id})`;

/**
 * One batch of network-size upkeep, run by the worker after the link computation: recounts
 * `ReportedAccount.networkSize` (accounts within two links, itself included) around the accounts
 * queued for it (the ends of new links), copies it to their open cases and marks those cases for
 * rescoring (the "linked to suspended account" part is computed at rescore).
 *
 * A new link a—b changes the two-hop neighbourhood of a, b and their neighbours only (a path
 * through the new link is at most two long from no one else), so those are recounted.
 *
 * One refresh runs at a time (a transaction-scoped advisory lock; a second worker skips it), and it
 * claims its accounts after taking the lock, so every recount sees all links committed before it
 * and a later link's ends are queued for the next one: an older count never overwrites a newer.
 * It never waits on intake or a moderator: account and case rows are taken with SKIP LOCKED, and
 * those another transaction holds are queued again. Returns the accounts claimed (0: nothing to do).
 */
export async function refreshNetworkSizes(prisma: PrismaClient, options: { limit?: number; now?: Date } = {}): Promise<number> {
  const now = options.now ?? new Date();
  return prisma.$transaction(
    async (tx) => {
      const [lock] = await tx.$queryRaw<{ got: boolean }[]>`SELECT pg_try_advisory_xact_lock(${SIZE_REFRESH_LOCK}) AS got`;
      if (!lock?.got) return 0;
      const ends = await claimSizeRefresh(tx, options.limit ?? 2_000);
      if (ends.length === 0) return 0;

      const counted = await tx.$queryRaw<{ id: string; changed: boolean; updated: boolean }[]>`
        WITH ends AS (SELECT unnest(${ends}::uuid[]) AS id),
        affected AS (
          SELECT id FROM ends
          UNION
          SELECT nb.n FROM ends e CROSS JOIN LATERAL ${neighbours(Prisma.sql`e.id`)} nb
        ),
        n1 AS (SELECT DISTINCT f.id AS v, nb.n FROM affected f CROSS JOIN LATERAL ${neighbours(Prisma.sql`f.id`)} nb),
        mid AS (SELECT DISTINCT n FROM n1),
        mid_n AS (SELECT DISTINCT m.n AS m, nb.n FROM mid m CROSS JOIN LATERAL ${neighbours(Prisma.sql`m.n`)} nb),
        reach AS (
          SELECT id AS v, id AS x FROM affected
          UNION SELECT v, n FROM n1
          UNION SELECT n1.v, mn.n FROM n1 JOIN mid_n mn ON mn.m = n1.n
        ),
        sized AS (SELECT v AS id, count(*)::int AS size FROM reach GROUP BY v),
        changed AS (SELECT a.id, s.size FROM reported_accounts a JOIN sized s ON s.id = a.id WHERE a.network_size <> s.size),
        locked AS (SELECT a.id FROM reported_accounts a WHERE a.id IN (SELECT id FROM changed) FOR NO KEY UPDATE OF a SKIP LOCKED),
        updated AS (
          UPDATE reported_accounts a SET network_size = c.size FROM changed c
          WHERE a.id = c.id AND a.id IN (SELECT id FROM locked)
          RETURNING a.id
        )
        SELECT s.id::text, s.id IN (SELECT id FROM changed) AS changed, s.id IN (SELECT id FROM updated) AS updated
        FROM sized s`;
      const busy = counted.filter((c) => c.changed && !c.updated).map((c) => c.id);
      const done = counted.filter((c) => !c.changed || c.updated).map((c) => c.id);
      busy.push(...(await updateOpenCases(tx, done, { rescore: true, now })));
      await queueSizeRefresh(tx, busy);
      return ends.length;
    },
    { timeout: 60_000, maxWait: 10_000 },
  );
}

/**
 * Copies each account's network size to its open case (a new case starts at 1) and, with
 * `rescore`, marks those cases for rescoring. SKIP LOCKED: returns the accounts whose case another
 * transaction held, for the caller to queue again.
 */
export async function updateOpenCases(tx: Tx, accountIds: string[], options: { rescore: boolean; now: Date }): Promise<string[]> {
  if (accountIds.length === 0) return [];
  const { now } = options;
  const rows = await tx.$queryRaw<{ account_id: string; updated: boolean }[]>`
    WITH wanted AS (
      SELECT c.id, c.account_id, a.network_size FROM cases c JOIN reported_accounts a ON a.id = c.account_id
      WHERE c.closed_at IS NULL AND c.account_id = ANY(${accountIds}::uuid[])
        AND (${options.rescore} OR c.network_size <> a.network_size)
    ),
    locked AS (SELECT c.id FROM cases c WHERE c.id IN (SELECT id FROM wanted) FOR NO KEY UPDATE OF c SKIP LOCKED),
    updated AS (
      UPDATE cases c SET network_size = w.network_size,
             rescore_at = CASE WHEN ${options.rescore} THEN LEAST(coalesce(c.rescore_at, ${now}), ${now}) ELSE c.rescore_at END
      FROM wanted w WHERE c.id = w.id AND c.id IN (SELECT id FROM locked)
      RETURNING c.id
    )
    SELECT w.account_id::text, w.id IN (SELECT id FROM updated) AS updated FROM wanted w`;
  return rows.filter((r) => !r.updated).map((r) => r.account_id);
}
