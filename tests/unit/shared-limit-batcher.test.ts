import { describe, expect, it } from 'vitest';
import { createSharedLimitBatcher, type WindowState } from '@/lib/reports/shared-limit-batcher';

/** A store like rate_limit_counters, in memory: each statement adds its counts and says the totals. */
function fakeStore(delayMs = 5) {
  const points = new Map<string, number>();
  const statements: Array<ReadonlyArray<readonly [string, number]>> = [];
  return {
    points,
    statements,
    take: async (counts: ReadonlyArray<readonly [string, number]>) => {
      statements.push(counts);
      await new Promise((r) => setTimeout(r, delayMs));
      const result = new Map<string, WindowState>();
      for (const [key, n] of counts) {
        points.set(key, (points.get(key) ?? 0) + n);
        result.set(key, { points: points.get(key)!, msBeforeNext: 42_000 });
      }
      return result;
    },
  };
}

describe('createSharedLimitBatcher', () => {
  it('allows exactly the limit of one key among many concurrent callers, and groups them into few statements', async () => {
    const store = fakeStore();
    const batcher = createSharedLimitBatcher({ take: store.take, maxInFlight: 2 });
    const results = await Promise.all(Array.from({ length: 25 }, () => batcher.take('reports:a', 10)));
    expect(results.filter((r) => r.allowed)).toHaveLength(10);
    expect(results.filter((r) => !r.allowed).every((r) => r.msBeforeNext === 42_000)).toBe(true);
    expect(store.points.get('reports:a')).toBe(25);
    // Two statements start at once; everything that arrived meanwhile goes in the third.
    expect(store.statements.length).toBe(3);
    // Arrival order decides: the first ten callers are the ones allowed.
    expect(results.map((r) => r.allowed)).toEqual([...Array(10).fill(true), ...Array(15).fill(false)]);
  });

  it('counts each key apart and sends keys sorted, so concurrent statements lock rows in one order', async () => {
    const store = fakeStore();
    const batcher = createSharedLimitBatcher({ take: store.take, maxInFlight: 1 });
    const keys = ['c', 'a', 'b', 'a', 'c', 'a'];
    const results = await Promise.all(keys.map((k) => batcher.take(k, 2)));
    expect(results.map((r) => r.allowed)).toEqual([true, true, true, true, true, false]);
    const grouped = store.statements[1]!;
    expect(grouped.map(([k]) => k)).toEqual(['a', 'b', 'c']);
    expect(Object.fromEntries(grouped)).toEqual({ a: 3, b: 1, c: 1 });
  });

  it('fails every caller of a statement that failed (a database outage), and keeps working afterwards', async () => {
    let fail = true;
    const store = fakeStore();
    const batcher = createSharedLimitBatcher({
      take: (counts) => (fail ? Promise.reject(new Error('connection refused')) : store.take(counts)),
      maxInFlight: 2,
    });
    await expect(batcher.take('x', 1)).rejects.toThrow('connection refused');
    fail = false;
    await expect(batcher.take('x', 1)).resolves.toMatchObject({ allowed: true, points: 1 });
  });
});
