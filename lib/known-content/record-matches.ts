import 'server-only';
import { writeAudit } from '@/lib/audit/write-audit';
import type { Tx } from '@/lib/db';
import type { KnownContentMatch } from '@/lib/hashes/match-hashes';

/** A list match found for one report's hash. */
export type FoundMatch = KnownContentMatch & { reportId: string; caseId: string };

/**
 * Records matches on their cases: a new match is inserted; an existing one is refreshed only when
 * its entry was removed (a replace) or the new entry is closer. What changed marks the case due for
 * rescoring (the known-content priority part) and is audited under the case, in this transaction.
 * Returns how many matches were new or changed.
 */
export async function recordMatches(tx: Tx, found: FoundMatch[], trigger: 'intake' | 'list_import'): Promise<number> {
  const closest = new Map<string, FoundMatch>();
  for (const match of found) {
    const key = `${match.reportId}|${match.reportHash}|${match.listId}`;
    const seen = closest.get(key);
    if (!seen || match.distance < seen.distance) closest.set(key, match);
  }
  const rows = [...closest.values()];
  if (rows.length === 0) return 0;

  const changed = await tx.$queryRaw<{ case_id: string; report_id: string; list_id: string; algorithm: string; distance: number }[]>`
    INSERT INTO case_hash_matches (id, case_id, report_id, list_id, entry_id, entry_label, algorithm, report_hash, distance)
    SELECT gen_random_uuid(), u.case_id, u.report_id, u.list_id, u.entry_id, u.entry_label, u.algorithm::"HashAlgorithm", u.report_hash, u.distance
    FROM unnest(${rows.map((r) => r.caseId)}::uuid[], ${rows.map((r) => r.reportId)}::uuid[], ${rows.map((r) => r.listId)}::uuid[],
                ${rows.map((r) => r.entryId.toString())}::bigint[], ${rows.map((r) => r.entryLabel)}::text[],
                ${rows.map((r) => r.algorithm)}::text[], ${rows.map((r) => r.reportHash)}::text[], ${rows.map((r) => r.distance)}::int[])
         AS u(case_id, report_id, list_id, entry_id, entry_label, algorithm, report_hash, distance)
    ON CONFLICT (report_id, report_hash, list_id) DO UPDATE
      SET entry_id = EXCLUDED.entry_id, entry_label = EXCLUDED.entry_label, distance = EXCLUDED.distance, matched_at = now()
      WHERE case_hash_matches.entry_id IS NULL OR case_hash_matches.distance > EXCLUDED.distance
    RETURNING case_id::text, report_id::text, list_id::text, algorithm::text, distance`;
  if (changed.length === 0) return 0;

  const caseIds = [...new Set(changed.map((c) => c.case_id))];
  await tx.$executeRaw`UPDATE cases SET rescore_at = now() WHERE id = ANY (${caseIds}::uuid[]) AND closed_at IS NULL`;
  const listNames = new Map(rows.map((r) => [r.listId, r.listName]));
  for (const caseId of caseIds) {
    const matches = changed
      .filter((c) => c.case_id === caseId)
      .map((c) => ({
        reportId: c.report_id,
        listId: c.list_id,
        listName: listNames.get(c.list_id) ?? '',
        algorithm: c.algorithm as KnownContentMatch['algorithm'],
        distance: c.distance,
      }));
    await writeAudit(tx, { event: 'known_content.matched', caseId, payload: { trigger, matches } }, { actor: { type: 'system', id: 'worker' } });
  }
  return changed.length;
}
