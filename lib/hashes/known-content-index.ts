import 'server-only';
import type pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import type { Tx } from '@/lib/db';
import { PDQ_WORDS, pdqWords, readPdqHex } from './pdq-bits';
import { PdqIndex, PdqIndexBuilder } from './pdq-index';
import { withPgConnection } from './pg-connection';

/** What the index needs of a database client: raw queries (a PrismaClient or a transaction). */
export type HashDb = Pick<Tx, '$queryRawUnsafe'>;

export type IndexedList = { id: string; name: string; generation: number; pdqMaxDistance: number };

/** The closest PDQ entry of one list within that list's own distance. */
export type PdqListHit = { list: IndexedList; entryId: bigint; distance: number };

type ActiveListRow = { id: string; name: string; generation: number; pdqMaxDistance: number; entryCount: number };

const ACTIVE_LISTS_SQL = `SELECT id::text AS id, name, generation, pdq_max_distance AS "pdqMaxDistance", entry_count AS "entryCount"
  FROM hash_lists WHERE status = 'active' ORDER BY id`;

function signatureOf(lists: { id: string; generation: number }[]): string {
  return lists.map((l) => `${l.id}:${l.generation}`).join(',');
}

/**
 * What a worker holds in memory to match reports' PDQ hashes against every active list: one
 * multi-index (lib/hashes/pdq-index.ts) over the PDQ entries of all active lists, and the lists'
 * generations when it was loaded. Every import, replace or retirement bumps a list's generation,
 * so `refreshIfStale` (one small query) notices and reloads; a retired list drops out on the next
 * refresh. Exact algorithms are not held here: they are matched by SQL on (algorithm, value).
 *
 * Loading streams the entries with COPY TO STDOUT inside one REPEATABLE READ snapshot, so the
 * entries and the generations read belong together and no query result holds the whole list.
 */
export class KnownContentIndex {
  private lists: IndexedList[] = [];
  private pdq: PdqIndex = new PdqIndexBuilder(0).build();
  private signature: string | null = null;
  private loading: Promise<boolean> | null = null;
  loadedAt: Date | null = null;

  /** Lists in the index (active when it was loaded). */
  get indexedLists(): readonly IndexedList[] {
    return this.lists;
  }

  /** The PDQ multi-index itself (for the benchmark's brute-force comparison). */
  get pdqIndex(): PdqIndex {
    return this.pdq;
  }

  get pdqEntryCount(): number {
    return this.pdq.size;
  }

  memoryBytes(): number {
    return this.pdq.memoryBytes();
  }

  /** Reloads when any active list's generation (or the set of active lists) changed. True when it reloaded. */
  async refreshIfStale(db: HashDb): Promise<boolean> {
    if (this.loading) return this.loading;
    const lists = await db.$queryRawUnsafe<ActiveListRow[]>(ACTIVE_LISTS_SQL);
    if (signatureOf(lists) === this.signature) return false;
    this.loading = this.reload().finally(() => {
      this.loading = null;
    });
    return this.loading;
  }

  /** Loads the active lists' PDQ entries afresh (DATABASE_URL unless a connection string is given). */
  async reload(connectionString?: string): Promise<boolean> {
    const { lists, pdq } = await withPgConnection(loadSnapshot, connectionString);
    this.lists = lists;
    this.pdq = pdq;
    this.signature = signatureOf(lists);
    this.loadedAt = new Date();
    return true;
  }

  /**
   * For one PDQ hash (64 hex digits), the closest entry of each indexed list within that list's
   * pdqMaxDistance (ties: the lowest entry ID).
   */
  searchPdq(hex: string): PdqListHit[] {
    if (this.lists.length === 0 || this.pdq.size === 0) return [];
    const maxDistance = Math.max(...this.lists.map((l) => l.pdqMaxDistance));
    const best = new Map<number, { entryId: number; distance: number }>();
    for (const hit of this.pdq.search(pdqWords(hex), maxDistance)) {
      const slot = this.pdq.slot(hit.index);
      if (hit.distance > this.lists[slot]!.pdqMaxDistance) continue;
      const entryId = this.pdq.entryId(hit.index);
      const current = best.get(slot);
      if (!current || hit.distance < current.distance || (hit.distance === current.distance && entryId < current.entryId)) {
        best.set(slot, { entryId, distance: hit.distance });
      }
    }
    return [...best].map(([slot, b]) => ({ list: this.lists[slot]!, entryId: BigInt(b.entryId), distance: b.distance }));
  }
}

async function loadSnapshot(client: pg.Client): Promise<{ lists: IndexedList[]; pdq: PdqIndex }> {
  await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  try {
    const { rows } = await client.query<ActiveListRow>(ACTIVE_LISTS_SQL);
    if (rows.length > 0xffff) throw new Error('More than 65,535 active hash lists');
    const builder = new PdqIndexBuilder(rows.reduce((sum, l) => sum + l.entryCount, 0));
    for (const [slot, list] of rows.entries()) await streamPdqEntries(client, list.id, slot, builder);
    await client.query('COMMIT');
    const lists = rows.map(({ id, name, generation, pdqMaxDistance }) => ({ id, name, generation, pdqMaxDistance }));
    return { lists, pdq: builder.build() };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/** COPY one list's PDQ entries out as `id<TAB>hex` lines and feed them to the builder, chunk by chunk. */
async function streamPdqEntries(client: pg.Client, listId: string, slot: number, builder: PdqIndexBuilder): Promise<void> {
  // COPY takes no parameters; the ID is a uuid read from the database a moment ago, quoted anyway.
  const sql = `COPY (SELECT id, value FROM hash_list_entries WHERE list_id = ${client.escapeLiteral(listId)}::uuid AND algorithm = 'pdq') TO STDOUT`;
  const stream = client.query(copyTo(sql));
  let rest: Buffer = Buffer.alloc(0);
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    const data = rest.length > 0 ? Buffer.concat([rest, chunk]) : chunk;
    let start = 0;
    for (let nl = data.indexOf(10, start); nl >= 0; nl = data.indexOf(10, start)) {
      addLine(data, start, nl, slot, builder);
      start = nl + 1;
    }
    rest = data.subarray(start);
  }
  if (rest.length > 0) addLine(rest, 0, rest.length, slot, builder);
}

function addLine(data: Buffer, start: number, end: number, slot: number, builder: PdqIndexBuilder): void {
  let id = 0;
  let at = start;
  for (; at < end && data[at] !== 9; at++) id = id * 10 + (data[at]! - 48);
  // Values were normalised at import (64 lower-case hex digits); anything else is skipped, not guessed at.
  if (end - (at + 1) !== PDQ_WORDS * 8) return;
  const offset = builder.reserve();
  if (readPdqHex(data, at + 1, builder.wordsBuffer, offset)) builder.commit(id, slot);
}
