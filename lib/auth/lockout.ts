/** Failed sign-ins in a row that lock an account, and for how long. */
export const MAX_FAILED_ATTEMPTS = 10;
export const LOCKOUT_MS = 15 * 60_000;

export type LockoutState = { failedAttempts: number; lockedUntil: Date | null };

export function isLocked(state: LockoutState, now: Date): boolean {
  return state.lockedUntil !== null && state.lockedUntil.getTime() > now.getTime();
}

export type FailureDecision = LockoutState & {
  /** True when this failure is the one that locked the account. */
  lockedNow: boolean;
};

/**
 * The counters after one more failed attempt. A lock that has run out starts a fresh count; the
 * MAX_FAILED_ATTEMPTS-th failure in a row locks the account for LOCKOUT_MS and resets the count, so
 * after the lock another full run of failures is needed to lock it again. While locked, attempts
 * are refused without counting (see isLocked): waiting out the lock is all it takes.
 */
export function afterFailedAttempt(state: LockoutState, now: Date): FailureDecision {
  const previous = state.lockedUntil !== null && !isLocked(state, now) ? 0 : state.failedAttempts;
  const failedAttempts = previous + 1;
  if (failedAttempts >= MAX_FAILED_ATTEMPTS) {
    return { failedAttempts: 0, lockedUntil: new Date(now.getTime() + LOCKOUT_MS), lockedNow: true };
  }
  return { failedAttempts, lockedUntil: state.lockedUntil !== null && isLocked(state, now) ? state.lockedUntil : null, lockedNow: false };
}

/** A successful sign-in clears the count and any expired lock. */
export function afterSuccessfulAttempt(): LockoutState {
  return { failedAttempts: 0, lockedUntil: null };
}
