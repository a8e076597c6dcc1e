import { describe, expect, it } from 'vitest';
import { earlyReleaseRefusal, extendedExpiry, HOLD_MAX_TOTAL_DAYS } from '@/lib/preservation/hold-rules';

const DAY = 86_400_000;
const start = new Date('2026-01-01T00:00:00Z');
const at = (days: number) => new Date(start.getTime() + days * DAY);

describe('extending a hold', () => {
  it('counts from the current expiry while the hold runs, from now once it is past', () => {
    expect(extendedExpiry({ startsAt: start, expiresAt: at(365) }, 30, at(100))).toEqual({ ok: true, expiresAt: at(395) });
    expect(extendedExpiry({ startsAt: start, expiresAt: at(365) }, 30, at(370))).toEqual({ ok: true, expiresAt: at(400) });
  });

  it(`allows up to ${HOLD_MAX_TOTAL_DAYS} days from the start and says how much room is left past it`, () => {
    expect(extendedExpiry({ startsAt: start, expiresAt: at(730) }, 365, at(10))).toEqual({ ok: true, expiresAt: at(HOLD_MAX_TOTAL_DAYS) });
    const refused = extendedExpiry({ startsAt: start, expiresAt: at(1000) }, 365, at(10));
    expect(refused).toEqual({ ok: false, reason: expect.stringContaining('extended by 95 days at most') });
    const full = extendedExpiry({ startsAt: start, expiresAt: at(HOLD_MAX_TOTAL_DAYS) }, 1, at(10));
    expect(full).toEqual({ ok: false, reason: expect.stringContaining('Start a new hold') });
  });
});

describe('early release', () => {
  it('is refused for a CyberTipline report’s statutory hold only', () => {
    expect(earlyReleaseRefusal('cybertip_report')).toMatch(/2258A\(h\)/);
    expect(earlyReleaseRefusal('law_enforcement_request')).toBeNull();
    expect(earlyReleaseRefusal('pending_referral')).toBeNull();
  });
});
