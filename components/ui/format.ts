/**
 * Formatting shared by the console's components. Times are shown in UTC with the zone written out,
 * so a distributed team reads the same clock; the full ISO time is in each <time dateTime>.
 */

const pad = (n: number) => String(n).padStart(2, '0');

/** `2026-11-23 18:04 UTC` */
export function formatUtc(date: Date): string {
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())} UTC`;
}

/** A duration as the two largest units: `2d 4h`, `3h 12m`, `45m`, `under 1m`. */
export function formatDuration(ms: number): string {
  const minutes = Math.floor(Math.abs(ms) / 60_000);
  if (minutes < 1) return 'under 1m';
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  if (days > 0) return hours ? `${days}d ${hours}h` : `${days}d`;
  if (hours > 0) return mins ? `${hours}h ${mins}m` : `${hours}h`;
  return `${mins}m`;
}

/** `5m ago`, `2h 3m ago` (relative to `now`). */
export function formatAgo(date: Date, now: Date): string {
  return `${formatDuration(now.getTime() - date.getTime())} ago`;
}

export type SlaState = { breached: boolean; urgent: boolean; text: string };

/** Whether the first decision met the SLA (the SLA is time to the first decision, so it ends there). */
export function slaOutcome(slaDueAt: Date, actedAt: Date): SlaState {
  const late = actedAt.getTime() - slaDueAt.getTime();
  if (late > 0) return { breached: true, urgent: false, text: `Missed: decided ${formatDuration(late)} late` };
  return { breached: false, urgent: false, text: 'Met: decided in time' };
}

/** How much SLA time is left: overdue (breached) or left, urgent in the last hour. */
export function slaState(slaDueAt: Date, now: Date): SlaState {
  const ms = slaDueAt.getTime() - now.getTime();
  if (ms <= 0) return { breached: true, urgent: true, text: `Overdue by ${formatDuration(ms)}` };
  return { breached: false, urgent: ms < 3_600_000, text: `${formatDuration(ms)} left` };
}
