import { describe, expect, it } from 'vitest';
import { buildNcaReferral } from '@/lib/referrals/build-nca-json';
import { buildNcmecXml } from '@/lib/referrals/build-ncmec-xml';
import { buildSummary } from '@/lib/referrals/build-summary';
import { knownContentLines } from '@/lib/referrals/known-content-text';
import type { ReferralKnownContent } from '@/lib/referrals/types';
import { validateNcmecXml } from '@/lib/referrals/validate-ncmec-xml';
import { referralReport, referralSource, TEST_ORG } from '../factories/referrals';
import { describeWithNcmecSchema, ncmecXsdFile } from '../setup/ncmec-schema-vitest';

const NOW = new Date('2026-02-01T00:00:00Z');
const PDQ = `PDQ:${'f0'.repeat(32)}`;
const MD5 = 'MD5:9e107d9d372bb6826bd81d3542a419d6';
const report = referralReport({ category: 'child_sexual_imagery', mediaHashes: [PDQ, MD5, 'SHA256:' + 'ab'.repeat(32)] });
const knownContent: ReferralKnownContent[] = [
  { listName: 'Hotline list <A>', listSource: 'NCMEC & partners', algorithm: 'md5', reportHash: MD5, reportReference: report.reference, distance: 0, threshold: 0, entryLabel: null },
  { listName: 'Industry PDQ', listSource: 'Tech Coalition', algorithm: 'pdq', reportHash: PDQ, reportReference: report.reference, distance: 17, threshold: 31, entryLabel: 'series 42' },
];
const source = () => referralSource({ category: 'child_sexual_imagery', reports: [report], knownContent });

describe('a referral states known-content matches as text', () => {
  it('names the hash, the report, the list and who vouches for it, and how close', () => {
    const lines = knownContentLines({ knownContent });
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^Known content \(2 matches\).*never seen, fetched or stored/);
    expect(lines[1]).toBe(`- MD5 hash ${MD5} from the platform (report ${report.reference}) matches list "Hotline list <A>" (source: NCMEC & partners): exact match.`);
    expect(lines[2]).toBe(
      `- PDQ hash ${PDQ} from the platform (report ${report.reference}) matches list "Industry PDQ" (source: Tech Coalition, entry "series 42"): Hamming distance 17 of 256 bits (the list matches up to 31).`,
    );
    expect(knownContentLines({})).toEqual([]);
  });

  it('gives each NCA hash value its list matches (none for a hash nothing matched)', () => {
    const base = source();
    const nca = buildNcaReferral({ ...base, account: { ...base.account, countryHint: 'GB' } }, TEST_ORG, NOW);
    expect(nca.hashValues.map((h) => [h.algorithm, h.knownContentMatches])).toEqual([
      ['PDQ', [{ list: 'Industry PDQ', listSource: 'Tech Coalition', distance: 17, threshold: 31, entryLabel: 'series 42' }]],
      ['MD5', [{ list: 'Hotline list <A>', listSource: 'NCMEC & partners', distance: 0, threshold: 0, entryLabel: null }]],
      ['SHA256', []],
    ]);
  });

  it('adds a Known content section to the summary only when something matched', () => {
    const summary = buildSummary(source(), TEST_ORG, 'ncmec', NOW);
    const section = summary.sections.find((s) => s.heading === 'Known content (hash list matches)');
    expect(section?.rows.map(([label]) => label)).toEqual(['Match 1', 'Match 2', 'Note']);
    expect(buildSummary(referralSource(), TEST_ORG, 'ncmec', NOW).sections.some((s) => s.heading.startsWith('Known'))).toBe(false);
  });
});

describeWithNcmecSchema('NCMEC XML with known content', () => {
  it('puts the matches in additionalInfo, escaped, and still validates against the XSD', async () => {
    const xml = buildNcmecXml(source(), TEST_ORG, NOW);
    expect(await validateNcmecXml(xml, ncmecXsdFile)).toEqual({ valid: true });
    expect(xml).toContain('Known content (2 matches)');
    expect(xml).toContain('matches list "Hotline list &lt;A&gt;" (source: NCMEC &amp; partners): exact match.');
    expect(xml).toContain('Hamming distance 17 of 256 bits');
  });
});
