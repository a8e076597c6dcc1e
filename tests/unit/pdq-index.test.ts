import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pdqDistance, pdqHex, pdqWords, popcount32 } from '@/lib/hashes/pdq-bits';
import { chunkRadii, PDQ_CHUNK_WIDTHS, PdqIndexBuilder, type PdqHit } from '@/lib/hashes/pdq-index';

/** A deterministic generator (xorshift32), so a failure replays exactly. */
function rng(seed: number) {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>>= 0);
  };
}

function randomHash(next: () => number): Uint32Array {
  return Uint32Array.from({ length: 8 }, () => next());
}

/** A copy of `hash` with exactly `bits` distinct bits flipped. */
function flip(hash: Uint32Array, bits: number, next: () => number): Uint32Array {
  const out = hash.slice();
  const chosen = new Set<number>();
  while (chosen.size < bits) chosen.add(next() % 256);
  for (const bit of chosen) out[bit >> 5] = (out[bit >> 5]! ^ (1 << (bit & 31))) >>> 0;
  return out;
}

const sorted = (hits: PdqHit[]) => [...hits].sort((a, b) => a.index - b.index);

describe('PDQ bit helpers', () => {
  it('counts bits and distances', () => {
    expect(popcount32(0)).toBe(0);
    expect(popcount32(0xffffffff)).toBe(32);
    expect(popcount32(0x80000001)).toBe(2);
    const a = 'f'.repeat(64);
    expect(pdqDistance(a, a)).toBe(0);
    expect(pdqDistance(a, '0'.repeat(64))).toBe(256);
    expect(pdqDistance('0'.repeat(63) + '1', '0'.repeat(64))).toBe(1);
    expect(pdqHex(pdqWords('0123456789abcdef'.repeat(4)))).toBe('0123456789abcdef'.repeat(4));
    expect(() => pdqWords('xyz')).toThrow();
  });
});

describe('PdqIndex (multi-index hashing)', () => {
  const next = rng(12345);
  const builder = new PdqIndexBuilder(10);
  for (let i = 0; i < 20_000; i++) builder.add(randomHash(next), i + 1, i % 3);
  const query = randomHash(next);
  // Planted neighbours at every distance 0…40, including ones whose bits all fall in few chunks.
  const planted = new Map<number, number>();
  for (let d = 0; d <= 40; d++) {
    const index = builder.size;
    builder.add(flip(query, d, next), 1_000_000 + d, 0);
    planted.set(index, d);
  }
  // Worst case for the pigeonhole: 31 bits spread two per chunk except one chunk with one bit.
  const spread = query.slice();
  for (let c = 0; c < 16; c++) {
    const bits = c === 0 ? 1 : 2;
    for (let b = 0; b < bits; b++) {
      const bit = c * 16 + b * 7;
      spread[bit >> 5] = (spread[bit >> 5]! ^ (1 << (31 - (bit & 31)))) >>> 0;
    }
  }
  const spreadIndex = builder.size;
  builder.add(spread, 2_000_000, 1);
  // The worst cases for the 12-chunk layout at 31: every chunk one bit short of its radius but one.
  const worst = (perChunk: number[]) => {
    const out = query.slice();
    let start = 0;
    PDQ_CHUNK_WIDTHS.forEach((width, c) => {
      for (let b = 0; b < perChunk[c]!; b++) {
        const bit = start + ((b * 5) % width);
        out[bit >> 5] = (out[bit >> 5]! ^ (1 << (31 - (bit & 31)))) >>> 0;
      }
      start += width;
    });
    return out;
  };
  const worstA = builder.size;
  builder.add(worst([3, 3, 3, 3, 3, 3, 3, 2, 2, 2, 2, 2]), 3_000_000, 2); // 31, found only through chunk 7
  const worstB = builder.size;
  builder.add(worst([3, 3, 3, 3, 3, 3, 3, 3, 2, 2, 2, 1]), 3_000_001, 2); // 31, found only through chunk 11
  const beyond = builder.size;
  builder.add(worst([3, 3, 3, 3, 3, 3, 3, 3, 2, 2, 2, 2]), 3_000_002, 2); // 32: never within 31
  const index = builder.build();

  it('finds every planted neighbour at distance ≤ 31 and none beyond', () => {
    const hits = new Map(index.search(query, 31).map((h) => [h.index, h.distance]));
    for (const [i, d] of planted) {
      if (d <= 31) expect(hits.get(i), `planted at ${d}`).toBe(d);
      else expect(hits.has(i), `planted at ${d}`).toBe(false);
    }
    expect(hits.get(spreadIndex)).toBe(31);
    expect(hits.get(worstA)).toBe(31);
    expect(hits.get(worstB)).toBe(31);
    expect(hits.has(beyond)).toBe(false);
    expect(index.search(query, 32).find((h) => h.index === beyond)?.distance).toBe(32);
  });

  it('chooses radii by the sharpened pigeonhole (d = 12r + a: chunks 0…a at r, the rest at r − 1)', () => {
    expect(PDQ_CHUNK_WIDTHS.reduce((sum, w) => sum + w, 0)).toBe(256);
    expect(chunkRadii(31)).toEqual([2, 2, 2, 2, 2, 2, 2, 2, 1, 1, 1, 1]);
    expect(chunkRadii(0)).toEqual([0, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1]);
    expect(chunkRadii(11)).toEqual(Array(12).fill(0));
    expect(chunkRadii(12)).toEqual([1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it('agrees with a full scan at several thresholds, each hit once', () => {
    for (const d of [0, 1, 5, 11, 12, 15, 16, 23, 24, 31, 32, 40, 47, 63]) {
      const fromIndex = sorted(index.search(query, d));
      expect(fromIndex).toEqual(sorted(index.scan(query, d)));
      expect(new Set(fromIndex.map((h) => h.index)).size).toBe(fromIndex.length);
    }
  });

  it('keeps entry IDs and list slots', () => {
    const [hit] = index.search(query, 0);
    expect(index.entryId(hit!.index)).toBe(1_000_000);
    expect(index.slot(spreadIndex)).toBe(1);
    expect(index.memoryBytes()).toBeGreaterThan(index.size * 100);
  });

  it('property: recall is exact against brute force for random data and thresholds', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 }), fc.integer({ min: 0, max: 63 }), fc.array(fc.integer({ min: 0, max: 64 }), { maxLength: 40 }), (seed, threshold, distances) => {
        const gen = rng(seed);
        const b = new PdqIndexBuilder();
        const q = randomHash(gen);
        for (let i = 0; i < 300; i++) b.add(randomHash(gen), i, 0);
        for (const d of distances) b.add(flip(q, d, gen), 10_000 + d, 0);
        const idx = b.build(); // each build allocates the full bucket tables: few runs, many checks each
        for (const d of [threshold, 31, Math.max(0, threshold - 7)]) expect(sorted(idx.search(q, d))).toEqual(sorted(idx.scan(q, d)));
      }),
      { numRuns: 25 },
    );
  }, 60_000);

  it('an empty index finds nothing', () => {
    expect(new PdqIndexBuilder(0).build().search(query, 31)).toEqual([]);
  });
});
