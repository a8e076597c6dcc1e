import { describe, expect, it } from 'vitest';
import { afterSuccessfulAttempt, isLocked } from '@/lib/auth/lockout';

const now = new Date('2026-11-24T10:00:00Z');
const at = (ms: number) => new Date(now.getTime() + ms);

describe('account lock', () => {
  it('is locked until lockedUntil, not at or after it', () => {
    expect(isLocked({ failedAttempts: 6, lockedUntil: at(1) }, now)).toBe(true);
    expect(isLocked({ failedAttempts: 6, lockedUntil: now }, now)).toBe(false);
    expect(isLocked({ failedAttempts: 6, lockedUntil: null }, now)).toBe(false);
  });

  it('is cleared by a successful sign-in', () => {
    expect(afterSuccessfulAttempt()).toEqual({ failedAttempts: 0, lockedUntil: null });
  });
});
