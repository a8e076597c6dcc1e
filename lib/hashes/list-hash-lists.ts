import 'server-only';
import { getPrisma } from '@/lib/db';
import type { HashAlgorithm, HarmCategory } from '@/lib/generated/prisma/enums';
import { displayText } from '@/lib/security/display-text';

export type HashListRow = {
  id: string;
  /** The name as stored (what the retire action sends back); show `displayName`. */
  name: string;
  displayName: string;
  source: string;
  category: HarmCategory;
  status: 'active' | 'retired';
  entryCount: number;
  algorithmCounts: Partial<Record<HashAlgorithm, number>>;
  pdqMaxDistance: number;
  generation: number;
  retiredAt: string | null;
  lastImportAt: string | null;
};

export type HashListImportRow = {
  id: string;
  listName: string;
  mode: 'create' | 'replace';
  fileName: string;
  entriesAdded: number;
  linesRejected: number;
  via: string;
  importedBy: string | null;
  finishedAt: string;
};

/** The admin page's data: every list (active first) and the latest imports. Text shown is display-safe. */
export async function listHashLists({ historyLimit = 50 }: { historyLimit?: number } = {}): Promise<{ lists: HashListRow[]; imports: HashListImportRow[] }> {
  const prisma = getPrisma();
  const [lists, imports] = await Promise.all([
    prisma.hashList.findMany({
      orderBy: [{ status: 'asc' }, { name: 'asc' }],
      include: { imports: { orderBy: { finishedAt: 'desc' }, take: 1, select: { finishedAt: true } } },
    }),
    prisma.hashListImport.findMany({
      orderBy: { finishedAt: 'desc' },
      take: historyLimit,
      include: { list: { select: { name: true } }, importedBy: { select: { name: true } } },
    }),
  ]);
  return {
    lists: lists.map((l) => ({
      id: l.id,
      name: l.name,
      displayName: displayText(l.name),
      source: displayText(l.source),
      category: l.category,
      status: l.status,
      entryCount: l.entryCount,
      algorithmCounts: (l.algorithmCounts ?? {}) as HashListRow['algorithmCounts'],
      pdqMaxDistance: l.pdqMaxDistance,
      generation: l.generation,
      retiredAt: l.retiredAt?.toISOString() ?? null,
      lastImportAt: l.imports[0]?.finishedAt.toISOString() ?? null,
    })),
    imports: imports.map((i) => ({
      id: i.id,
      listName: displayText(i.list.name),
      mode: i.mode,
      fileName: displayText(i.fileName),
      entriesAdded: i.entriesAdded,
      linesRejected: i.linesRejected,
      via: i.via,
      importedBy: i.importedBy ? displayText(i.importedBy.name) : null,
      finishedAt: i.finishedAt.toISOString(),
    })),
  };
}
