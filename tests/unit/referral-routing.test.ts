import { describe, expect, it } from 'vitest';
import { enabledHotlines } from '@/lib/referrals/hotlines';
import { routeCase, type RoutingInput } from '@/lib/referrals/routing';

const report = (category: RoutingInput['reports'][number]['category'], reporterCountry: string | null = null) => ({
  reference: 'TC-1',
  category,
  reporterCountry,
});
const route = (input: Partial<RoutingInput>) =>
  routeCase({ categories: [], reports: [], accountCountryHint: null, ...input }).map((r) => r.hotline);

describe('referral routing', () => {
  it.each(['child_sexual_imagery', 'grooming', 'trafficking', 'obscene_material_to_child', 'sextortion'] as const)(
    'sends %s to NCMEC only when nothing links it to the UK',
    (category) => {
      expect(route({ categories: [category], reports: [report(category, 'US')], accountCountryHint: 'FR' })).toEqual(['ncmec']);
    },
  );

  it('sends non-reportable categories nowhere, UK-linked or not', () => {
    expect(route({ categories: ['other_abuse', 'other_child_harm'], reports: [report('other_abuse', 'GB')], accountCountryHint: 'GB' })).toEqual([]);
  });

  it('adds the NCA when a reporter is in GB, and says why', () => {
    const routes = routeCase({ categories: ['grooming'], reports: [report('grooming', 'US'), { reference: 'TC-9', category: 'grooming', reporterCountry: 'GB' }], accountCountryHint: null });
    expect(routes.map((r) => r.hotline)).toEqual(['ncmec', 'uk_nca']);
    expect(routes[1]!.reasons.join(' ')).toMatch(/Reporter located in GB \(TC-9\)/);
    expect(routes[0]!.reasons[0]).toMatch(/Reportable category: Grooming/);
  });

  it('adds the NCA when the platform locates the account in GB', () => {
    const routes = routeCase({ categories: ['sextortion'], reports: [report('sextortion')], accountCountryHint: 'GB' });
    expect(routes.map((r) => r.hotline)).toEqual(['ncmec', 'uk_nca']);
    expect(routes[1]!.reasons).toContain('The platform locates the account in GB.');
  });

  it('never adds the NCA without a UK link (other countries, no country)', () => {
    expect(route({ categories: ['child_sexual_imagery'], reports: [report('child_sexual_imagery', 'IE')], accountCountryHint: 'US' })).toEqual(['ncmec']);
    expect(route({ categories: ['child_sexual_imagery'], reports: [report('child_sexual_imagery')], accountCountryHint: null })).toEqual(['ncmec']);
  });

  it('counts a report category even when the case summary missed it', () => {
    expect(route({ categories: ['other_abuse'], reports: [report('trafficking')] })).toEqual(['ncmec']);
  });

  it('respects the configured registry', () => {
    const onlyNca = enabledHotlines('uk_nca');
    expect(routeCase({ categories: ['grooming'], reports: [report('grooming', 'GB')], accountCountryHint: null }, onlyNca).map((r) => r.hotline)).toEqual(['uk_nca']);
    expect(enabledHotlines('ncmec,uk_nca').map((h) => h.id)).toEqual(['ncmec', 'uk_nca']);
  });
});
