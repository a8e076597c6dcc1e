import 'server-only';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import type { Tx } from '@/lib/db';

/**
 * The hourly rollups behind "reports and cases per hour" and per-moderator throughput
 * (metrics_hours, metrics_actor_hours). Reports and case actions are append-only and cases keep their
 * created_at, so an hour's counts stop changing once no transaction that started in it can still
 * commit: the worker rolls up each hour SETTLE_MS after it ends, and the metrics page reads those
 * rows and counts only the rest of its window (the last hour or so, and a partial first hour) from
 * the base tables. The figures are therefore exact and current; the rollup only saves work. Without
 * the worker the page still shows the same numbers, counting everything itself.
 *
 * These tables are bookkeeping derived from other tables, not decisions: writing them needs no
 * audit entry.
 */
export const HOUR_MS = 3_600_000;
/** How long after an hour ends it is rolled up. Transactions here last milliseconds; this is ample. */
export const SETTLE_MS = 5 * 60_000;
/** How far back an empty rollup starts: the longest hourly window the page reads (14 days) and a day. */
export const BACKFILL_HOURS = 15 * 24;
/** Hours per transaction, so a catch-up after downtime runs in short steps. */
const BATCH_HOURS = 48;

/** The action types that count as decisions in the throughput table. */
export const DECISION_TYPES = ['suspend', 'dismiss', 'escalate', 'preservation_hold', 'reinstate'];

const floorHour = (ms: number) => Math.floor(ms / HOUR_MS) * HOUR_MS;

/**
 * Rolls up the next batch of settled hours after the last one rolled up (or from BACKFILL_HOURS ago).
 * Every hour is recomputed from its base rows and written over any earlier row, so running it twice,
 * or in two workers at once (they queue on an advisory lock), changes nothing. Returns how many hours
 * it rolled up: 0 once it has caught up.
 */
export async function rollUpMetricHours(prisma: PrismaClient, { now = new Date() }: { now?: Date } = {}): Promise<number> {
  const settledEnd = floorHour(now.getTime() - SETTLE_MS); // hours before this one are settled
  const horizon = floorHour(now.getTime()) - BACKFILL_HOURS * HOUR_MS;
  return prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('tc_metrics_hours'))`;
    const [last] = await tx.$queryRaw<{ hour: Date | null }[]>`SELECT max(hour) AS hour FROM metrics_hours`;
    const from = Math.max(last?.hour ? last.hour.getTime() + HOUR_MS : horizon, horizon);
    const to = Math.min(settledEnd, from + BATCH_HOURS * HOUR_MS);
    if (to <= from) return 0;
    await rollUp(tx, new Date(from), new Date(to));
    return (to - from) / HOUR_MS;
  });
}

/** Recomputes the whole hours in [from, to) (both on the hour). */
async function rollUp(tx: Tx, from: Date, to: Date) {
  await tx.$executeRaw`
    INSERT INTO metrics_hours (hour, reports, cases, rolled_up_at)
    SELECT h.hour,
           (SELECT count(*) FROM reports WHERE received_at >= h.hour AND received_at < h.hour + interval '1 hour'),
           (SELECT count(*) FROM cases WHERE created_at >= h.hour AND created_at < h.hour + interval '1 hour'),
           now()
    FROM generate_series(${from}::timestamptz, ${to}::timestamptz - interval '1 hour', interval '1 hour') AS h(hour)
    ON CONFLICT (hour) DO UPDATE SET reports = EXCLUDED.reports, cases = EXCLUDED.cases, rolled_up_at = EXCLUDED.rolled_up_at`;
  await tx.$executeRaw`DELETE FROM metrics_actor_hours WHERE hour >= ${from} AND hour < ${to}`;
  await tx.$executeRaw`
    INSERT INTO metrics_actor_hours (hour, actor_id, actions, decisions)
    SELECT date_trunc('hour', created_at, 'UTC'), actor_id, count(*), count(*) FILTER (WHERE type::text = ANY(${DECISION_TYPES}::text[]))
    FROM case_actions
    WHERE created_at >= ${from} AND created_at < ${to} AND actor_id IS NOT NULL
    GROUP BY 1, 2`;
}

/**
 * The rolled-up hours that lie wholly inside [from, to], as one run [lo, hi). When there are none, or
 * they are not one unbroken run (an outage before the backfill horizon), lo = hi = from: nothing is
 * read from the rollup and the caller counts the whole window from the base tables.
 */
export async function rolledUpRun(db: Pick<Tx, '$queryRaw'>, from: Date, to: Date): Promise<{ lo: Date; hi: Date }> {
  const firstWhole = new Date(Math.ceil(from.getTime() / HOUR_MS) * HOUR_MS);
  const [row] = await db.$queryRaw<{ first: Date | null; last: Date | null; hours: bigint }[]>`
    SELECT min(hour) AS first, max(hour) AS last, count(*) AS hours FROM metrics_hours
    WHERE hour >= ${firstWhole} AND hour <= ${to}::timestamptz - interval '1 hour'`;
  if (!row?.first || !row.last || Number(row.hours) !== (row.last.getTime() - row.first.getTime()) / HOUR_MS + 1) {
    return { lo: from, hi: from };
  }
  return { lo: row.first, hi: new Date(row.last.getTime() + HOUR_MS) };
}
