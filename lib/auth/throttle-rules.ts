/**
 * Growing delays for failed sign-ins (docs/decisions/0012-sign-in-throttling.md). Pure: the
 * counters live in the database (staff.failed_attempts / locked_until for an account,
 * sign_in_throttles for a source address).
 */

/** Failures an account may have in a row before each further failure adds a delay. */
export const ACCOUNT_FREE_FAILURES = 5;
/** Failures one source address may have before each further failure adds a delay (offices share an address). */
export const SOURCE_FREE_FAILURES = 10;
/** The first delay; each failure after it doubles the delay, up to MAX_DELAY_MS. */
export const FIRST_DELAY_MS = 30_000;
export const MAX_DELAY_MS = 15 * 60_000;
/** A source's count starts again after this long without a failure. */
export const SOURCE_FORGET_MS = 60 * 60_000;
/** Unknown-e-mail and throttled attempts from one source: at most one audit entry per window. */
export const AUDIT_WINDOW_MS = 15 * 60_000;

/** The delay after `failures` failures in a row, given how many are free. */
export function delayAfter(failures: number, free: number): number {
  if (failures < free) return 0;
  const doublings = Math.min(failures - free, 20);
  return Math.min(FIRST_DELAY_MS * 2 ** doublings, MAX_DELAY_MS);
}

export type ThrottleState = { failures: number; lockedUntil: Date | null; lastFailureAt?: Date | null };

export function isThrottled(state: Pick<ThrottleState, 'lockedUntil'>, now: Date): boolean {
  return state.lockedUntil !== null && state.lockedUntil.getTime() > now.getTime();
}

/**
 * The counters after one more failure. Attempts made while locked are refused without counting
 * (the caller does not call this for them), so each extra doubling costs an attacker the whole
 * previous delay. A source's count is forgotten after SOURCE_FORGET_MS without failures.
 */
export function afterFailure(
  state: ThrottleState,
  now: Date,
  free: number,
  forgetMs?: number,
): { failures: number; lockedUntil: Date | null; lastFailureAt: Date; delayMs: number } {
  const stale = forgetMs !== undefined && state.lastFailureAt && now.getTime() - state.lastFailureAt.getTime() > forgetMs;
  const failures = (stale ? 0 : state.failures) + 1;
  const delayMs = delayAfter(failures, free);
  return { failures, lockedUntil: delayMs > 0 ? new Date(now.getTime() + delayMs) : null, lastFailureAt: now, delayMs };
}

/** Whether a failure not audited one by one opens a new audit window (and so gets its entry). */
export function opensAuditWindow(windowStart: Date | null, now: Date): boolean {
  return windowStart === null || now.getTime() - windowStart.getTime() >= AUDIT_WINDOW_MS;
}
