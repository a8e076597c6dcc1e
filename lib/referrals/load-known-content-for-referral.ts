import 'server-only';
import type { Tx } from '@/lib/db';
import type { ReferralKnownContent } from './types';

/**
 * The case's known-content matches a referral cites: only those a list still vouches for (the list
 * active, the entry still on it) and only for hashes the platform sent (hashes are accepted from
 * platforms only). Read in the preparing transaction, so they are frozen with the payload.
 */
export async function loadKnownContentForReferral(tx: Tx, caseId: string): Promise<ReferralKnownContent[]> {
  const rows = await tx.caseHashMatch.findMany({
    where: { caseId, entryId: { not: null }, list: { status: 'active' }, report: { apiClientId: { not: null } } },
    orderBy: [{ distance: 'asc' }, { matchedAt: 'asc' }, { id: 'asc' }],
    select: {
      algorithm: true,
      reportHash: true,
      distance: true,
      entryLabel: true,
      report: { select: { reference: true } },
      list: { select: { name: true, source: true, pdqMaxDistance: true } },
    },
  });
  return rows.map((row) => ({
    listName: row.list.name,
    listSource: row.list.source,
    algorithm: row.algorithm,
    reportHash: row.reportHash,
    reportReference: row.report.reference,
    distance: row.distance,
    threshold: row.algorithm === 'pdq' ? row.list.pdqMaxDistance : 0,
    entryLabel: row.entryLabel,
  }));
}
