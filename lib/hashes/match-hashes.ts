import 'server-only';
import type { HashAlgorithm } from '@/lib/generated/prisma/enums';
import type { HashDb, KnownContentIndex } from './known-content-index';
import { parseHashString, type ParsedHash } from './parse-hash';

/** A report hash that matches an entry of an active list: the closest entry per (reportHash, list). */
export type KnownContentMatch = {
  /** The report's hash exactly as the platform sent it ("ALG:value"). */
  reportHash: string;
  listId: string;
  listName: string;
  algorithm: HashAlgorithm;
  entryId: bigint;
  entryLabel: string | null;
  /** Hamming distance for PDQ; 0 for the exact algorithms. */
  distance: number;
};

type EntryRow = { reportHash: string; listId: string; listName: string; algorithm: HashAlgorithm; entryId: bigint; entryLabel: string | null };

/**
 * Matches a report's `mediaHashes` against every active hash list. MD5, SHA-1, SHA-256 and
 * PhotoDNA by one SQL query on (algorithm, value); PDQ through the in-memory index with each
 * list's own pdqMaxDistance. Hashes that do not parse are ignored (intake already refused bad
 * ones). The index is refreshed first when a list changed (one small query otherwise), and every
 * PDQ hit is re-read from the database, so a list retired or replaced a moment ago never matches.
 */
export async function matchHashes(db: HashDb, index: KnownContentIndex, hashes: string[]): Promise<KnownContentMatch[]> {
  const exact: { reportHash: string; hash: ParsedHash }[] = [];
  const pdq: { reportHash: string; hash: ParsedHash }[] = [];
  for (const reportHash of new Set(hashes)) {
    const hash = parseHashString(reportHash);
    if (hash) (hash.algorithm === 'pdq' ? pdq : exact).push({ reportHash, hash });
  }
  const matches = exact.length > 0 ? await matchExact(db, exact) : [];
  if (pdq.length > 0) matches.push(...(await matchPdq(db, index, pdq)));
  return matches;
}

async function matchExact(db: HashDb, hashes: { reportHash: string; hash: ParsedHash }[]): Promise<KnownContentMatch[]> {
  const rows = await db.$queryRawUnsafe<EntryRow[]>(
    `SELECT DISTINCT ON (h.report_hash, e.list_id)
            h.report_hash AS "reportHash", e.list_id::text AS "listId", l.name AS "listName", e.algorithm::text AS algorithm,
            e.id AS "entryId", e.label AS "entryLabel"
       FROM unnest($1::text[], $2::text[], $3::text[]) AS h(report_hash, algorithm, value)
       JOIN hash_list_entries e ON e.algorithm = h.algorithm::"HashAlgorithm" AND e.value = h.value AND e.algorithm <> 'pdq'
       JOIN hash_lists l ON l.id = e.list_id AND l.status = 'active'
      ORDER BY h.report_hash, e.list_id, e.id`,
    hashes.map((h) => h.reportHash),
    hashes.map((h) => h.hash.algorithm),
    hashes.map((h) => h.hash.value),
  );
  return rows.map((row) => ({ ...row, entryId: BigInt(row.entryId), distance: 0 }));
}

async function matchPdq(db: HashDb, index: KnownContentIndex, hashes: { reportHash: string; hash: ParsedHash }[]): Promise<KnownContentMatch[]> {
  await index.refreshIfStale(db);
  const hits = hashes.flatMap(({ reportHash, hash }) => index.searchPdq(hash.value).map((hit) => ({ reportHash, ...hit })));
  if (hits.length === 0) return [];
  // The entry's label, and proof that the entry and its list are still live right now.
  const rows = await db.$queryRawUnsafe<{ entryId: bigint; listId: string; listName: string; entryLabel: string | null }[]>(
    `SELECT e.id AS "entryId", l.id::text AS "listId", l.name AS "listName", e.label AS "entryLabel"
       FROM hash_list_entries e JOIN hash_lists l ON l.id = e.list_id AND l.status = 'active'
      WHERE e.id = ANY($1::text[]::bigint[])`,
    [...new Set(hits.map((h) => h.entryId.toString()))],
  );
  const live = new Map(rows.map((row) => [BigInt(row.entryId), row]));
  return hits.flatMap((hit) => {
    const row = live.get(hit.entryId);
    if (!row || row.listId !== hit.list.id) return [];
    return [{ reportHash: hit.reportHash, listId: row.listId, listName: row.listName, algorithm: 'pdq' as const, entryId: hit.entryId, entryLabel: row.entryLabel, distance: hit.distance }];
  });
}
