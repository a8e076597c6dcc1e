import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import type { StaffPrincipal } from '@/lib/auth/roles';
import { resetConfigForTests } from '@/lib/config';
import { getPrisma } from '@/lib/db';
import { respondToNetwork } from '@/lib/networks/respond-to-network';
import { ZNetworkResponseInput } from '@/lib/networks/schema';
import { prepareReferral } from '@/lib/referrals/prepare-referral';
import { validateNcmecXml } from '@/lib/referrals/validate-ncmec-xml';
import { caseHeldBy, caseVersion, createStaffPrincipal } from '../factories/cases';
import { linkAccounts } from '../factories/networks';
import { describeWithNcmecSchema, ncmecXsdFile } from '../setup/ncmec-schema-vitest';

process.env.REFERRAL_HOTLINES = 'ncmec';
process.env.REFERRAL_CONTACT_EMAIL = 'safety@example.test';
process.env.REFERRAL_SIGNING_KEY_PATH = path.join(mkdtempSync(path.join(tmpdir(), 'tc-network-ncmec-key-')), 'key.pem');
resetConfigForTests();

describeWithNcmecSchema('network referrals to the CyberTipline', () => {
  let supervisor: StaffPrincipal;
  beforeAll(async () => {
    supervisor = await createStaffPrincipal('supervisor');
  });

  it('each drafted CyberTipline report cites the other accounts and their CyberTip IDs in additionalInfo, and validates', async () => {
    const prisma = getPrisma();
    const cases = [];
    for (let i = 0; i < 3; i++) cases.push(await caseHeldBy(await createStaffPrincipal('moderator'), supervisor, { category: 'child_sexual_imagery', reporterCountry: 'US' }));
    const [a, b, c] = cases as [(typeof cases)[number], (typeof cases)[number], (typeof cases)[number]];
    await linkAccounts(a.accountId, b.accountId, 'shared_media_hash', 'SHA256:ab12');
    await linkAccounts(a.accountId, c.accountId, 'shared_content_url', 'https://files.example/x');
    const earlier = await prepareReferral({ caseId: b.caseId, hotline: 'ncmec', actor: supervisor });
    await prisma.referral.update({ where: { id: earlier.referralId }, data: { status: 'acknowledged', hotlineReportId: '424242', submittedAt: new Date(), acknowledgedAt: new Date() } });

    const input = ZNetworkResponseInput.parse({
      caseId: a.caseId,
      measures: ['refer'],
      targets: await Promise.all([a, c].map(async (k) => ({ accountId: k.accountId, caseId: k.caseId, expectedVersion: await caseVersion(k.caseId) }))),
    });
    const { results } = await respondToNetwork({ input, actor: supervisor });
    expect(results.map((r) => r.outcome)).toEqual(['done', 'done']);

    const xmlA = (await prisma.referral.findFirstOrThrow({ where: { caseId: a.caseId, hotline: 'ncmec' }, select: { payloadText: true } })).payloadText!;
    expect(await validateNcmecXml(xmlA, ncmecXsdFile)).toEqual({ valid: true });
    expect(xmlA).toContain(`handle @${b.handle}`);
    expect(xmlA).toContain('Same media hash (SHA256:ab12); hotline reports already made: NCMEC CyberTipline 424242.');
    expect(xmlA).toContain(`handle @${c.handle}`);
    // B's CyberTip ID is another account's: cited as text, not as this user's prior report.
    expect(xmlA).not.toContain('<priorCTReports>424242</priorCTReports>');

    // C is two links from A's other neighbour: C's report cites A (direct) and B (two links away) with B's ID.
    const xmlC = (await prisma.referral.findFirstOrThrow({ where: { caseId: c.caseId, hotline: 'ncmec' }, select: { payloadText: true } })).payloadText!;
    expect(xmlC).toContain(`handle @${a.handle}`);
    expect(xmlC).toMatch(new RegExp(`handle @${b.handle}[^\\n]*two links away[^\\n]*NCMEC CyberTipline 424242`));
  });
});
