/** What the metrics page shows: plain numbers, computed in SQL (lib/metrics/get-metrics.ts). */
export type Severity = 'critical' | 'high' | 'standard';

export type BacklogRow = { severity: Severity; open: number; unassigned: number; breached: number; oldestAt: Date | null };
export type DurationStats = { count: number; medianSeconds: number | null; p90Seconds: number | null };
export type HourPoint = { hour: Date; reports: number; cases: number };
export type DayBreaches = { day: Date; breached: number; due: number };
export type ModeratorThroughput = { staffId: string; name: string; decisions: number; actions: number; casesToday: number; overCap: boolean };
export type ExposureRow = { staffId: string; name: string; day: Date; cases: number };

export type Metrics = {
  generatedAt: Date;
  backlog: BacklogRow[];
  breachedNow: number;
  breachesByDay: DayBreaches[];
  firstAction: DurationStats;
  closure: DurationStats;
  perHour: HourPoint[];
  throughput: ModeratorThroughput[];
  exposure: ExposureRow[];
  exposureCap: number;
  overCap: ExposureRow[];
  windowDays: number;
};
