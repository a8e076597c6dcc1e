import 'server-only';
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { AuditActor } from '@/lib/audit/events';
import { AppError } from '@/lib/errors';
import type { HashAlgorithm } from '@/lib/generated/prisma/enums';
import { LineProblems, readListFile, type LineProblem, type ListEntry } from './list-file';
import { inListTransaction, lockActiveList } from './list-transaction';
import { PDQ_DISTANCE_DEFAULT, type THashListImportInput } from './schema';

export type ImportContext = { actor: AuditActor; via: 'console' | 'cli'; importedById: string | null; requestId?: string | null };

export type ImportResult = {
  listId: string;
  importId: string;
  mode: 'create' | 'replace';
  entriesAdded: number;
  entriesRemoved: number;
  linesRejected: number;
  duplicatesDropped: number;
  algorithmCounts: Partial<Record<HashAlgorithm, number>>;
  /** The first refused lines, with line numbers (all of them are counted in linesRejected). */
  problems: LineProblem[];
  generation: number;
};

/** COPY text format: backslash is the only character a label may hold that COPY would read specially. */
function copyRow(listId: string, e: ListEntry): string {
  return `${listId}\t${e.algorithm}\t${e.value}\t${e.label === null ? '\\N' : e.label.replaceAll('\\', '\\\\')}\n`;
}

/**
 * What makes two lines the same entry: the algorithm and the exact value. Hex values are packed to
 * bytes, which halves the memory of a ten-million-hash import; other values (PhotoDNA base64) are
 * kept as written. The tags keep the two forms apart.
 */
function entryKey(e: ListEntry): string {
  return /^(?:[0-9a-f]{2})+$/.test(e.value) ? `h${e.algorithm}:${Buffer.from(e.value, 'hex').toString('latin1')}` : `t${e.algorithm}:${e.value}`;
}

/**
 * Imports a hash-list file as a new list or as the complete replacement of an existing one, in ONE
 * transaction: the entries are streamed with COPY into a temporary table, de-duplicated per
 * (algorithm, value) keeping the first line's label, and swapped in (a replacement deletes the old
 * entries in the same transaction, so a reader sees the old list or the new, never half of either).
 * The list's generation is bumped (workers reload their PDQ index), the import is recorded in the
 * history, and the audit entry is written, all before COMMIT. Lines that cannot be read are
 * counted and the first few reported; a file with no readable entry, or one that is not text, is
 * refused and nothing at all is changed.
 */
export async function importHashList(
  input: THashListImportInput,
  fileName: string,
  content: AsyncIterable<Uint8Array>,
  context: ImportContext,
): Promise<ImportResult> {
  const startedAt = new Date();
  const mode = input.replace ? 'replace' : 'create';
  return inListTransaction(async (client, audit) => {
    const list = mode === 'create' ? await createList(client, input) : await lockActiveList(client, input.name);
    const problems = new LineProblems();
    // A replacement's old entries go first, in this transaction: a refused file rolls it all back.
    const removed = mode === 'replace' ? (await client.query('DELETE FROM hash_list_entries WHERE list_id = $1::uuid', [list.id])).rowCount ?? 0 : 0;
    const { accepted, counts } = await copyEntries(client, list.id, content, fileName, problems);
    if (accepted === 0) {
      const first = problems.first.map((p) => `line ${p.line}: ${p.message}`).join('; ');
      throw new AppError('invalid_input', `No line of ${fileName} holds a hash we can read${first ? ` (${first})` : ' (the file is empty)'}. Nothing was imported.`);
    }
    const entriesAdded = Object.values(counts).reduce((sum, n) => sum + n, 0);
    const { rows } = await client.query<{ generation: number; source: string; category: THashListImportInput['category'] & string; pdqMaxDistance: number }>(
      `UPDATE hash_lists
          SET entry_count = $2, algorithm_counts = $3::jsonb, updated_at = now(),
              generation = CASE WHEN $4 THEN generation + 1 ELSE generation END,
              source = COALESCE($5, source), category = COALESCE($6::"HarmCategory", category),
              pdq_max_distance = COALESCE($7, pdq_max_distance)
        WHERE id = $1::uuid
    RETURNING generation, source, category::text AS category, pdq_max_distance AS "pdqMaxDistance"`,
      [list.id, entriesAdded, JSON.stringify(counts), mode === 'replace', input.source ?? null, input.category ?? null, input.pdqMaxDistance ?? null],
    );
    const updated = rows[0]!;
    const importId = randomUUID();
    await client.query(
      `INSERT INTO hash_list_imports (id, list_id, mode, file_name, entries_added, lines_rejected, imported_by_id, via, started_at)
       VALUES ($1::uuid, $2::uuid, $3::"HashListImportMode", $4, $5, $6, $7::uuid, $8, $9)`,
      [importId, list.id, mode, fileName, entriesAdded, problems.count, context.importedById, context.via, startedAt],
    );
    const payload = {
      listId: list.id,
      name: input.name,
      source: updated.source,
      category: updated.category,
      pdqMaxDistance: updated.pdqMaxDistance,
      importId,
      fileName,
      entriesAdded,
      linesRejected: problems.count,
      duplicatesDropped: accepted - entriesAdded,
      algorithmCounts: counts,
      generation: updated.generation,
      via: context.via,
    };
    const auditContext = { actor: context.actor, requestId: context.requestId, entity: { type: 'hash_list', id: list.id } };
    if (mode === 'create') await audit({ event: 'hashlist.created', payload }, auditContext);
    else await audit({ event: 'hashlist.replaced', payload: { ...payload, entriesRemoved: removed } }, auditContext);
    return { ...payload, mode, entriesRemoved: removed, problems: problems.first, generation: updated.generation };
  });
}

async function createList(client: pg.Client, input: THashListImportInput): Promise<{ id: string }> {
  // Names that differ only in letter case would look like one list on the page: the new one is
  // refused. (Two such creates racing each other can both pass; replace and retire name one exactly.)
  const lookAlike = await client.query<{ name: string }>('SELECT name FROM hash_lists WHERE lower(name) = lower($1) AND name <> $1 LIMIT 1', [input.name]);
  if (lookAlike.rows[0]) {
    throw new AppError('conflict', `A hash list named "${lookAlike.rows[0].name}" already exists, differing only in letter case; use that name, or another.`);
  }
  const { rows } = await client.query<{ id: string }>(
    `INSERT INTO hash_lists (id, name, source, category, pdq_max_distance, updated_at)
     VALUES ($1::uuid, $2, $3, $4::"HarmCategory", $5, now())
     ON CONFLICT (name) DO NOTHING RETURNING id::text AS id`,
    [randomUUID(), input.name, input.source, input.category, input.pdqMaxDistance ?? PDQ_DISTANCE_DEFAULT],
  );
  if (rows[0]) return rows[0];
  // A retired list keeps its name (its history and matches cite it), and "replace" refuses it too: say so.
  const taken = await client.query<{ status: string }>('SELECT status::text AS status FROM hash_lists WHERE name = $1', [input.name]);
  if (taken.rows[0]?.status === 'retired') throw new AppError('conflict', `A retired hash list is named "${input.name}"; a retired list's name is not reused. Import under a new name.`);
  throw new AppError('conflict', `A hash list named "${input.name}" already exists; choose "replace" to swap its entries, or another name.`);
}

/**
 * Streams the file's entries straight into the list with COPY, each (algorithm, value) once: the
 * first line wins and later duplicates are dropped here, so the database never sorts millions of
 * rows to de-duplicate them (that sort was most of a ten-million-hash import). Returns the lines
 * accepted and the entries written per algorithm.
 */
async function copyEntries(
  client: pg.Client,
  listId: string,
  content: AsyncIterable<Uint8Array>,
  fileName: string,
  problems: LineProblems,
): Promise<{ accepted: number; counts: Partial<Record<HashAlgorithm, number>> }> {
  const seen = new Set<string>();
  const counts: Partial<Record<HashAlgorithm, number>> = {};
  let accepted = 0;
  async function* rows(): AsyncGenerator<string> {
    for await (const batch of readListFile(content, fileName, problems)) {
      accepted += batch.length;
      let text = '';
      for (const entry of batch) {
        const key = entryKey(entry);
        if (seen.has(key)) continue;
        seen.add(key);
        counts[entry.algorithm] = (counts[entry.algorithm] ?? 0) + 1;
        text += copyRow(listId, entry);
      }
      if (text) yield text;
    }
  }
  await pipeline(Readable.from(rows()), client.query(copyFrom('COPY hash_list_entries (list_id, algorithm, value, label) FROM STDIN')));
  return { accepted, counts };
}
