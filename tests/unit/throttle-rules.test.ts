import { describe, expect, it } from 'vitest';
import {
  ACCOUNT_FREE_FAILURES,
  afterFailure,
  AUDIT_WINDOW_MS,
  delayAfter,
  FIRST_DELAY_MS,
  isThrottled,
  MAX_DELAY_MS,
  opensAuditWindow,
  SOURCE_FORGET_MS,
  SOURCE_FREE_FAILURES,
} from '@/lib/auth/throttle-rules';

const at = (ms: number) => new Date(Date.UTC(2030, 0, 1) + ms);

describe('sign-in throttle rules', () => {
  it('lets the free failures through, then doubles the delay up to 15 minutes', () => {
    expect(delayAfter(ACCOUNT_FREE_FAILURES - 1, ACCOUNT_FREE_FAILURES)).toBe(0);
    const delays = Array.from({ length: 8 }, (_, i) => delayAfter(ACCOUNT_FREE_FAILURES + i, ACCOUNT_FREE_FAILURES));
    expect(delays).toEqual([30_000, 60_000, 120_000, 240_000, 480_000, MAX_DELAY_MS, MAX_DELAY_MS, MAX_DELAY_MS]);
    expect(delayAfter(10_000, 0)).toBe(MAX_DELAY_MS);
  });

  it('locks for the delay after each failure past the free ones', () => {
    let state = { failures: 0, lockedUntil: null as Date | null, lastFailureAt: null as Date | null };
    for (let i = 1; i < SOURCE_FREE_FAILURES; i++) state = afterFailure(state, at(i), SOURCE_FREE_FAILURES, SOURCE_FORGET_MS);
    expect(state.lockedUntil).toBeNull();
    const locked = afterFailure(state, at(100), SOURCE_FREE_FAILURES, SOURCE_FORGET_MS);
    expect(locked.failures).toBe(SOURCE_FREE_FAILURES);
    expect(locked.lockedUntil).toEqual(at(100 + FIRST_DELAY_MS));
    expect(isThrottled(locked, at(100 + FIRST_DELAY_MS - 1))).toBe(true);
    expect(isThrottled(locked, at(100 + FIRST_DELAY_MS))).toBe(false);
  });

  it('forgets a source after an hour without failures; an account never forgets by itself', () => {
    const state = { failures: 30, lockedUntil: null, lastFailureAt: at(0) };
    expect(afterFailure(state, at(SOURCE_FORGET_MS + 1), SOURCE_FREE_FAILURES, SOURCE_FORGET_MS).failures).toBe(1);
    expect(afterFailure(state, at(SOURCE_FORGET_MS + 1), ACCOUNT_FREE_FAILURES).failures).toBe(31);
  });

  it('opens one audit window per 15 minutes', () => {
    expect(opensAuditWindow(null, at(0))).toBe(true);
    expect(opensAuditWindow(at(0), at(AUDIT_WINDOW_MS - 1))).toBe(false);
    expect(opensAuditWindow(at(0), at(AUDIT_WINDOW_MS))).toBe(true);
  });
});
