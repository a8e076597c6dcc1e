import 'server-only';
import type { Tx } from '@/lib/db';
import type { BacklogRow, DayBreaches, DurationStats, ExposureRow, HourPoint, Severity } from './types';

/**
 * The metrics queries. Everything aggregates in PostgreSQL (GROUP BY, percentile_cont), each query
 * bounded by an indexed time range or the open-case partial index, so the page costs the same
 * whether there are a thousand reports or a million (npm run bench:metrics measures it).
 */
type Db = Pick<Tx, '$queryRaw'>;
const n = (v: bigint | number | null | undefined) => Number(v ?? 0);

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
 * by then). One range scan grouped by day; the days without deadlines are filled in here.
 */
export async function breachesByDay(db: Db, now: Date, days: number): Promise<DayBreaches[]> {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const start = new Date(today - (days - 1) * 86_400_000);
  const rows = await db.$queryRaw<{ day: string; due: bigint; breached: bigint }[]>`
    SELECT to_char(sla_due_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, count(*) AS due,
           count(*) FILTER (WHERE first_action_at IS NULL OR first_action_at > sla_due_at) AS breached
    FROM cases WHERE sla_due_at >= ${start} AND sla_due_at < ${now}
    GROUP BY 1`;
  const byDay = new Map(rows.map((r) => [r.day, r]));
  return Array.from({ length: days }, (_, i) => {
    const day = new Date(start.getTime() + i * 86_400_000);
    const r = byDay.get(day.toISOString().slice(0, 10));
    return { day, due: n(r?.due), breached: n(r?.breached) };
  });
}

/** Median and 90th percentile of report-to-first-action and report-to-closure, for cases of the window. */
export async function durations(db: Db, now: Date, days: number): Promise<{ firstAction: DurationStats; closure: DurationStats }> {
  const since = new Date(now.getTime() - days * 86_400_000);
  const [first] = await db.$queryRaw<{ count: bigint; median: number | null; p90: number | null }[]>`
    SELECT count(*) AS count,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM first_action_at - first_reported_at)) AS median,
           percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM first_action_at - first_reported_at)) AS p90
    FROM cases WHERE first_action_at >= ${since} AND first_action_at <= ${now}`;
  const [closed] = await db.$queryRaw<{ count: bigint; median: number | null; p90: number | null }[]>`
    SELECT count(*) AS count,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM closed_at - first_reported_at)) AS median,
           percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM closed_at - first_reported_at)) AS p90
    FROM cases WHERE closed_at >= ${since} AND closed_at <= ${now}`;
  const stats = (r: typeof first): DurationStats => ({
    count: n(r?.count),
    medianSeconds: r?.median === null || r?.median === undefined ? null : Number(r.median),
    p90Seconds: r?.p90 === null || r?.p90 === undefined ? null : Number(r.p90),
  });
  return { firstAction: stats(first), closure: stats(closed) };
}

/** Reports received and cases opened per hour over the last `hours` hours (zero-filled). */
export async function perHour(db: Db, now: Date, hours: number): Promise<HourPoint[]> {
  const rows = await db.$queryRaw<{ hour: Date; reports: bigint; cases: bigint }[]>`
    WITH h AS (
      SELECT generate_series(date_trunc('hour', ${now}::timestamptz) - make_interval(hours => ${hours - 1}),
                             date_trunc('hour', ${now}::timestamptz), interval '1 hour') AS hour
    ),
    r AS (SELECT date_trunc('hour', received_at) AS hour, count(*) AS n FROM reports
          WHERE received_at >= date_trunc('hour', ${now}::timestamptz) - make_interval(hours => ${hours - 1}) AND received_at <= ${now} GROUP BY 1),
    c AS (SELECT date_trunc('hour', created_at) AS hour, count(*) AS n FROM cases
          WHERE created_at >= date_trunc('hour', ${now}::timestamptz) - make_interval(hours => ${hours - 1}) AND created_at <= ${now} GROUP BY 1)
    SELECT h.hour, coalesce(r.n, 0) AS reports, coalesce(c.n, 0) AS cases
    FROM h LEFT JOIN r USING (hour) LEFT JOIN c USING (hour) ORDER BY h.hour`;
  return rows.map((r) => ({ hour: r.hour, reports: n(r.reports), cases: n(r.cases) }));
}

/** Decisions and all actions per staff member over the window (case_actions by actor and time: indexed). */
export async function throughput(db: Db, now: Date, days: number) {
  const since = new Date(now.getTime() - days * 86_400_000);
  const rows = await db.$queryRaw<{ staffId: string; name: string; decisions: bigint; actions: bigint }[]>`
    SELECT s.id::text AS "staffId", s.name,
           count(*) FILTER (WHERE a.type IN ('suspend', 'dismiss', 'escalate', 'preservation_hold', 'reinstate')) AS decisions,
           count(*) AS actions
    FROM case_actions a JOIN staff s ON s.id = a.actor_id
    WHERE a.created_at >= ${since} AND a.created_at <= ${now}
    GROUP BY s.id, s.name ORDER BY decisions DESC, s.name`;
  return rows.map((r) => ({ staffId: r.staffId, name: r.name, decisions: n(r.decisions), actions: n(r.actions) }));
}

/**
 * Exposure: distinct cases each staff member opened per UTC day (case.viewed in the audit log,
 * which every opening of a case writes), over the window.
 */
export async function exposure(db: Db, now: Date, days: number): Promise<ExposureRow[]> {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const start = new Date(today - (days - 1) * 86_400_000);
  const rows = await db.$queryRaw<{ staffId: string; name: string; day: string; cases: bigint }[]>`
    WITH v AS (
      SELECT actor_id, to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, count(DISTINCT case_id) AS cases
      FROM audit_entries
      WHERE event = 'case.viewed' AND actor_type = 'staff' AND occurred_at >= ${start} AND occurred_at <= ${now}
      GROUP BY 1, 2
    )
    SELECT s.id::text AS "staffId", s.name, v.day, v.cases
    FROM v JOIN staff s ON s.id::text = v.actor_id
    ORDER BY v.day DESC, v.cases DESC`;
  return rows.map((r) => ({ staffId: r.staffId, name: r.name, day: new Date(`${r.day}T00:00:00Z`), cases: n(r.cases) }));
}
