import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { beforeAll, expect, it } from 'vitest';
import { listPendingApprovals } from '@/lib/cases/list-pending-approvals';
import { resetConfigForTests } from '@/lib/config';
import { getPrisma } from '@/lib/db';
import { createApiKey } from '@/lib/platform/create-api-key';
import { acceptReport } from '@/lib/reports/accept-report';
import { ZReportInput } from '@/lib/reports/schema';
import { decideReferral } from '@/lib/referrals/decide-referral';
import { exportReferral } from '@/lib/referrals/export-referral';
import { getReferralPanel } from '@/lib/referrals/list-referrals';
import { prepareReferral } from '@/lib/referrals/prepare-referral';
import { recordHotlineReport } from '@/lib/referrals/record-hotline-report';
import { getSigningKey } from '@/lib/referrals/signing-key';
import { verifyPacket } from '@/lib/referrals/verify-packet';
import { createStaffPrincipal, reportAccount } from '../factories/cases';
import { ownerPrisma } from '../setup/role-clients';
import { describeWithNcmecSchema } from '../setup/ncmec-schema-vitest';

/** Issue 9: approval freezes the packet; one case, one story across hotlines; platform facts only from platforms. */
const keyFile = path.join(mkdtempSync(path.join(tmpdir(), 'tc-referral-freeze-')), 'referral-signing-key.pem');
process.env.REFERRAL_CONTACT_EMAIL = 'safety@example.test';
process.env.REFERRAL_SIGNING_KEY_PATH = keyFile;
resetConfigForTests();

const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');
const audit = (referralId: string) =>
  getPrisma().auditEntry.findMany({ where: { entityType: 'referral', entityId: referralId }, orderBy: { id: 'asc' }, select: { event: true, payload: true } });

/** Another report about the same account, as a member of the public or (with apiClientId) a platform. */
async function fileReport(handle: string, input: Record<string, unknown>, apiClientId?: string) {
  const report = ZReportInput.parse({ account: { handle }, description: 'Another report.', ...input });
  return acceptReport(report, { channel: apiClientId ? 'api' : 'web', sourceHash: `src-${Math.random()}`, reporterFingerprint: `fp-${Math.random()}`, apiClientId });
}

// Every test here prepares an NCMEC referral (validated against NCMEC's schema at prepare).
describeWithNcmecSchema('referral freeze', () => {
  let moderator: Awaited<ReturnType<typeof createStaffPrincipal>>;
  let supervisor: Awaited<ReturnType<typeof createStaffPrincipal>>;
  beforeAll(async () => {
    moderator = await createStaffPrincipal('moderator', 'Mo Preparer');
    supervisor = await createStaffPrincipal('supervisor', 'Sue Approver');
  });

  it('prepare → approve → a new report (changing the incident type) → export yields exactly the approved bytes', async () => {
    const kase = await reportAccount({ category: 'grooming' });
    const prepared = await prepareReferral({ caseId: kase.caseId, hotline: 'ncmec', actor: moderator });
    const stored = await getPrisma().referral.findUniqueOrThrow({ where: { id: prepared.referralId }, select: { payloadText: true, payloadSha256: true } });
    expect(sha256(stored.payloadText!)).toBe(prepared.payloadSha256);
    expect(stored.payloadText).toContain('Online Enticement of Children for Sexual Acts');

    // The inbox names hotline, version and case, and carries exactly the stored bytes.
    const inbox = (await listPendingApprovals({ actor: supervisor })).find((a) => a.id === prepared.approvalId)!;
    expect(inbox.referral).toMatchObject({ hotline: 'ncmec', hotlineName: 'NCMEC CyberTipline', version: 1, payloadText: stored.payloadText, payloadSha256: prepared.payloadSha256 });
    // A decision made on a stale preview is refused.
    await expect(decideReferral({ referralId: prepared.referralId, actor: supervisor, decision: 'approve', payloadSha256: '0'.repeat(64) })).rejects.toMatchObject({ code: 'conflict' });
    await decideReferral({ referralId: prepared.referralId, actor: supervisor, decision: 'approve', payloadSha256: prepared.payloadSha256 });

    // An anonymous danger-now trafficking report about the same account arrives after approval.
    await fileReport(kase.handle, { category: 'trafficking', dangerNow: true, description: 'meet her tonight at 8pm' });
    const packet = await exportReferral({ referralId: prepared.referralId, actor: moderator });
    const files = unzipSync(packet.zip);
    expect(new TextDecoder().decode(files['report.xml'])).toBe(stored.payloadText);
    expect(sha256(files['report.xml']!)).toBe(prepared.payloadSha256);
    const verified = verifyPacket(packet.zip, (await getSigningKey(keyFile)).publicKey);
    expect(verified).toMatchObject({
      ok: true,
      manifest: { preparedBy: { id: moderator.id, name: 'Mo Preparer' }, approvedBy: { id: supervisor.id, name: 'Sue Approver' }, approvedPayloadHash: prepared.payloadSha256 },
    });
    expect(packet.manifest.files.find((f) => f.path === 'report.xml')!.sha256).toBe(prepared.payloadSha256);
    expect(new TextDecoder().decode(files['summary.html'])).not.toContain('meet her tonight');
    const again = await exportReferral({ referralId: prepared.referralId, actor: moderator });
    expect(new TextDecoder().decode(unzipSync(again.zip)['report.xml'])).toBe(stored.payloadText);

    // Prepare, approve and every export share the payload hash in the audit log.
    const entries = await audit(prepared.referralId);
    expect(entries.map((e) => e.event)).toEqual(['referral.prepared', 'referral.approved', 'referral.exported', 'referral.exported']);
    for (const e of entries) expect(e.payload).toMatchObject({ payloadSha256: prepared.payloadSha256 });

    // The panel says a report arrived after this version; a new version supersedes it and is approved again.
    const panel = await getReferralPanel(kase.caseId);
    expect(panel.referrals[0]).toMatchObject({ version: 1, status: 'exported', reportsSince: 1 });
    expect(panel.preparable).toContain('ncmec');
    const v2 = await prepareReferral({ caseId: kase.caseId, hotline: 'ncmec', actor: moderator });
    expect(v2.version).toBe(2);
    expect(v2.payloadSha256).not.toBe(prepared.payloadSha256);
    expect(await getPrisma().referral.findUniqueOrThrow({ where: { id: prepared.referralId }, select: { status: true } })).toEqual({ status: 'superseded' });
    await expect(exportReferral({ referralId: prepared.referralId, actor: moderator })).rejects.toMatchObject({ code: 'conflict' });
    await expect(exportReferral({ referralId: v2.referralId, actor: moderator })).rejects.toMatchObject({ code: 'conflict' });
    await decideReferral({ referralId: v2.referralId, actor: supervisor, decision: 'approve' });
    const v2packet = await exportReferral({ referralId: v2.referralId, actor: moderator });
    expect(v2packet.payload.text).toContain('Child Sex Trafficking');
    expect(v2packet.payload.text).toContain('meet her tonight at 8pm');
    expect(v2packet.fileName).toMatch(/-version2-v1\.zip$/);
  });

  it('refuses a new version while nothing new has arrived', async () => {
    const kase = await reportAccount({ category: 'grooming' });
    const r = await prepareReferral({ caseId: kase.caseId, hotline: 'ncmec', actor: moderator });
    await decideReferral({ referralId: r.referralId, actor: supervisor, decision: 'approve' });
    await expect(prepareReferral({ caseId: kase.caseId, hotline: 'ncmec', actor: moderator })).rejects.toMatchObject({ code: 'conflict', userMessage: expect.stringMatching(/no report has arrived since/) });
    expect((await getReferralPanel(kase.caseId)).preparable).not.toContain('ncmec');
  });

  it('an acknowledged version is never exported again; the next version is a follow-up citing both hotlines on the same case', async () => {
    const kase = await reportAccount({ category: 'sextortion' });
    await fileReport(kase.handle, { category: 'sextortion', reporter: { country: 'GB' } });
    const ncmec = await prepareReferral({ caseId: kase.caseId, hotline: 'ncmec', actor: moderator });
    await decideReferral({ referralId: ncmec.referralId, actor: supervisor, decision: 'approve' });
    await exportReferral({ referralId: ncmec.referralId, actor: moderator });
    await recordHotlineReport({ input: { referralId: ncmec.referralId, hotlineReportId: '555000111', submittedAt: new Date().toISOString() }, actor: moderator });
    await expect(exportReferral({ referralId: ncmec.referralId, actor: moderator })).rejects.toMatchObject({
      code: 'conflict',
      userMessage: expect.stringMatching(/already acknowledged this version as report 555000111; exporting it again would make a duplicate report/),
    });

    // The NCA packet of the same case cites the CyberTip ID.
    const nca = await prepareReferral({ caseId: kase.caseId, hotline: 'uk_nca', actor: moderator });
    await decideReferral({ referralId: nca.referralId, actor: supervisor, decision: 'approve' });
    const ncaPacket = await exportReferral({ referralId: nca.referralId, actor: moderator });
    expect(JSON.parse(ncaPacket.payload.text).previousReferrals).toEqual([{ hotline: 'ncmec', reference: '555000111', caseNumber: expect.any(String) }]);
    await recordHotlineReport({ input: { referralId: nca.referralId, hotlineReportId: 'NCA-77', submittedAt: new Date().toISOString() }, actor: moderator });

    // A new NCMEC version after acknowledgement is a follow-up: priorCTReports and the NCA reference.
    const followUp = await prepareReferral({ caseId: kase.caseId, hotline: 'ncmec', actor: moderator });
    expect(followUp.version).toBe(2);
    await decideReferral({ referralId: followUp.referralId, actor: supervisor, decision: 'approve' });
    const text = (await exportReferral({ referralId: followUp.referralId, actor: moderator })).payload.text;
    expect(text).toContain('<priorCTReports>555000111</priorCTReports>');
    expect(text).toMatch(/Earlier referral to uk_nca: NCA-77/);
    expect((await getReferralPanel(kase.caseId)).referrals.find((r) => r.id === followUp.referralId)).toMatchObject({ followUpOf: ['555000111'] });
  });

  it('takes platform facts only from reports sent with an API key', async () => {
    const admin = await createStaffPrincipal('admin');
    const key = await createApiKey({ name: `platform-${Date.now()}`, scopes: ['reports:write'], actor: admin });
    const kase = await reportAccount({ category: 'grooming' });
    const context = (name: string, ip: string) => ({ displayName: name, countryCode: 'GB', ipCaptureEvents: [{ ipAddress: ip, eventName: 'Login', dateTime: '2026-01-02T00:00:00Z' }] });
    // Written straight to the table by the owner, as a report accepted before the database rule
    // (reports_platform_facts_need_api_client, NOT VALID) existed: such old rows must not reach packets either.
    const owner = ownerPrisma();
    await owner.$executeRawUnsafe('ALTER TABLE reports DROP CONSTRAINT reports_platform_facts_need_api_client');
    await owner.$executeRaw`
      INSERT INTO reports (id, reference, case_id, account_id, channel, category, danger_now, description, content_urls, media_hashes, platform_context, source_hash, reporter_fingerprint, request_hash, received_at)
      SELECT gen_random_uuid(), reference || 'F', case_id, account_id, channel, category, danger_now, description, content_urls, ARRAY['MD5:ffffffffffffffffffffffffffffffff'],
             ${JSON.stringify(context('Forged Name', '192.0.2.66'))}::jsonb, source_hash, reporter_fingerprint, request_hash || 'f', received_at
      FROM reports WHERE case_id = ${kase.caseId}::uuid LIMIT 1`;
    await owner.$executeRawUnsafe(
      `ALTER TABLE reports ADD CONSTRAINT reports_platform_facts_need_api_client CHECK (api_client_id IS NOT NULL OR (platform_context IS NULL AND coalesce(cardinality(media_hashes), 0) = 0)) NOT VALID`,
    );
    await getPrisma().reportedAccount.update({ where: { id: kase.accountId }, data: { countryHint: 'GB' } });
    await expect(prepareReferral({ caseId: kase.caseId, hotline: 'uk_nca', actor: moderator })).rejects.toMatchObject({ code: 'conflict' });
    let r = await prepareReferral({ caseId: kase.caseId, hotline: 'ncmec', actor: moderator });
    let xml = (await getPrisma().referral.findUniqueOrThrow({ where: { id: r.referralId } })).payloadText!;
    expect(xml).not.toContain('Forged Name');
    expect(xml).not.toContain('192.0.2.66');
    expect(xml).not.toContain('ffffffffffffffffffffffffffffffff');
    expect(xml).not.toContain('<countryCode>');

    await fileReport(kase.handle, { category: 'grooming', platformContext: context('Platform Name', '198.51.100.7') }, key.id);
    r = await prepareReferral({ caseId: kase.caseId, hotline: 'ncmec', actor: moderator });
    xml = (await getPrisma().referral.findUniqueOrThrow({ where: { id: r.referralId } })).payloadText!;
    expect(xml).toContain('<displayName>Platform Name</displayName>');
    expect(xml).toContain('<ipAddress>198.51.100.7</ipAddress>');
    expect(xml).toContain('<countryCode>GB</countryCode>');
    expect(xml).not.toContain('Forged Name');
  });
});
