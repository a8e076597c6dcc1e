import { describe, expect, it } from 'vitest';
import { getPrisma } from '@/lib/db';
import { importHashList, type ImportContext } from '@/lib/hashes/import-hash-list';
import { KnownContentIndex } from '@/lib/hashes/known-content-index';
import { matchHashes } from '@/lib/hashes/match-hashes';
import { retireHashList } from '@/lib/hashes/retire-hash-list';
import { ZHashListImportInput } from '@/lib/hashes/schema';

const prisma = getPrisma();
const cli: ImportContext = { actor: { type: 'system', id: 'cli' }, via: 'cli', importedById: null };

async function* bytes(text: string): AsyncGenerator<Uint8Array> {
  yield Buffer.from(text);
}

/** `base` with its first `bits` bits flipped (distance exactly `bits`). */
function near(base: string, bits: number): string {
  const words = base.match(/.{8}/g)!.map((w) => parseInt(w, 16) >>> 0);
  for (let b = 0; b < bits; b++) words[b >> 5] = (words[b >> 5]! ^ (1 << (31 - (b & 31)))) >>> 0;
  return words.map((w) => w.toString(16).padStart(8, '0')).join('');
}

const base = 'a5'.repeat(32);
const other = '3c'.repeat(32);
const md5 = 'd41d8cd98f00b204e9800998ecf8427e';

async function list(name: string, lines: string[], pdqMaxDistance?: number) {
  const input = ZHashListImportInput.parse({ name, source: 'Test', category: 'child_sexual_imagery', pdqMaxDistance, replace: false });
  return importHashList(input, `${name}.jsonl`, bytes(lines.map((l) => JSON.stringify(l.includes('|') ? { hash: l.split('|')[0], label: l.split('|')[1] } : { hash: l })).join('\n')), cli);
}

describe('matchHashes against the active lists', () => {
  it('matches exact algorithms by value and PDQ within each list’s own distance, closest entry per list', async () => {
    const wide = await list('wide', [`PDQ:${near(base, 30)}|thirty`, `PDQ:${near(base, 12)}|twelve`, `MD5:${md5}|empty file`], 31);
    const narrow = await list('narrow', [`PDQ:${near(base, 12)}|narrow twelve`, `PDQ:${near(other, 3)}`], 10);
    await list('unrelated', [`SHA256:${'0'.repeat(64)}`]);
    const index = new KnownContentIndex();

    const reportHashes = [`PDQ:${base}`, `md5:${md5.toUpperCase()}`, `PDQ:${other}`, 'PDQ:nothex', 'ROT13:abc'];
    const matches = await matchHashes(prisma, index, reportHashes);
    const byKey = Object.fromEntries(matches.map((m) => [`${m.listName}|${m.reportHash}`, m]));
    expect(Object.keys(byKey).sort()).toEqual(['narrow|PDQ:' + other, `wide|PDQ:${base}`, `wide|md5:${md5.toUpperCase()}`].sort());
    expect(byKey[`wide|PDQ:${base}`]).toMatchObject({ listId: wide.listId, algorithm: 'pdq', distance: 12, entryLabel: 'twelve' });
    expect(byKey[`wide|md5:${md5.toUpperCase()}`]).toMatchObject({ algorithm: 'md5', distance: 0, entryLabel: 'empty file' });
    expect(typeof byKey[`wide|PDQ:${base}`]!.entryId).toBe('bigint');
    // narrow's twelve-bit neighbour is beyond its distance of 10; its three-bit one is within.
    expect(byKey[`narrow|PDQ:${other}`]).toMatchObject({ listId: narrow.listId, distance: 3, entryLabel: null });
  });

  it('stops matching a retired list at once and picks up a replaced list on the next call', async () => {
    await list('short-lived', [`PDQ:${near(base, 5)}`, `SHA1:${'ab'.repeat(20)}`]);
    const index = new KnownContentIndex();
    const hashes = [`PDQ:${base}`, `SHA-1:${'ab'.repeat(20)}`];
    const before = (await matchHashes(prisma, index, hashes)).filter((m) => m.listName === 'short-lived');
    expect(before.map((m) => [m.algorithm, m.distance]).sort()).toEqual([
      ['pdq', 5],
      ['sha1', 0],
    ]);

    const input = ZHashListImportInput.parse({ name: 'short-lived', replace: true });
    await importHashList(input, 'v2.csv', bytes(`PDQ:${near(base, 2)},closer`), cli);
    const replaced = (await matchHashes(prisma, index, hashes)).filter((m) => m.listName === 'short-lived');
    expect(replaced).toEqual([expect.objectContaining({ algorithm: 'pdq', distance: 2, entryLabel: 'closer' })]);

    await retireHashList('short-lived', { actor: { type: 'system' }, via: 'cli' });
    expect((await matchHashes(prisma, index, hashes)).filter((m) => m.listName === 'short-lived')).toEqual([]);
    expect(index.indexedLists.some((l) => l.name === 'short-lived')).toBe(false);
  });

  it('reloads only when a generation changed', async () => {
    const index = new KnownContentIndex();
    expect(await index.refreshIfStale(prisma)).toBe(true);
    expect(await index.refreshIfStale(prisma)).toBe(false);
    await list('fresh', [`PDQ:${near(other, 1)}`]);
    expect(await index.refreshIfStale(prisma)).toBe(true);
    expect(index.pdqEntryCount).toBeGreaterThan(0);
  });

  it('returns nothing for no hashes or hashes it cannot read', async () => {
    expect(await matchHashes(prisma, new KnownContentIndex(), [])).toEqual([]);
    expect(await matchHashes(prisma, new KnownContentIndex(), ['nonsense', 'MD5:zz'])).toEqual([]);
  });
});
