import { describe, expect, it } from 'vitest';
import { RateLimiterRes } from 'rate-limiter-flexible';
import { isRateLimiterRefusal } from '@/lib/reports/rate-limit';

/**
 * Issue 10, requirement 5: the limiter lives on globalThis and can be created by another bundle
 * whose RateLimiterRes is a different class, so a refusal is recognised by its shape.
 */
describe('isRateLimiterRefusal', () => {
  it('recognises a refusal from this copy of the library and from another copy (another class)', () => {
    expect(isRateLimiterRefusal(new RateLimiterRes(0, 42_000, 11, false))).toBe(true);
    class ForeignRateLimiterRes {
      remainingPoints = 0;
      msBeforeNext = 42_000;
      consumedPoints = 11;
    }
    expect(isRateLimiterRefusal(new ForeignRateLimiterRes())).toBe(true);
  });

  it('does not mistake errors or other values for a refusal', () => {
    for (const value of [new Error('timeout'), Object.assign(new Error('x'), { msBeforeNext: 1, remainingPoints: 0 }), null, undefined, 'x', { msBeforeNext: '1' }]) {
      expect(isRateLimiterRefusal(value)).toBe(false);
    }
  });
});
