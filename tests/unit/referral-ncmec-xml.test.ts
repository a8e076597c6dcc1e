import { describe, expect, it } from 'vitest';
import { buildNcmecXml, ncmecIncidentType } from '@/lib/referrals/build-ncmec-xml';
import type { ReferralSource } from '@/lib/referrals/types';
import { assertValidNcmecXml, loadNcmecXsd, NcmecSchemaMissingError, validateNcmecXml } from '@/lib/referrals/validate-ncmec-xml';
import { referralReport, referralSource, TEST_ORG } from '../factories/referrals';
import { describeWithNcmecSchema, ncmecXsdFile } from '../setup/ncmec-schema-vitest';

// NCMEC's schema, read from where the project expects it (never copied into the repo).
const XSD = ncmecXsdFile;
const NOW = new Date('2026-02-01T00:00:00Z');

async function expectValid(source: ReferralSource): Promise<string> {
  const xml = buildNcmecXml(source, TEST_ORG, NOW);
  const result = await validateNcmecXml(xml, XSD);
  expect(result).toEqual({ valid: true });
  return xml;
}

describeWithNcmecSchema('NCMEC CyberTipline XML', () => {
  it.each([
    ['child_sexual_imagery', 'Child Pornography (possession, manufacture, and distribution)'],
    ['grooming', 'Online Enticement of Children for Sexual Acts'],
    ['trafficking', 'Child Sex Trafficking'],
    ['obscene_material_to_child', 'Unsolicited Obscene Material Sent to a Child'],
    ['sextortion', 'Online Enticement of Children for Sexual Acts'],
  ] as const)('validates for %s with incidentType "%s"', async (category, incidentType) => {
    const xml = await expectValid(referralSource({ category }));
    expect(xml).toContain(`<incidentType>${incidentType}</incidentType>`);
    expect(xml.includes('<sextortion>true</sextortion>')).toBe(category === 'sextortion');
    expect(xml).not.toContain('escalateToHighPriority');
  });

  it('names the most serious category when there are several', () => {
    expect(ncmecIncidentType(['grooming', 'child_sexual_imagery'])).toBe('Child Pornography (possession, manufacture, and distribution)');
    expect(() => ncmecIncidentType(['other_abuse'])).toThrow(/no category reportable/);
  });

  it('escalates danger-now cases within 3,000 characters', async () => {
    const reports = Array.from({ length: 300 }, () => referralReport({ dangerNow: true }));
    const xml = await expectValid(referralSource({ reports }));
    const text = /<escalateToHighPriority>([^<]*)</.exec(xml)![1]!;
    expect(text).toMatch(/^300 reporters say a child is in immediate danger\. In their own words, newest first: "He keeps asking my 12-year-old to meet\." \(reported /);
    expect(text).toMatch(/And \d+ more such reports, quoted first in additionalInfo\.$/);
    expect(text.length).toBeLessThanOrEqual(3000);
  });

  it('marks a permanent suspension, a temporary one, and a held account', async () => {
    const permanent = await expectValid(referralSource({ suspension: { at: new Date('2026-01-12T10:00:00Z'), until: null } }));
    expect(permanent).toContain('<accountPermanentlyDisabled disabledDate="2026-01-12T10:00:00.000Z">true</accountPermanentlyDisabled>');
    const temporary = await expectValid(referralSource({ suspension: { at: new Date('2026-01-12T10:00:00Z'), until: new Date('2026-03-01T00:00:00Z') } }));
    expect(temporary).toMatch(/<accountTemporarilyDisabled disabledDate="2026-01-12T10:00:00.000Z" reenabledDate="2026-03-01T00:00:00.000Z">true</);
    const held = await expectValid(referralSource({ holds: [{ startsAt: new Date('2026-01-12T00:00:00Z'), expiresAt: new Date('2027-01-12T00:00:00Z'), releasedAt: null }] }));
    expect(held).toContain('Preservation hold from 2026-01-12T00:00:00.000Z until 2027-01-12T00:00:00.000Z');
  });

  it('puts the account in personOrUserReported and hashes in additionalInfo, with and without IP events', async () => {
    const withAll = await expectValid(
      referralSource({
        reports: [
          referralReport({
            category: 'child_sexual_imagery',
            mediaHashes: ['MD5:9e107d9d372bb6826bd81d3542a419d6', 'PDNA:abcdefgh12345678'],
            displayName: 'Bad Actor',
            ipCaptureEvents: [
              { ipAddress: '203.0.113.7', port: 51234, eventName: 'Login', dateTime: '2026-01-09T08:00:00+01:00' },
              { ipAddress: '2001:db8::1', eventName: 'Upload', dateTime: '2026-01-09T09:00:00Z' },
            ],
          }),
        ],
        account: { id: crypto.randomUUID(), platform: 'example-social', handle: 'bad_actor', platformAccountId: '8812345', profileUrl: 'https://social.example/@bad_actor', countryHint: 'GB' },
      }),
    );
    expect(withAll).toMatch(/<espIdentifier>8812345<\/espIdentifier>\s*<espService>Example Social<\/espService>\s*<screenName>bad_actor<\/screenName>\s*<displayName>Bad Actor<\/displayName>\s*<profileUrl>/);
    expect(withAll).toMatch(/<ipAddress>203.0.113.7<\/ipAddress>\s*<eventName>Login<\/eventName>\s*<dateTime>2026-01-09T07:00:00.000Z<\/dateTime>\s*<port>51234<\/port>/);
    expect(withAll).toContain('media hashes from the platform: MD5:9e107d9d372bb6826bd81d3542a419d6 PDNA:abcdefgh12345678');
    expect(withAll).not.toContain('originalFileHash');
    expect(withAll).toContain('<countryCode>GB</countryCode>');
    const bare = await expectValid(referralSource({ reports: [referralReport({ contentUrls: [], description: '' })], account: { id: crypto.randomUUID(), platform: 'p', handle: null, platformAccountId: null, profileUrl: null, countryHint: null } }));
    expect(bare).not.toContain('ipCaptureEvent');
    expect(bare).not.toContain('internetDetails');
  });

  it('cites earlier CyberTipline reports as priorCTReports and others as text', async () => {
    const xml = await expectValid(
      referralSource({
        priorReferrals: [
          { hotline: 'ncmec', hotlineReportId: '123456789', caseId: crypto.randomUUID(), caseNumber: '7', submittedAt: null },
          { hotline: 'uk_nca', hotlineReportId: 'NCA-REF-1', caseId: crypto.randomUUID(), caseNumber: '8', submittedAt: null },
        ],
      }),
    );
    expect(xml).toContain('<priorCTReports>123456789</priorCTReports>');
    expect(xml).toContain('Earlier referral to uk_nca: NCA-REF-1 (case 8).');
  });

  it('keeps the incident time at the earliest report and never in the future', async () => {
    const xml = await expectValid(referralSource({ reports: [referralReport({ receivedAt: new Date('2026-01-05T00:00:00Z') }), referralReport({ receivedAt: new Date('2026-01-03T00:00:00Z') })] }));
    expect(xml).toContain('<incidentDateTime>2026-01-03T00:00:00.000Z</incidentDateTime>');
    expect(xml).toMatch(/<incidentDateTimeDescription>Time the first report \(TC-\d+\) was received; the platform supplied no earlier event\.<\/incidentDateTimeDescription>/);
    const future = buildNcmecXml(referralSource({ reports: [referralReport({ receivedAt: new Date('2030-01-01T00:00:00Z') })] }), TEST_ORG, NOW);
    expect(future).toContain(`<incidentDateTime>${NOW.toISOString()}</incidentDateTime>`);
  });

  it('survives hostile text: markup and control characters stay inert text', async () => {
    const xml = await expectValid(referralSource({ reports: [referralReport({ description: '</additionalInfo><x>\u0001 & "quotes" \uD800' })] }));
    expect(xml).toContain('&lt;/additionalInfo&gt;&lt;x&gt; &amp; "quotes"');
  });

  it('the validator rejects an out-of-order document', async () => {
    const xml = buildNcmecXml(referralSource(), TEST_ORG, NOW).replace(/(<espIdentifier>[^<]*<\/espIdentifier>)\s*(<espService>[^<]*<\/espService>)\s*(<screenName>[^<]*<\/screenName>)/, '$3$1$2');
    const result = await validateNcmecXml(xml, XSD);
    expect(result.valid).toBe(false);
  });

  it('names the line and the rule when a document fails, and refuses one that is not XML', async () => {
    const xml = buildNcmecXml(referralSource(), TEST_ORG, NOW).replace('<incidentType>', '<bogus/><incidentType>');
    const line = xml.split('\n').findIndex((l) => l.includes('<bogus/>')) + 1;
    await expect(assertValidNcmecXml(xml, XSD)).rejects.toThrow(`The CyberTipline report does not validate against NCMEC's schema:\nreport.xml:${line}: Element 'bogus': This element is not expected.`);
    const broken = await validateNcmecXml('<report><incidentSummary></report>', XSD);
    expect(broken.valid).toBe(false);
    // The compiled schema is kept between calls: a valid document still validates after failures.
    await expectValid(referralSource());
  });
});

describe('NCMEC schema missing', () => {
  it('says how to obtain the schema when it is missing, as a conflict the panel shows', async () => {
    await expect(loadNcmecXsd('/nonexistent/cyber_tipline.xsd')).rejects.toThrow(NcmecSchemaMissingError);
    await expect(loadNcmecXsd('/nonexistent/cyber_tipline.xsd')).rejects.toMatchObject({ code: 'conflict', userMessage: expect.stringMatching(/not found at \/nonexistent\/cyber_tipline\.xsd.*GET \/xsd.*NCMEC_XSD_PATH/) });
  });
});
