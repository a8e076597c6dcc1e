import { describe, expect, it } from 'vitest';
import { consoleLinksFor } from '@/lib/auth/console-nav';
import { requestIsHttps } from '@/lib/auth/cookie-security';
import { SESSION_ABSOLUTE_MS, SESSION_IDLE_MS, sessionExpiry, sessionVerdict, shouldTouch } from '@/lib/auth/session-rules';
import { twoFactorRequired } from '@/lib/auth/two-factor-policy';

const start = new Date('2026-11-24T08:00:00Z');
const at = (ms: number) => new Date(start.getTime() + ms);
const minute = 60_000;
const session = (over: Partial<Parameters<typeof sessionVerdict>[0]> = {}) => ({
  createdAt: start,
  lastSeenAt: start,
  expiresAt: sessionExpiry(start),
  revokedAt: null,
  staffDisabledAt: null,
  ...over,
});

describe('session verdict', () => {
  it('is active while used within 30 minutes and under 8 hours', () => {
    expect(SESSION_IDLE_MS).toBe(30 * minute);
    expect(SESSION_ABSOLUTE_MS).toBe(8 * 60 * minute);
    expect(sessionVerdict(session(), at(29 * minute))).toBe('active');
    expect(sessionVerdict(session({ lastSeenAt: at(7 * 60 * minute) }), at(7 * 60 * minute + 29 * minute))).toBe('active');
  });

  it('ends after 30 idle minutes', () => {
    expect(sessionVerdict(session(), at(30 * minute))).toBe('idle');
  });

  it('ends 8 hours after sign-in however active', () => {
    const busy = session({ lastSeenAt: at(8 * 60 * minute - minute) });
    expect(sessionVerdict(busy, at(8 * 60 * minute))).toBe('expired');
    // A row whose expires_at is earlier (or later) than 8 hours still ends at the earlier of the two.
    expect(sessionVerdict(session({ expiresAt: at(10 * minute), lastSeenAt: at(10 * minute) }), at(11 * minute))).toBe('expired');
    expect(sessionVerdict(session({ expiresAt: at(24 * 60 * minute), lastSeenAt: at(8 * 60 * minute) }), at(8 * 60 * minute + 1))).toBe('expired');
  });

  it('ends at once when revoked or when the account is disabled', () => {
    expect(sessionVerdict(session({ revokedAt: at(minute) }), at(2 * minute))).toBe('revoked');
    expect(sessionVerdict(session({ staffDisabledAt: at(minute) }), at(2 * minute))).toBe('disabled');
  });

  it('refreshes last_seen_at at most once a minute', () => {
    expect(shouldTouch(start, at(59_999))).toBe(false);
    expect(shouldTouch(start, at(minute))).toBe(true);
  });
});

describe('two-factor policy', () => {
  it('requires it of supervisors and admins outside demo mode only', () => {
    expect(twoFactorRequired('moderator', false)).toBe(false);
    expect(twoFactorRequired('supervisor', false)).toBe(true);
    expect(twoFactorRequired('admin', false)).toBe(true);
    expect(twoFactorRequired('admin', true)).toBe(false);
  });
});

describe('console navigation', () => {
  it('shows each role only the sections it may open', () => {
    expect(consoleLinksFor('moderator').map((l) => l.label)).toEqual(['Queue', 'Obligations']);
    expect(consoleLinksFor('supervisor').map((l) => l.label)).toEqual(['Queue', 'Obligations', 'Approvals', 'Holds', 'Audit', 'Metrics']);
    expect(consoleLinksFor('admin').map((l) => l.label)).toEqual(['Queue', 'Obligations', 'Approvals', 'Holds', 'Audit', 'Metrics', 'Hash lists', 'Staff', 'Integrations']);
  });
});

describe('secure cookies', () => {
  it('follow the protocol the request came in on', () => {
    expect(requestIsHttps(new Headers({ 'x-forwarded-proto': 'https' }))).toBe(true);
    expect(requestIsHttps(new Headers({ 'x-forwarded-proto': 'https, http' }))).toBe(true);
    expect(requestIsHttps(new Headers({ 'x-forwarded-proto': 'http' }))).toBe(false);
    expect(requestIsHttps(new Headers())).toBe(false);
  });
});
