import { describe, expect, it } from 'vitest';
import { afterFailure, describeFailure, retryDelayMs, RETRY_CAP_MS } from '@/lib/platform/delivery-policy';

describe('webhook retry schedule', () => {
  it('doubles from 30 s, each wait between half and all of its step', () => {
    const low = [1, 2, 3, 4, 5, 6, 7].map((n) => retryDelayMs(n, () => 0));
    const high = [1, 2, 3, 4, 5, 6, 7].map((n) => retryDelayMs(n, () => 1));
    expect(high).toEqual([30_000, 60_000, 120_000, 240_000, 480_000, 960_000, 1_920_000]);
    expect(low).toEqual(high.map((h) => h / 2));
  });

  it('caps the step at one hour', () => {
    expect(retryDelayMs(8, () => 1)).toBe(RETRY_CAP_MS);
    expect(retryDelayMs(30, () => 1)).toBe(RETRY_CAP_MS);
    expect(retryDelayMs(30, () => 0)).toBe(RETRY_CAP_MS / 2);
  });

  it('jitters: different random draws give different waits within the step', () => {
    const waits = new Set([0.1, 0.4, 0.9].map((r) => retryDelayMs(3, () => r)));
    expect(waits.size).toBe(3);
    for (const w of waits) {
      expect(w).toBeGreaterThanOrEqual(60_000);
      expect(w).toBeLessThanOrEqual(120_000);
    }
  });

  it('dead-letters at the last allowed attempt, not before', () => {
    expect(afterFailure(1, 8)).toBe('retry');
    expect(afterFailure(7, 8)).toBe('retry');
    expect(afterFailure(8, 8)).toBe('dead');
    expect(afterFailure(9, 8)).toBe('dead');
    expect(afterFailure(1, 1)).toBe('dead');
  });

  it('describes failures without any response body', () => {
    expect(describeFailure({ status: 503 })).toBe('HTTP 503');
    expect(describeFailure({ status: 302 })).toBe('HTTP 302 (redirects are not followed)');
    expect(describeFailure({ error: Object.assign(new Error('t'), { name: 'TimeoutError' }) })).toBe('no response within 10 s');
    expect(describeFailure({ error: new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } }) })).toBe('network error (ECONNREFUSED)');
    expect(describeFailure({ error: 'weird' })).toBe('network error');
  });
});
