import 'server-only';
import type { Tx } from '@/lib/db';
import { ageBuckets, type AgeBucket, type AgeBucketKey } from './referral-obligation-rules';

type Db = Pick<Tx, '$queryRaw'>;
const HOUR_MS = 3_600_000;

export type ReferralAgeBucketCount = AgeBucket & { count: number };
export type ReferralObligationAges = { outstanding: number; pastTarget: number; targetHours: number; buckets: ReferralAgeBucketCount[] };

/**
 * Outstanding referral obligations counted by age since the case's first report, in the buckets of
 * ageBuckets(targetHours): one pass over the partial index case_obligations_outstanding (outstanding
 * obligations only, a working set) joined to their cases. The obligations page's summary (N
 * outstanding, M past the target) and the metrics page both read this, so they cannot disagree.
 */
export async function referralObligationAges(db: Db, now: Date, targetHours: number): Promise<ReferralObligationAges> {
  const buckets = ageBuckets(targetHours);
  // An age above `hours` is a first report before this instant.
  const before = (hours: number) => new Date(now.getTime() - hours * HOUR_MS);
  const [half, target, triple] = [buckets[0]!.toHours!, targetHours, buckets[2]!.toHours!].map(before);
  const [row] = await db.$queryRaw<Record<AgeBucketKey, bigint>[]>`
    SELECT count(*) FILTER (WHERE c.first_reported_at >= ${half}) AS under_half,
           count(*) FILTER (WHERE c.first_reported_at < ${half} AND c.first_reported_at >= ${target}) AS under_target,
           count(*) FILTER (WHERE c.first_reported_at < ${target} AND c.first_reported_at >= ${triple}) AS under_triple,
           count(*) FILTER (WHERE c.first_reported_at < ${triple}) AS beyond_triple
    FROM case_obligations o JOIN cases c ON c.id = o.case_id
    WHERE o.kind = 'referral' AND o.state = 'outstanding'`;
  const counted = buckets.map((b) => ({ ...b, count: Number(row?.[b.key] ?? 0) }));
  return {
    outstanding: counted.reduce((sum, b) => sum + b.count, 0),
    pastTarget: counted.filter((b) => b.pastTarget).reduce((sum, b) => sum + b.count, 0),
    targetHours,
    buckets: counted,
  };
}
