// A realistic mix of reports for benchmarks: a few accounts reported by many people (a viral
// abuser), a warm middle, and a long tail of accounts reported once.
import { randomInt } from 'node:crypto';
import type { TReportInput } from '../../../lib/reports/schema';

const CATEGORY_WEIGHTS: [TReportInput['category'], number][] = [
  ['grooming', 30],
  ['child_sexual_imagery', 25],
  ['sextortion', 15],
  ['obscene_material_to_child', 10],
  ['other_child_harm', 8],
  ['trafficking', 4],
  ['other_abuse', 8],
];
const TOTAL_WEIGHT = CATEGORY_WEIGHTS.reduce((sum, [, w]) => sum + w, 0);

function category(): TReportInput['category'] {
  let pick = randomInt(TOTAL_WEIGHT);
  for (const [name, weight] of CATEGORY_WEIGHTS) {
    if (pick < weight) return name;
    pick -= weight;
  }
  return 'other_abuse';
}

function handle(runId: string): string {
  const roll = randomInt(100);
  if (roll < 20) return `hot_${runId}_${randomInt(50)}`;
  if (roll < 50) return `warm_${runId}_${randomInt(2000)}`;
  return `tail_${runId}_${randomInt(1_000_000_000)}`;
}

export function randomReport(runId: string): TReportInput {
  return {
    account: randomInt(10) === 0 ? { profileUrl: `https://social.example/@${handle(runId)}` } : { handle: handle(runId) },
    category: category(),
    dangerNow: randomInt(50) === 0,
    description: 'Benchmark report: messages asking a child to meet in person and to keep it secret.'.repeat(1 + randomInt(3)),
    contentUrls: randomInt(10) === 0 ? [`https://content.example/post/${randomInt(1e9)}`] : [],
    reporter: randomInt(5) === 0 ? { country: 'GB', email: `reporter${randomInt(1e6)}@mail.example` } : {},
  };
}

/**
 * One of `pool` client addresses from 198.18.0.0/15 (reserved for benchmarking), sent only as an
 * X-Forwarded-For value so distinct reporters and rate limits behave as in production.
 */
export function randomIp(pool = 50_000): string {
  const n = randomInt(pool);
  return `198.${18 + ((n >> 16) & 1)}.${(n >> 8) & 255}.${n & 255}`;
}
