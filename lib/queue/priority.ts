import { CATEGORY_INFO, mostHarmful, type HarmCategory, type Severity } from '@/lib/reports/categories';

/**
 * The case priority score: a documented sum of parts, stored with the case so the console can say
 * why a case is high (docs/priority.md explains it to staff).
 *
 *   harm         the harm weight of the most harmful category reported (10–60)
 *   danger       +250 when any reporter said a child is in danger right now: more than every other
 *                part together can reach (230), so such a case stays above all others until a human acts
 *   reporters    10·log2(1 + distinct reporters), at most 40 (1→10, 3→20, 7→30, 15→40)
 *   velocity     5·log2(reports in the last hour), at most 20 (2→5, 4→10, 8→15, 16→20)
 *   age          0 while more than half the SLA remains, 10 in the last half, 25 once breached,
 *                +5 for each further SLA period overdue, at most 40
 *   knownContent +40 when a platform-supplied hash matches an active known-content list
 *   banEvasion   +30 when the account is linked to a suspended account (lib/networks/)
 *
 * Velocity and age change with time alone, so the result carries `rescoreAt`, the next moment the
 * score changes without a new report; the worker rescores cases that reach it.
 */

export type SlaTargets = Record<Severity, number>; // minutes

export type PriorityInput = {
  categories: readonly HarmCategory[];
  dangerNow: boolean;
  distinctReporters: number;
  reportsLastHour: number;
  /** Last report's time, for the decay of velocity. */
  lastReportedAt: Date;
  slaDueAt: Date;
  now: Date;
  /** A report's hash matches an active known-content list (case_hash_matches). */
  knownContent?: boolean;
  /** The account is linked to an account that is suspended now (account_links). */
  linkedToSuspended?: boolean;
};

export type PriorityParts = {
  harm: number;
  danger: number;
  reporters: number;
  velocity: number;
  age: number;
  knownContent: number;
  banEvasion: number;
};

export const PRIORITY_PART_KEYS = ['harm', 'danger', 'reporters', 'velocity', 'age', 'knownContent', 'banEvasion'] as const;

export const KNOWN_CONTENT_POINTS = 40;
export const BAN_EVASION_POINTS = 30;
/** The most every part but danger can reach together: harm 60 + reporters 40 + velocity 20 + age 40 + 40 + 30. */
export const OTHER_PARTS_MAX = 60 + 40 + 20 + 40 + KNOWN_CONTENT_POINTS + BAN_EVASION_POINTS;
/** Above OTHER_PARTS_MAX, so a danger-now case outranks every other case. */
export const DANGER_POINTS = 250;

export type Priority = {
  score: number;
  severity: Severity;
  primaryCategory: HarmCategory;
  parts: PriorityParts;
  rescoreAt: Date | null;
};

const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;

export function severityOf(categories: readonly HarmCategory[], dangerNow: boolean): Severity {
  if (dangerNow) return 'critical';
  return categories.some((c) => CATEGORY_INFO[c].severity === 'high') ? 'high' : 'standard';
}

/** When a report received at `receivedAt` with this severity must have been acted on. */
export function slaDueFor(severity: Severity, receivedAt: Date, targets: SlaTargets): Date {
  return new Date(receivedAt.getTime() + targets[severity] * MINUTE_MS);
}

export function reportersPart(distinctReporters: number): number {
  return Math.min(40, Math.round(10 * Math.log2(1 + Math.max(0, distinctReporters))));
}

export function velocityPart(reportsLastHour: number): number {
  return reportsLastHour <= 1 ? 0 : Math.min(20, Math.round(5 * Math.log2(reportsLastHour)));
}

/** Age part and the time it next steps up (null once it is at its cap). */
export function agePart(slaDueAt: Date, slaMinutes: number, now: Date): { points: number; nextStepAt: Date | null } {
  const slaMs = slaMinutes * MINUTE_MS;
  const due = slaDueAt.getTime();
  const t = now.getTime();
  const halfway = due - slaMs / 2;
  if (t < halfway) return { points: 0, nextStepAt: new Date(halfway) };
  if (t < due) return { points: 10, nextStepAt: new Date(due) };
  const periodsOverdue = Math.floor((t - due) / slaMs);
  const points = Math.min(40, 25 + 5 * periodsOverdue);
  return { points, nextStepAt: points >= 40 ? null : new Date(due + (periodsOverdue + 1) * slaMs) };
}

export function scoreCase(input: PriorityInput, targets: SlaTargets): Priority {
  const severity = severityOf(input.categories, input.dangerNow);
  const primaryCategory = mostHarmful(input.categories);
  const age = agePart(input.slaDueAt, targets[severity], input.now);
  const parts: PriorityParts = {
    harm: CATEGORY_INFO[primaryCategory].harmWeight,
    danger: input.dangerNow ? DANGER_POINTS : 0,
    reporters: reportersPart(input.distinctReporters),
    velocity: velocityPart(input.reportsLastHour),
    age: age.points,
    knownContent: input.knownContent ? KNOWN_CONTENT_POINTS : 0,
    banEvasion: input.linkedToSuspended ? BAN_EVASION_POINTS : 0,
  };
  const score = PRIORITY_PART_KEYS.reduce((sum, key) => sum + parts[key], 0);

  const velocityDecaysAt = parts.velocity > 0 ? new Date(input.lastReportedAt.getTime() + HOUR_MS) : null;
  const candidates = [age.nextStepAt, velocityDecaysAt].filter((d): d is Date => d !== null);
  const rescoreAt = candidates.length ? new Date(Math.min(...candidates.map((d) => d.getTime()))) : null;

  return { score, severity, primaryCategory, parts, rescoreAt };
}
