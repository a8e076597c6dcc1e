import { describe, expect, it } from 'vitest';
import { decodeDecisionCursor, encodeDecisionCursor, parseDecisionsQuery } from '@/lib/platform/decision-cursor';
import { AppError } from '@/lib/errors';

describe('decisions cursor and query', () => {
  it('round-trips ids, including ones beyond 2^53', () => {
    for (const id of [1n, 42n, 9_007_199_254_740_993n]) expect(decodeDecisionCursor(encodeDecisionCursor(id))).toBe(id);
    expect(encodeDecisionCursor(42n)).not.toContain('42');
    expect(decodeDecisionCursor(encodeDecisionCursor(9_223_372_036_854_775_807n))).toBe(9_223_372_036_854_775_807n);
  });

  it('refuses cursors it did not make', () => {
    for (const bad of ['42', '', 'bzE6', Buffer.from('o1:9223372036854775808').toString('base64url'), Buffer.from('o1:9999999999999999999').toString('base64url'), Buffer.from('o1:-1').toString('base64url'), Buffer.from('o2:5').toString('base64url'), 'a'.repeat(60)]) {
      expect(() => decodeDecisionCursor(bad), bad).toThrow(AppError);
    }
  });

  it('defaults limit to 100 and bounds it to 1..500', () => {
    expect(parseDecisionsQuery(new URLSearchParams(''))).toEqual({ after: null, limit: 100 });
    expect(parseDecisionsQuery(new URLSearchParams('limit=500')).limit).toBe(500);
    for (const limit of ['0', '501', '2.5', 'ten', '-1']) {
      expect(() => parseDecisionsQuery(new URLSearchParams({ limit })), limit).toThrow(/limit/);
    }
    expect(parseDecisionsQuery(new URLSearchParams({ after: encodeDecisionCursor(7n) })).after).toBe(7n);
  });
});
