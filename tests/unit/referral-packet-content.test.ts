import { describe, expect, it } from 'vitest';
import { buildPayloadText } from '@/lib/referrals/build-packet';
import { ADDITIONAL_INFO_MAX, buildNcmecXml, ESCALATE_MAX, escalationText } from '@/lib/referrals/build-ncmec-xml';
import { buildNcaReferral } from '@/lib/referrals/build-nca-json';
import { validateNcmecXml, resolveXsdPath } from '@/lib/referrals/validate-ncmec-xml';
import { referralReport, referralSource, TEST_ORG } from '../factories/referrals';
import { itWithNcmecSchema } from '../setup/ncmec-schema-vitest';

/** Issue 9: what a packet says, in what order, attributed to whom, and what it refuses to carry. */
const NOW = new Date('2026-02-01T00:00:00Z');
const XSD = resolveXsdPath(process.env.NCMEC_XSD_PATH);
const unescape = (xml: string) => xml.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
const element = (xml: string, name: string) => unescape(new RegExp(`<${name}>([^<]*)</${name}>\\s*</report>|<${name}>([^<]*)</${name}>`).exec(xml)!.slice(1).find(Boolean)!);
const topAdditionalInfo = (xml: string) => unescape(/<additionalInfo>([^<]*)<\/additionalInfo>\s*<\/report>/.exec(xml)![1]!);
const at = (day: number, hour = 0) => new Date(Date.UTC(2026, 0, day, hour));

describe('CyberTipline additionalInfo and escalation', () => {
  itWithNcmecSchema('lists danger-now reports first, then the rest newest first, and says exactly how many are not listed and where', async () => {
    const reports = Array.from({ length: 3000 }, (_, i) =>
      referralReport({ receivedAt: new Date(at(1).getTime() + i * 60_000), dangerNow: i % 500 === 0, description: `Report number ${i}: ${'he sends messages to children '.repeat(3)}` }),
    );
    const source = referralSource({ reports });
    const xml = buildNcmecXml(source, TEST_ORG, NOW);
    expect(await validateNcmecXml(xml, XSD)).toEqual({ valid: true });
    const info = topAdditionalInfo(xml);
    expect(info.length).toBeLessThanOrEqual(ADDITIONAL_INFO_MAX);
    const listed = info.split('\n').filter((l) => l.startsWith('- '));
    // All six danger-now descriptions reach NCMEC, first, newest first.
    expect(listed.slice(0, 6).map((l) => /Report number (\d+)/.exec(l)![1])).toEqual(['2500', '2000', '1500', '1000', '500', '0']);
    expect(listed[6]).toContain('Report number 2999');
    expect(listed[7]).toContain('Report number 2998');
    const unlisted = 3000 - listed.length;
    expect(unlisted).toBeGreaterThan(0);
    expect(info).toContain(`${unlisted} of 3000 reports are NOT listed here`);
    expect(info).toMatch(/Every report, these included, is listed in summary\.html in this packet/);
  });

  it('escalates with the danger-now reporters own words, within the limit', () => {
    const text = escalationText(
      referralSource({
        reports: [
          referralReport({ dangerNow: true, receivedAt: at(3), description: 'He said he will meet her tonight at 8pm at the station.' }),
          referralReport({ dangerNow: false, receivedAt: at(4), description: 'Not urgent.' }),
          referralReport({ dangerNow: true, receivedAt: at(2), description: 'x'.repeat(5000) }),
        ],
      }),
    )!;
    expect(text).toMatch(/^2 reporters say a child is in immediate danger\. In their own words, newest first: "He said he will meet her tonight at 8pm at the station\." \(reported 2026-01-03T00:00:00\.000Z\) "x{400}…"/);
    expect(text).not.toContain('Not urgent');
    expect(text).not.toMatch(/TC-/);
    expect(text.length).toBeLessThanOrEqual(ESCALATE_MAX);
    expect(escalationText(referralSource())).toBeNull();
  });
});

describe('where each fact comes from', () => {
  itWithNcmecSchema('puts platform facts in structured elements and quotes reporter statements as theirs', async () => {
    const source = referralSource({
      reports: [
        referralReport({ fromPlatform: true, displayName: 'Platform Name', receivedAt: at(5), ipCaptureEvents: [{ ipAddress: '198.51.100.9', eventName: 'Login', dateTime: at(5, 2).toISOString() }] }),
        referralReport({ fromPlatform: false, description: 'I saw him ask for photos.', receivedAt: at(6) }),
      ],
    });
    const xml = buildNcmecXml(source, TEST_ORG, NOW);
    expect(await validateNcmecXml(xml, XSD)).toEqual({ valid: true });
    expect(xml).toContain('<displayName>Platform Name</displayName>');
    const info = topAdditionalInfo(xml);
    expect(info).toMatch(/from a member of the public \(report form or API without a key\); the reporter's words: "I saw him ask for photos\."/);
    expect(info).toMatch(/from the platform \(API key\)/);
    const nca = buildNcaReferral({ ...source, account: { ...source.account, countryHint: 'GB' } }, TEST_ORG, NOW);
    expect(nca.detectedContent.map((d) => d.statementsFrom)).toEqual(['platform', 'reporter']);
  });
});

describe('incident time', () => {
  it('uses a platform event that predates the first report, and says so', () => {
    const source = referralSource({
      reports: [referralReport({ receivedAt: at(10), ipCaptureEvents: [{ ipAddress: '203.0.113.7', eventName: 'Upload', dateTime: at(8).toISOString() }] })],
    });
    const xml = buildNcmecXml(source, TEST_ORG, NOW);
    expect(xml).toContain(`<incidentDateTime>${at(8).toISOString()}</incidentDateTime>`);
    expect(element(xml, 'incidentDateTimeDescription')).toMatch(/^Time of the earliest event the platform recorded for the account \(Upload from 203\.0\.113\.7\), which predates the first report \(TC-\d+, received 2026-01-10T00:00:00\.000Z\)\.$/);
    expect(buildNcaReferral({ ...source, account: { ...source.account, countryHint: 'GB' } }, TEST_ORG, NOW)).toMatchObject({ incidentDateTime: at(8).toISOString() });
  });

  it('ignores events that do not come from the platform', () => {
    const source = referralSource({
      reports: [referralReport({ fromPlatform: false, receivedAt: at(10), ipCaptureEvents: [{ ipAddress: '203.0.113.7', eventName: 'Upload', dateTime: at(8).toISOString() }] })],
    });
    expect(buildNcmecXml(source, TEST_ORG, NOW)).toContain(`<incidentDateTime>${at(10).toISOString()}</incidentDateTime>`);
  });
});

describe('no media in a packet (defence in depth)', () => {
  it('refuses a data: URI or base64 media anywhere in the text, naming the report', () => {
    const dataUri = referralReport({ contentUrls: ['data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=='] });
    expect(() => buildPayloadText(referralSource({ reports: [dataUri] }), TEST_ORG, 'ncmec', NOW)).toThrow(new RegExp(`Report ${dataUri.reference} contains a data: URI`));
    const pasted = referralReport({ description: `look: /9j/4AAQSkZJRgABAQAAAQABAAD${'A'.repeat(60)}` });
    expect(() => buildPayloadText(referralSource({ reports: [pasted] }), TEST_ORG, 'ncmec', NOW)).toThrow(/base64-encoded media file/);
  });

  it('never makes a <url> of a link that is not http(s)', () => {
    const xml = buildNcmecXml(referralSource({ reports: [referralReport({ contentUrls: ['javascript:alert(1)', 'https://social.example/p/1'] })] }), TEST_ORG, NOW);
    expect(xml).toContain('<url>https://social.example/p/1</url>');
    expect(xml).not.toContain('<url>javascript:');
    expect(xml).toContain('1 link(s) are not web (http/https) addresses');
  });
});
