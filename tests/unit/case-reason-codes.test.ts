import { describe, expect, it } from 'vitest';
import { REASON_CODES, REASON_CODE_ACTIONS, findReasonCode, reasonCodesFor, reasonLabel } from '@/lib/cases/reason-codes';

describe('reason codes', () => {
  it('has a list for every action type that needs a reason', () => {
    expect([...REASON_CODE_ACTIONS].sort()).toEqual(
      ['dismiss', 'escalate', 'hold_release', 'preservation_hold', 'reassign', 'reinstate', 'release', 'suspend'].sort(),
    );
  });

  it.each(REASON_CODE_ACTIONS)('%s: unique snake_case codes, each with a label and a description', (action) => {
    const list = REASON_CODES[action];
    expect(list.length).toBeGreaterThan(1);
    const codes = list.map((r) => r.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const entry of list) {
      expect(entry.code).toMatch(/^[a-z][a-z0-9_]{2,40}$/);
      expect(entry.label.trim().length).toBeGreaterThan(3);
      expect(entry.label.length).toBeLessThanOrEqual(60);
      expect(entry.description).toMatch(/\.$/);
    }
    expect(reasonCodesFor(action)).toEqual(codes);
  });

  it('finds a code only under its own action type', () => {
    expect(findReasonCode('suspend', 'grooming')?.label).toBe('Grooming a child');
    expect(findReasonCode('dismiss', 'grooming')).toBeUndefined();
    expect(reasonLabel('dismiss', 'no_violation')).toBe('No violation found');
    expect(reasonLabel('dismiss', 'retired_code')).toBe('retired_code');
  });
});
