import { describe, expect, it } from 'vitest';
import { buildNcaReferral } from '@/lib/referrals/build-nca-json';
import { buildNcmecXml } from '@/lib/referrals/build-ncmec-xml';
import { buildSummary } from '@/lib/referrals/build-summary';
import { networkLines } from '@/lib/referrals/network-text';
import type { ReferralSource } from '@/lib/referrals/types';
import { validateNcmecXml } from '@/lib/referrals/validate-ncmec-xml';
import { referralSource, TEST_ORG } from '../factories/referrals';
import { describeWithNcmecSchema, ncmecXsdFile } from '../setup/ncmec-schema-vitest';

const NOW = new Date('2026-02-01T00:00:00Z');

const network: NonNullable<ReferralSource['network']> = {
  truncated: false,
  accounts: [
    {
      platform: 'example',
      handle: 'ring_two',
      platformAccountId: '998877',
      hops: 1,
      links: [{ reason: 'shared_content_url', detail: 'https://files.example/abc' }],
      hotlineReportIds: [{ hotline: 'ncmec', hotlineReportId: '123456789' }],
    },
    {
      platform: 'example',
      handle: null,
      platformAccountId: 'acc-3 <&>',
      hops: 2,
      links: [{ reason: 'replaced_account', detail: 'ring_two' }],
      hotlineReportIds: [{ hotline: 'uk_nca', hotlineReportId: 'NCA-2026-77' }],
    },
  ],
};

describe('a referral cites the account network', () => {
  it('names each linked account, why it is linked and the hotline IDs recorded for it', () => {
    const lines = networkLines({ network });
    expect(lines).toHaveLength(3);
    expect(lines[1]).toBe('- example, handle @ring_two, account ID 998877, directly linked: Same content link (https://files.example/abc); hotline reports already made: NCMEC CyberTipline 123456789.');
    expect(lines[2]).toContain('two links away: A replacement for another account, says the platform (ring_two); hotline reports already made: UK NCA NCA-2026-77.');
    expect(networkLines({})).toEqual([]);
    expect(networkLines({ network: { accounts: [], truncated: false } })).toEqual([]);
  });

  it('writes the network into the NCA connectedAccounts section', () => {
    const source = referralSource({ network });
    const nca = buildNcaReferral({ ...source, account: { ...source.account, countryHint: 'GB' } }, TEST_ORG, NOW);
    expect(nca.connectedAccounts).toEqual([
      { platform: 'example', accountId: '998877', handle: 'ring_two', hops: 1, linkReasons: [{ reason: 'shared_content_url', detail: 'https://files.example/abc' }], hotlineReferences: [{ hotline: 'ncmec', reference: '123456789' }] },
      { platform: 'example', accountId: 'acc-3 <&>', handle: null, hops: 2, linkReasons: [{ reason: 'replaced_account', detail: 'ring_two' }], hotlineReferences: [{ hotline: 'uk_nca', reference: 'NCA-2026-77' }] },
    ]);
  });

  it('adds a Linked accounts section to the summary only when there is a network', () => {
    const withNetwork = buildSummary(referralSource({ network }), TEST_ORG, 'ncmec', NOW);
    const section = withNetwork.sections.find((s) => s.heading === 'Linked accounts (network)');
    expect(section?.rows.map(([label]) => label)).toEqual(['Linked account 1', 'Linked account 2']);
    expect(section?.rows[1]![1]).toContain('NCA-2026-77');
    expect(buildSummary(referralSource(), TEST_ORG, 'ncmec', NOW).sections.some((s) => s.heading.startsWith('Linked'))).toBe(false);
  });
});

describeWithNcmecSchema('NCMEC XML with a network', () => {
  it('puts the network in additionalInfo and still validates against the XSD', async () => {
    const xml = buildNcmecXml(referralSource({ network }), TEST_ORG, NOW);
    expect(await validateNcmecXml(xml, ncmecXsdFile)).toEqual({ valid: true });
    expect(xml).toContain('Linked accounts (2)');
    expect(xml).toContain('NCMEC CyberTipline 123456789');
    expect(xml).toContain('account ID acc-3 &lt;&amp;&gt;');
    // Another account's CyberTip ID is cited as text, never as this user's priorCTReports.
    expect(xml).not.toContain('<priorCTReports>123456789</priorCTReports>');
  });
});
