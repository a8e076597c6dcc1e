import 'server-only';
import type { Tx } from '@/lib/db';
import { DECISION_TYPES, HOUR_MS, rolledUpRun } from './rollup-hours';
import type { BacklogRow, DayBreaches, DurationStats, ExposureRow, HourPoint, Severity } from './types';

/**
 * The metrics queries. Everything aggregates in PostgreSQL, and no query reads a big table's rows
 * from the heap or counts more than the last hour or so of reports and actions (npm run
 * bench:metrics measures it at a million reports; docs/decisions/0010-metrics-rollups.md):
 *  - the open backlog, SLA deadlines per day and the response-time percentiles are index-only scans
 *    of indexes that carry the columns they read (prisma/schema.prisma, model Case);
 *  - reports and cases per hour and per-moderator throughput read the worker's hourly rollup for
 *    settled hours and count only the rest from the base tables (lib/metrics/rollup-hours.ts);
 *  - exposure reads exposure_days, which a trigger keeps in the transaction of every case view.
 */
type Db = Pick<Tx, '$queryRaw'>;
const n = (v: bigint | number | null | undefined) => Number(v ?? 0);
const DAY_MS = 86_400_000;
const utcDay = (now: Date) => Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());

/** Open cases by severity (index-only scan of the partial index cases_open_backlog). */
export async function backlog(db: Db, now: Date): Promise<BacklogRow[]> {
  const rows = await db.$queryRaw<{ severity: Severity; open: bigint; unassigned: bigint; breached: bigint; oldestAt: Date | null }[]>`
    SELECT severity::text AS severity, count(*) AS open,
           count(*) FILTER (WHERE assignee_id IS NULL) AS unassigned,
           count(*) FILTER (WHERE first_action_at IS NULL AND sla_due_at < ${now}) AS breached,
           min(first_reported_at) AS "oldestAt"
    FROM cases WHERE closed_at IS NULL GROUP BY severity`;
  const order: Severity[] = ['critical', 'high', 'standard'];
  return order.map((severity) => {
    const r = rows.find((x) => x.severity === severity);
    return { severity, open: n(r?.open), unassigned: n(r?.unassigned), breached: n(r?.breached), oldestAt: r?.oldestAt ?? null };
  });
}

/**
 * Per UTC day of the SLA deadline: how many cases fell due, and how many missed it (no first action
 * by then). One index-only range count per day on (sla_due_at, first_action_at), which is cheaper
 * than grouping a hundred thousand rows by a computed day; days without deadlines come back as 0.
 */
export async function breachesByDay(db: Db, now: Date, days: number): Promise<DayBreaches[]> {
  const today = utcDay(now);
  const start = new Date(today - (days - 1) * DAY_MS);
  // Days are 24 hours apart in UTC whatever the session's time zone, hence not interval '1 day'.
  const rows = await db.$queryRaw<{ day: Date; due: bigint; breached: bigint }[]>`
    SELECT d.day, c.due, c.breached
    FROM generate_series(${start}::timestamptz, ${new Date(today)}::timestamptz, interval '24 hours') AS d(day)
    CROSS JOIN LATERAL (
      SELECT count(*) AS due, count(*) FILTER (WHERE first_action_at IS NULL OR first_action_at > sla_due_at) AS breached
      FROM cases WHERE sla_due_at >= d.day AND sla_due_at < least(d.day + interval '24 hours', ${now}::timestamptz)
    ) c
    ORDER BY d.day`;
  return rows.map((r) => ({ day: r.day, due: n(r.due), breached: n(r.breached) }));
}

/** Median and 90th percentile of report-to-first-action and report-to-closure, for cases of the window. */
export async function durations(db: Db, now: Date, days: number): Promise<{ firstAction: DurationStats; closure: DurationStats }> {
  const since = new Date(now.getTime() - days * DAY_MS);
  type Row = { count: bigint; median: number | null; p90: number | null };
  // One round trip; each half is an index-only scan of (first_action_at | closed_at, first_reported_at).
  // date_part gives float8 seconds: sorting them is twice as fast as extract's numeric; the two
  // percentiles of one half share one sort.
  const [row] = await db.$queryRaw<{ f: Row; c: Row }[]>`
    SELECT to_jsonb(f) AS f, to_jsonb(c) AS c FROM
      (SELECT count(*) AS count,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY date_part('epoch', first_action_at - first_reported_at)) AS median,
              percentile_cont(0.9) WITHIN GROUP (ORDER BY date_part('epoch', first_action_at - first_reported_at)) AS p90
       FROM cases WHERE first_action_at >= ${since} AND first_action_at <= ${now}) f,
      (SELECT count(*) AS count,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY date_part('epoch', closed_at - first_reported_at)) AS median,
              percentile_cont(0.9) WITHIN GROUP (ORDER BY date_part('epoch', closed_at - first_reported_at)) AS p90
       FROM cases WHERE closed_at >= ${since} AND closed_at <= ${now}) c`;
  return { firstAction: durationStats(row?.f), closure: durationStats(row?.c) };
}

/** A count and two percentiles (seconds) as Postgres' to_jsonb gives them → DurationStats. */
export const durationStats = (r: { count: bigint | number; median: number | null; p90: number | null } | undefined): DurationStats => ({
  count: n(r?.count),
  medianSeconds: r?.median === null || r?.median === undefined ? null : Number(r.median),
  p90Seconds: r?.p90 === null || r?.p90 === undefined ? null : Number(r.p90),
});

/**
 * Reports received and cases opened per UTC hour over the last `hours` hours (zero-filled): settled
 * hours from metrics_hours, the others (normally the current hour and the one before) counted here.
 */
export async function perHour(db: Db, now: Date, hours: number): Promise<HourPoint[]> {
  const last = new Date(Math.floor(now.getTime() / HOUR_MS) * HOUR_MS);
  const first = new Date(last.getTime() - (hours - 1) * HOUR_MS);
  const { lo, hi } = await rolledUpRun(db, first, now);
  // Live rows: [first, lo) and [hi, now], each an index-only range scan.
  const rows = await db.$queryRaw<{ hour: Date; reports: bigint; cases: bigint }[]>`
    WITH h AS (SELECT generate_series(${first}::timestamptz, ${last}::timestamptz, interval '1 hour') AS hour),
    m AS (SELECT hour, reports, cases FROM metrics_hours WHERE hour >= ${lo} AND hour < ${hi}),
    r AS (SELECT date_trunc('hour', received_at, 'UTC') AS hour, count(*) AS n FROM (
            SELECT received_at FROM reports WHERE received_at >= ${first} AND received_at < ${lo}
            UNION ALL
            SELECT received_at FROM reports WHERE received_at >= ${hi} AND received_at <= ${now}) x GROUP BY 1),
    c AS (SELECT date_trunc('hour', created_at, 'UTC') AS hour, count(*) AS n FROM (
            SELECT created_at FROM cases WHERE created_at >= ${first} AND created_at < ${lo}
            UNION ALL
            SELECT created_at FROM cases WHERE created_at >= ${hi} AND created_at <= ${now}) x GROUP BY 1)
    SELECT h.hour, coalesce(m.reports, r.n, 0) AS reports, coalesce(m.cases, c.n, 0) AS cases
    FROM h LEFT JOIN m USING (hour) LEFT JOIN r USING (hour) LEFT JOIN c USING (hour) ORDER BY h.hour`;
  return rows.map((r) => ({ hour: r.hour, reports: n(r.reports), cases: n(r.cases) }));
}

/**
 * Decisions and all actions per staff member over the last `days` days: settled hours from
 * metrics_actor_hours, the rest of the window (its partial first hour and the last hour or so) from
 * case_actions by created_at.
 */
export async function throughput(db: Db, now: Date, days: number) {
  const since = new Date(now.getTime() - days * DAY_MS);
  const { lo, hi } = await rolledUpRun(db, since, now);
  const rows = await db.$queryRaw<{ staffId: string; name: string; decisions: bigint; actions: bigint }[]>`
    SELECT s.id::text AS "staffId", s.name, sum(t.decisions) AS decisions, sum(t.actions) AS actions
    FROM (
      SELECT actor_id, decisions, actions FROM metrics_actor_hours WHERE hour >= ${lo} AND hour < ${hi}
      UNION ALL
      SELECT actor_id, count(*) FILTER (WHERE type::text = ANY(${DECISION_TYPES}::text[])), count(*)
      FROM case_actions
      WHERE actor_id IS NOT NULL
        AND ((created_at >= ${since} AND created_at < ${lo}) OR (created_at >= ${hi} AND created_at <= ${now}))
      GROUP BY actor_id
    ) t JOIN staff s ON s.id = t.actor_id
    GROUP BY s.id, s.name ORDER BY decisions DESC, s.name`;
  return rows.map((r) => ({ staffId: r.staffId, name: r.name, decisions: n(r.decisions), actions: n(r.actions) }));
}

/**
 * Exposure: distinct cases each staff member opened per UTC day (case.viewed in the audit log, which
 * every opening of a case writes), over the last `days` days including today. Read from exposure_days,
 * which a trigger on audit_entries keeps in the viewing transaction
 * (prisma/migrations/20261126130100_metrics_rollup_triggers): today's figure includes every view
 * committed before this query, even one committed after `now`.
 */
export async function exposure(db: Db, now: Date, days: number): Promise<ExposureRow[]> {
  const today = utcDay(now);
  const start = new Date(today - (days - 1) * DAY_MS).toISOString().slice(0, 10);
  const rows = await db.$queryRaw<{ staffId: string; name: string; day: string; cases: number }[]>`
    SELECT s.id::text AS "staffId", s.name, to_char(e.day, 'YYYY-MM-DD') AS day, e.cases
    FROM exposure_days e JOIN staff s ON s.id::text = e.actor_id
    WHERE e.day >= ${start}::date AND e.day <= ${new Date(today).toISOString().slice(0, 10)}::date
    ORDER BY e.day DESC, e.cases DESC, s.name`;
  return rows.map((r) => ({ staffId: r.staffId, name: r.name, day: new Date(`${r.day}T00:00:00Z`), cases: n(r.cases) }));
}
