/** An account's sign-in counters (staff.failed_attempts, staff.locked_until); delays in throttle-rules.ts. */
export type LockoutState = { failedAttempts: number; lockedUntil: Date | null };

export function isLocked(state: LockoutState, now: Date): boolean {
  return state.lockedUntil !== null && state.lockedUntil.getTime() > now.getTime();
}

/** A successful sign-in clears the count and any lock. */
export function afterSuccessfulAttempt(): LockoutState {
  return { failedAttempts: 0, lockedUntil: null };
}
