// npm run bench:hashes [-- --count 10000000 --queries 1000 --brute 50]
// Known-content matching at scale (issue 12, requirement 3), on a throwaway embedded Postgres:
//  1. writes a CSV of `--count` random PDQ hashes plus planted near-duplicates of `--queries` query
//     hashes: for each query one neighbour at a distance in 0…31 (every tenth at 31 with its bits
//     spread evenly over the hash, two bits in most 16-bit stretches) that MUST match, and one at 32…40
//     that must NOT match at the default distance of 31;
//  2. imports it through the real import path (lib/hashes/import-hash-list.ts, as the CLI does:
//     streamed from disk, COPY, de-duplication, history and audit in one transaction) → hashes/s;
//  3. loads the worker's in-memory index (lib/hashes/known-content-index.ts) → build time, memory;
//  4. looks every query up in the index (distance 31) → p50/p99, and end to end through
//     matchHashes (index + the database read of the matched entries' labels) → p50/p99;
//  5. recall: every planted neighbour at ≤ 31 found at its exact distance, none at 32…40, and for a
//     sample of `--brute` queries the index's answer equals a brute-force scan of all entries.
// Targets: import ≥ 100,000 hashes/s, lookup p99 < 10 ms, recall 100 % at ≤ 31.
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { startBenchDatabase } from './lib/app-under-test';
import { summarise } from './lib/percentiles';

const { values } = parseArgs({ options: { count: { type: 'string' }, queries: { type: 'string' }, brute: { type: 'string' } } });
const COUNT = Number(values.count ?? 10_000_000);
const QUERIES = Number(values.queries ?? 1_000);
const BRUTE = Number(values.brute ?? 50);
const log = (line: string) => console.log(line);
const mib = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(0)} MiB`;

/** `hex` with the given bit positions (0 = most significant bit of the first digit) flipped. */
function flipBits(hex: string, bits: Iterable<number>): string {
  const digits = hex.split('').map((d) => parseInt(d, 16));
  for (const bit of bits) digits[bit >> 2] = digits[bit >> 2]! ^ (8 >> (bit & 3));
  return digits.map((d) => d.toString(16)).join('');
}

function randomBitSet(n: number): Set<number> {
  const bits = new Set<number>();
  while (bits.size < n) bits.add(randomBytes(2).readUInt16BE() % 256);
  return bits;
}

/** 31 bits spread evenly over the hash: two in every 16-bit stretch but the first (one). */
function spreadBits(): number[] {
  const bits: number[] = [];
  for (let c = 0; c < 16; c++) for (let b = 0; b < (c === 0 ? 1 : 2); b++) bits.push(c * 16 + b * 7 + (c % 5));
  return bits;
}

type Planted = { query: string; near: string; nearDistance: number; far: string; farDistance: number };

async function writeListFile(file: string): Promise<Planted[]> {
  const out = createWriteStream(file, { highWaterMark: 1 << 22 });
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  await write('hash,label\n');
  const planted: Planted[] = [];
  for (let i = 0; i < QUERIES; i++) {
    const query = randomBytes(32).toString('hex');
    const nearDistance = i % 10 === 0 ? 31 : i % 32;
    const near = i % 10 === 0 ? flipBits(query, spreadBits()) : flipBits(query, randomBitSet(nearDistance));
    const farDistance = 32 + (i % 9);
    const far = flipBits(query, randomBitSet(farDistance));
    planted.push({ query, near, nearDistance, far, farDistance });
  }
  // The planted entries sit at random places among the random ones.
  const slots = new Map<number, string[]>();
  for (const [i, p] of planted.entries()) {
    for (const [kind, hash] of [['near', p.near], ['far', p.far]] as const) {
      const at = randomBytes(4).readUInt32BE() % COUNT;
      const lines = slots.get(at) ?? [];
      lines.push(`PDQ:${hash},planted ${kind} ${i}\n`);
      slots.set(at, lines);
    }
  }
  const BLOCK = 10_000;
  for (let start = 0; start < COUNT; start += BLOCK) {
    const n = Math.min(BLOCK, COUNT - start);
    const bytes = randomBytes(32 * n).toString('hex');
    let text = '';
    for (let k = 0; k < n; k++) {
      text += `PDQ:${bytes.slice(k * 64, k * 64 + 64)}\n`;
      const extra = slots.get(start + k);
      if (extra) text += extra.join('');
    }
    await write(text);
  }
  out.end();
  await once(out, 'finish');
  return planted;
}

const db = await startBenchDatabase();
Object.assign(process.env, db.env);
// Imported after the environment points at the bench database (lib/db.ts and the config read it).
const { importHashList } = await import('../../lib/hashes/import-hash-list');
const { KnownContentIndex } = await import('../../lib/hashes/known-content-index');
const { matchHashes } = await import('../../lib/hashes/match-hashes');
const { ZHashListImportInput } = await import('../../lib/hashes/schema');
const { pdqWords } = await import('../../lib/hashes/pdq-bits');
const { getPrisma } = await import('../../lib/db');
const dir = mkdtempSync(path.join(tmpdir(), 'tc-bench-hashes-'));
try {
  const file = path.join(dir, 'pdq-list.csv');
  let started = performance.now();
  const planted = await writeListFile(file);
  const total = COUNT + planted.length * 2;
  log(`Wrote ${total.toLocaleString('en')} PDQ hashes (${COUNT.toLocaleString('en')} random + ${(planted.length * 2).toLocaleString('en')} planted) to a ${mib(statSync(file).size)} CSV in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  started = performance.now();
  const input = ZHashListImportInput.parse({ name: 'bench PDQ list', source: 'bench', category: 'child_sexual_imagery', replace: false });
  const imported = await importHashList(input, 'pdq-list.csv', createReadStream(file, { highWaterMark: 1 << 20 }), { actor: { type: 'system', id: 'cli' }, via: 'cli', importedById: null });
  const importSeconds = (performance.now() - started) / 1000;
  log(`Import: ${imported.entriesAdded.toLocaleString('en')} entries in ${importSeconds.toFixed(1)} s = ${Math.round(imported.entriesAdded / importSeconds).toLocaleString('en')} hashes/s (target ≥ 100,000); ${imported.linesRejected} lines refused, ${imported.duplicatesDropped} duplicates`);
  rmSync(file);

  const index = new KnownContentIndex();
  const heapBefore = process.memoryUsage();
  started = performance.now();
  await index.reload();
  const loadSeconds = (performance.now() - started) / 1000;
  const heapAfter = process.memoryUsage();
  log(
    `Index: ${index.pdqEntryCount.toLocaleString('en')} PDQ entries streamed and indexed in ${loadSeconds.toFixed(1)} s; typed arrays ${mib(index.memoryBytes())} (${(index.memoryBytes() / index.pdqEntryCount).toFixed(0)} bytes/hash); process RSS ${mib(heapAfter.rss)} (+${mib(heapAfter.rss - heapBefore.rss)})`,
  );

  // Lookups at distance 31 through the worker's API (closest entry per list), timed.
  const lookup: number[] = [];
  for (const p of planted) {
    const t = performance.now();
    index.searchPdq(p.query);
    lookup.push(performance.now() - t);
  }
  // End to end: the index plus the database read that confirms the entry and gives its label.
  const prisma = getPrisma();
  const endToEnd: number[] = [];
  let endToEndFound = 0;
  for (const p of planted) {
    const t = performance.now();
    const matches = await matchHashes(prisma, index, [`PDQ:${p.query}`]);
    endToEnd.push(performance.now() - t);
    if (matches.length === 1 && matches[0]!.distance === p.nearDistance && matches[0]!.entryLabel?.startsWith('planted near')) endToEndFound++;
  }
  // Recall: at 31 exactly the near neighbour, at its exact distance; at 40 the far one too (32…40).
  const pdq = index.pdqIndex;
  let found = 0;
  let farAt31 = 0;
  let farAt40 = 0;
  for (const p of planted) {
    const q = pdqWords(p.query);
    const at31 = pdq.search(q, 31);
    if (at31.some((h) => h.distance === p.nearDistance)) found++;
    if (at31.some((h) => h.distance >= 32) || at31.length > 1) farAt31++;
    if (pdq.search(q, 40).some((h) => h.distance === p.farDistance)) farAt40++;
  }
  const l = summarise(lookup);
  const e = summarise(endToEnd);
  log(`Lookup (index, distance 31, ${l.count} queries): p50 ${l.p50.toFixed(2)} ms, p95 ${l.p95.toFixed(2)} ms, p99 ${l.p99.toFixed(2)} ms (target p99 < 10 ms)`);
  log(`matchHashes end to end (index + database read of the entry): p50 ${e.p50.toFixed(2)} ms, p99 ${e.p99.toFixed(2)} ms; ${endToEndFound}/${planted.length} returned the planted entry`);
  log(`Recall at ≤ 31: ${found}/${planted.length} planted neighbours found at their exact distance (${((100 * found) / planted.length).toFixed(1)} %); queries with anything else within 31: ${farAt31}; neighbours at 32…40 found when searching at 40: ${farAt40}/${planted.length}`);

  // Brute force over every entry for a sample of queries: the index must give exactly the same set.
  let agree = 0;
  const brute: number[] = [];
  for (const p of planted.slice(0, BRUTE)) {
    const q = pdqWords(p.query);
    const t = performance.now();
    const scanned = pdq.scan(q, 31).map((h) => `${h.index}:${h.distance}`).sort();
    brute.push(performance.now() - t);
    const indexed = pdq.search(q, 31).map((h) => `${h.index}:${h.distance}`).sort();
    if (scanned.join() === indexed.join()) agree++;
  }
  log(`Brute-force check (sample of ${brute.length} queries; one full scan takes ${summarise(brute).p50.toFixed(0)} ms): index and scan agree on ${agree}/${brute.length}`);
  await prisma.$disconnect();
} finally {
  rmSync(dir, { recursive: true, force: true });
  await db.postgres.stop();
}
