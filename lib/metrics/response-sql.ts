import 'server-only';
import type { Tx } from '@/lib/db';
import { Prisma } from '@/lib/generated/prisma/client';
import { durationStats } from './metrics-sql';
import type { DurationStats } from './types';

type Db = Pick<Tx, '$queryRaw'>;
const DAY_MS = 86_400_000;
type Row = { count: bigint | number; median: number | null; p90: number | null };

/**
 * How fast the response comes, from each case's first report (issue 11): to the account's first
 * suspension, to the first approval of a referral to each hotline, and to that hotline's first
 * acknowledgement (its report ID recorded). Median and 90th percentile over the events of the
 * window, each counted once per case (suspension) or per case and hotline (referrals): a later
 * suspension after a reinstatement, or a follow-up referral version, is not a second response.
 * Each reads a partial index holding only its events, and joins the case's first report index-only
 * (migration 20261201020000_response_metrics).
 */
export async function responseTimes(
  db: Db,
  now: Date,
  days: number,
): Promise<{ suspension: DurationStats; referralApproved: DurationStats; acknowledged: DurationStats }> {
  const since = new Date(now.getTime() - days * DAY_MS);
  // Three independent statements, run side by side on the pool (as getMetrics runs its queries).
  // Each: the first event per case (and hotline) inside the window, from the events' partial index
  // in case order, kept only if the case had none before the window (one index probe per case).
  const [suspension, referralApproved, acknowledged] = await Promise.all([
    percentiles(db, Prisma.sql`
      SELECT date_part('epoch', f.first_at - c.first_reported_at) AS seconds
      FROM (SELECT case_id, min(created_at) AS first_at FROM case_actions
            WHERE type = 'suspend' AND created_at >= ${since} AND created_at <= ${now} GROUP BY case_id) f
      JOIN cases c ON c.id = f.case_id
      WHERE NOT EXISTS (SELECT 1 FROM case_actions e WHERE e.type = 'suspend' AND e.case_id = f.case_id AND e.created_at < ${since})`),
    percentiles(db, Prisma.sql`
      SELECT date_part('epoch', f.first_at - c.first_reported_at) AS seconds
      FROM (SELECT case_id, payload ->> 'hotline' AS hotline, min(decided_at) AS first_at FROM approvals
            WHERE kind = 'referral' AND status = 'approved' AND decided_at >= ${since} AND decided_at <= ${now} GROUP BY 1, 2) f
      JOIN cases c ON c.id = f.case_id
      WHERE NOT EXISTS (
        SELECT 1 FROM approvals e WHERE e.case_id = f.case_id AND e.kind = 'referral' AND e.status = 'approved'
          AND e.payload ->> 'hotline' = f.hotline AND e.decided_at < ${since})`),
    percentiles(db, Prisma.sql`
      SELECT date_part('epoch', f.first_at - c.first_reported_at) AS seconds
      FROM (SELECT case_id, hotline, min(acknowledged_at) AS first_at FROM referrals
            WHERE acknowledged_at >= ${since} AND acknowledged_at <= ${now} GROUP BY 1, 2) f
      JOIN cases c ON c.id = f.case_id
      WHERE NOT EXISTS (SELECT 1 FROM referrals e WHERE e.case_id = f.case_id AND e.hotline = f.hotline AND e.acknowledged_at < ${since})`),
  ]);
  return { suspension, referralApproved, acknowledged };
}

/** Count, median and 90th percentile of the `seconds` column of `events`. */
async function percentiles(db: Db, events: Prisma.Sql): Promise<DurationStats> {
  const [row] = await db.$queryRaw<Row[]>`
    SELECT count(*) AS count, percentile_cont(0.5) WITHIN GROUP (ORDER BY seconds) AS median,
           percentile_cont(0.9) WITHIN GROUP (ORDER BY seconds) AS p90
    FROM (${events}) events`;
  return durationStats(row);
}
