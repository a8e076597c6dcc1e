/** What the metrics page shows: plain numbers, computed in SQL (lib/metrics/get-metrics.ts). */
export type Severity = 'critical' | 'high' | 'standard';

export type BacklogRow = { severity: Severity; open: number; unassigned: number; breached: number; oldestAt: Date | null };
export type DurationStats = { count: number; medianSeconds: number | null; p90Seconds: number | null };
export type HourPoint = { hour: Date; reports: number; cases: number };
export type DayBreaches = { day: Date; breached: number; due: number };
export type ModeratorThroughput = { staffId: string; name: string; decisions: number; actions: number; casesToday: number; overCap: boolean };
export type ExposureRow = { staffId: string; name: string; day: Date; cases: number };

/** Time from the first report to each part of the response (lib/metrics/response-sql.ts). */
export type ResponseTimes = { suspension: DurationStats; referralApproved: DurationStats; acknowledged: DurationStats };
export type ReferralAgeBucketRow = { key: string; label: string; count: number; pastTarget: boolean };
/** Outstanding referral obligations now, by age since the case's first report (lib/response/referral-obligation-ages.ts). */
export type ReferralObligationAgesRow = { outstanding: number; pastTarget: number; targetHours: number; buckets: ReferralAgeBucketRow[] };

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
  response: ResponseTimes;
  referralObligations: ReferralObligationAgesRow;
};
