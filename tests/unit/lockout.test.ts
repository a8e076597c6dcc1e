import { describe, expect, it } from 'vitest';
import { afterFailedAttempt, afterSuccessfulAttempt, isLocked, LOCKOUT_MS, MAX_FAILED_ATTEMPTS } from '@/lib/auth/lockout';

const now = new Date('2026-11-24T10:00:00Z');
const at = (ms: number) => new Date(now.getTime() + ms);

describe('lockout decision', () => {
  it('counts failures and locks on the tenth for 15 minutes', () => {
    let state = { failedAttempts: 0, lockedUntil: null as Date | null };
    for (let i = 1; i < MAX_FAILED_ATTEMPTS; i++) {
      const next = afterFailedAttempt(state, now);
      expect(next).toEqual({ failedAttempts: i, lockedUntil: null, lockedNow: false });
      state = next;
    }
    const locking = afterFailedAttempt(state, now);
    expect(locking.lockedNow).toBe(true);
    expect(locking.lockedUntil).toEqual(at(LOCKOUT_MS));
    expect(LOCKOUT_MS).toBe(15 * 60_000);
    expect(MAX_FAILED_ATTEMPTS).toBe(10);
  });

  it('is locked until the moment the lock runs out, and not after', () => {
    const state = { failedAttempts: 0, lockedUntil: at(LOCKOUT_MS) };
    expect(isLocked(state, now)).toBe(true);
    expect(isLocked(state, at(LOCKOUT_MS - 1))).toBe(true);
    expect(isLocked(state, at(LOCKOUT_MS))).toBe(false);
    expect(isLocked({ failedAttempts: 9, lockedUntil: null }, now)).toBe(false);
  });

  it('starts a fresh count after an expired lock', () => {
    const next = afterFailedAttempt({ failedAttempts: 7, lockedUntil: at(-1) }, now);
    expect(next).toEqual({ failedAttempts: 1, lockedUntil: null, lockedNow: false });
  });

  it('clears everything on success', () => {
    expect(afterSuccessfulAttempt()).toEqual({ failedAttempts: 0, lockedUntil: null });
  });
});
