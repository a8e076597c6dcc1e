import 'server-only';
import { getPrisma } from '@/lib/db';
import type { HarmCategory, HashAlgorithm, HashListStatus } from '@/lib/generated/prisma/enums';

/** One known-content match of a case, as the case page shows it. Text only: the hash, never media. */
export type KnownContentMatchDTO = {
  id: string;
  listName: string;
  listSource: string;
  listCategory: HarmCategory;
  listStatus: HashListStatus;
  algorithm: HashAlgorithm;
  /** The hash the platform sent, "ALG:value". */
  reportHash: string;
  reportReference: string;
  distance: number;
  entryLabel: string | null;
  /** False once a replace removed the entry: the match is history and no longer scores. */
  entryStillListed: boolean;
  matchedAt: Date;
};

/** A case's known-content matches, closest first. */
export async function getCaseKnownContent(caseId: string): Promise<KnownContentMatchDTO[]> {
  const rows = await getPrisma().caseHashMatch.findMany({
    where: { caseId },
    orderBy: [{ distance: 'asc' }, { matchedAt: 'asc' }, { id: 'asc' }],
    take: 200,
    select: {
      id: true,
      algorithm: true,
      reportHash: true,
      distance: true,
      entryId: true,
      entryLabel: true,
      matchedAt: true,
      report: { select: { reference: true } },
      list: { select: { name: true, source: true, category: true, status: true } },
    },
  });
  return rows.map((row) => ({
    id: row.id,
    listName: row.list.name,
    listSource: row.list.source,
    listCategory: row.list.category,
    listStatus: row.list.status,
    algorithm: row.algorithm,
    reportHash: row.reportHash,
    reportReference: row.report.reference,
    distance: row.distance,
    entryLabel: row.entryLabel,
    entryStillListed: row.entryId !== null,
    matchedAt: row.matchedAt,
  }));
}
