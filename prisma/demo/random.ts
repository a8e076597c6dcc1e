import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';

/** A seeded PRNG (pure-rand), so the demo history is the same on every fresh start. */
export type Random = {
  int(from: number, to: number): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  weighted<T>(items: readonly (readonly [T, number])[]): T;
  hex(length: number): string;
};

export function seededRandom(seed: number): Random {
  const rng = xoroshiro128plus(seed);
  const int = (from: number, to: number) => uniformInt(rng, from, to);
  return {
    int,
    chance: (p) => int(0, 9_999) < p * 10_000,
    pick: (items) => items[int(0, items.length - 1)]!,
    weighted: (items) => {
      let roll = int(1, items.reduce((sum, [, w]) => sum + w, 0));
      for (const [item, weight] of items) if ((roll -= weight) <= 0) return item;
      return items.at(-1)![0];
    },
    hex: (length) => Array.from({ length }, () => int(0, 15).toString(16)).join(''),
  };
}
