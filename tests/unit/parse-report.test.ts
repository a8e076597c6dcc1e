import { describe, expect, it } from 'vitest';
import { parseReport, PLATFORM_ONLY_MESSAGE, safeParseReport } from '@/lib/reports/parse-report';
import { toFieldIssues } from '@/lib/reports/schema';

/** Issue 9, requirement 2: platform facts only from platforms. */
const minimal = { account: { handle: 'alice' }, category: 'grooming' } as const;
const platformFacts = {
  platformContext: { countryCode: 'GB', displayName: 'Bad Actor', ipCaptureEvents: [{ ipAddress: '203.0.113.7', dateTime: '2026-01-01T00:00:00Z' }] },
  mediaHashes: ['MD5:9e107d9d372bb6826bd81d3542a419d6'],
  reporter: { platformUserId: 'user-42', country: 'US' },
};

function issuesOf(input: unknown, platform: boolean) {
  const result = safeParseReport(input, { platform });
  if (result.success) throw new Error(`expected a refusal, got ${JSON.stringify(result.data)}`);
  return toFieldIssues(result.error);
}

describe('safeParseReport: platform-only fields', () => {
  it('accepts them from a platform (with an API key)', () => {
    const report = parseReport({ ...minimal, ...platformFacts }, { platform: true });
    expect(report.platformContext?.countryCode).toBe('GB');
    expect(report.mediaHashes).toEqual(['MD5:9e107d9d372bb6826bd81d3542a419d6']);
    expect(report.reporter.platformUserId).toBe('user-42');
  });

  it('refuses each of them from anyone else, naming every field', () => {
    expect(issuesOf({ ...minimal, ...platformFacts }, false)).toEqual([
      { path: 'platformContext', message: PLATFORM_ONLY_MESSAGE },
      { path: 'mediaHashes', message: PLATFORM_ONLY_MESSAGE },
      { path: 'reporter.platformUserId', message: PLATFORM_ONLY_MESSAGE },
    ]);
    expect(PLATFORM_ONLY_MESSAGE).toMatch(/^Only accepted from a platform with an API key/);
  });

  it('refuses one alone, and an empty platformContext object too', () => {
    expect(issuesOf({ ...minimal, platformContext: {} }, false).map((i) => i.path)).toEqual(['platformContext']);
    expect(issuesOf({ ...minimal, reporter: { platformUserId: 'u1' } }, false).map((i) => i.path)).toEqual(['reporter.platformUserId']);
  });

  it('reports them together with the schema issues, so a client fixes everything at once', () => {
    const paths = issuesOf({ ...minimal, category: 'nope', mediaHashes: ['not a hash'] }, false).map((i) => i.path);
    expect(paths.sort()).toEqual(['category', 'mediaHashes', 'mediaHashes.0']);
  });

  it('treats blank, empty and absent values as no fact', () => {
    const report = parseReport({ ...minimal, mediaHashes: [], reporter: { platformUserId: '  ', email: 'kim@mail.example' } }, { platform: false });
    expect(report.mediaHashes).toEqual([]);
    expect(report.reporter).toEqual({ email: 'kim@mail.example' });
    expect(report.platformContext).toBeUndefined();
  });

  it('is not fooled by inherited properties or hostile shapes', () => {
    expect(() => parseReport(Object.create({ mediaHashes: ['MD5:9e107d9d372bb6826bd81d3542a419d6'] }), { platform: false })).toThrow();
    for (const input of [null, 'text', 42, [], { ...minimal, reporter: 'x' }, { ...minimal, reporter: null }]) {
      expect(safeParseReport(input, { platform: false }).success, JSON.stringify(input)).toBe(false);
    }
  });
});
