import { randomUUID } from 'node:crypto';
import type { HarmCategory } from '@/lib/generated/prisma/enums';
import type { ReferralOrg, ReferralReport, ReferralSource } from '@/lib/referrals/types';

/** Plain referral inputs for unit tests and the packet benchmark (no database). */

export const TEST_ORG: ReferralOrg = {
  orgName: 'Example Social Ltd',
  serviceName: 'Example Social',
  contactName: 'Alex Safety Lead',
  contactEmail: 'safety@example.test',
};

let n = 0;
export function referralReport(overrides: Partial<ReferralReport> = {}): ReferralReport {
  n += 1;
  return {
    reference: `TC-${String(n).padStart(6, '0')}`,
    receivedAt: new Date(Date.UTC(2026, 0, 10, 12, 0, n % 60)),
    category: 'grooming',
    dangerNow: false,
    fromPlatform: true,
    description: 'He keeps asking my 12-year-old to meet.',
    contentUrls: [`https://social.example/posts/${n}`],
    mediaHashes: [],
    reporterCountry: null,
    displayName: null,
    ipCaptureEvents: [],
    ...overrides,
  };
}

export function referralSource(overrides: Partial<ReferralSource> & { category?: HarmCategory } = {}): ReferralSource {
  const { category = 'grooming', ...rest } = overrides;
  const reports = rest.reports ?? [referralReport({ category })];
  return {
    caseId: randomUUID(),
    caseNumber: '42',
    categories: [...new Set(reports.map((r) => r.category))],
    dangerNow: reports.some((r) => r.dangerNow),
    account: {
      id: randomUUID(),
      platform: 'example-social',
      handle: 'bad_actor',
      platformAccountId: '8812345',
      profileUrl: 'https://social.example/@bad_actor',
      countryHint: null,
    },
    suspension: null,
    holds: [],
    priorReferrals: [],
    ...rest,
    reports,
  };
}

/** A case with `count` reports, every field filled, for the benchmark. */
export function largeReferralSource(count: number): ReferralSource {
  const categories: HarmCategory[] = ['child_sexual_imagery', 'grooming', 'sextortion', 'trafficking', 'obscene_material_to_child'];
  const reports = Array.from({ length: count }, (_, i) =>
    referralReport({
      category: categories[i % categories.length]!,
      dangerNow: i % 97 === 0,
      description: `Report ${i}: messages asking a child for pictures and threatening to share them.`,
      contentUrls: [`https://social.example/posts/${i}`, `https://cdn.example/m/${i}`],
      mediaHashes: [`MD5:${i.toString(16).padStart(32, '0')}`, `PDNA:${'a'.repeat(40)}${i}`],
      reporterCountry: i % 3 === 0 ? 'GB' : 'US',
      ipCaptureEvents: i % 50 === 0 ? [{ ipAddress: `203.0.113.${i % 250}`, port: 40000 + (i % 1000), eventName: 'Login', dateTime: new Date(Date.UTC(2026, 0, 1, 0, i % 60)).toISOString() }] : [],
    }),
  );
  return referralSource({
    reports,
    account: { id: randomUUID(), platform: 'example-social', handle: 'bad_actor', platformAccountId: '8812345', profileUrl: 'https://social.example/@bad_actor', countryHint: 'GB' },
    suspension: { at: new Date('2026-01-11T00:00:00Z'), until: null },
    holds: [{ startsAt: new Date('2026-01-11T00:00:00Z'), expiresAt: new Date('2027-01-11T00:00:00Z'), releasedAt: null }],
  });
}
