import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { resetConfigForTests } from '@/lib/config';
import { getPrisma } from '@/lib/db';
import { decideReferral } from '@/lib/referrals/decide-referral';
import { exportReferral } from '@/lib/referrals/export-referral';
import { prepareReferral } from '@/lib/referrals/prepare-referral';
import { recordHotlineReport } from '@/lib/referrals/record-hotline-report';
import { getSigningKey } from '@/lib/referrals/signing-key';
import { verifyPacket } from '@/lib/referrals/verify-packet';
import { createStaffPrincipal, reportAccount } from '../factories/cases';
import { describeWithNcmecSchema } from '../setup/ncmec-schema-vitest';

const keyFile = path.join(mkdtempSync(path.join(tmpdir(), 'tc-referral-key-')), 'nested', 'referral-signing-key.pem');
process.env.REFERRAL_CONTACT_EMAIL = 'safety@example.test';
process.env.REFERRAL_CONTACT_NAME = 'Alex Safety';
process.env.REFERRAL_SIGNING_KEY_PATH = keyFile;
resetConfigForTests();

const audit = (referralId: string) =>
  getPrisma().auditEntry.findMany({ where: { entityType: 'referral', entityId: referralId }, orderBy: { id: 'asc' }, select: { event: true, payload: true, actorId: true } });

describeWithNcmecSchema('referral workflow', () => {
  let moderator: Awaited<ReturnType<typeof createStaffPrincipal>>;
  let supervisor: Awaited<ReturnType<typeof createStaffPrincipal>>;
  beforeAll(async () => {
    moderator = await createStaffPrincipal('moderator');
    supervisor = await createStaffPrincipal('supervisor');
  });

  it('prepare → approve by another supervisor → export versions → acknowledge, every step audited with a SHA-256', async () => {
    const kase = await reportAccount({ category: 'child_sexual_imagery' });
    const prepared = await prepareReferral({ caseId: kase.caseId, hotline: 'ncmec', actor: moderator });
    await expect(exportReferral({ referralId: prepared.referralId, actor: moderator })).rejects.toMatchObject({ code: 'conflict' });
    // A moderator cannot approve, and nobody approves their own referral.
    await expect(decideReferral({ referralId: prepared.referralId, actor: moderator, decision: 'approve' })).rejects.toMatchObject({ code: 'forbidden' });
    const selfPrepared = await prepareReferral({ caseId: (await reportAccount({ category: 'grooming' })).caseId, hotline: 'ncmec', actor: supervisor });
    await expect(decideReferral({ referralId: selfPrepared.referralId, actor: supervisor, decision: 'approve' })).rejects.toMatchObject({ code: 'forbidden' });

    const decided = await decideReferral({ referralId: prepared.referralId, actor: supervisor, decision: 'approve' });
    expect(decided).toMatchObject({ status: 'approved', payloadSha256: prepared.payloadSha256 });

    const first = await exportReferral({ referralId: prepared.referralId, actor: moderator });
    const second = await exportReferral({ referralId: prepared.referralId, actor: moderator });
    expect([first.version, second.version]).toEqual([1, 2]);
    const key = await getSigningKey(keyFile);
    expect(verifyPacket(second.zip, key.publicKey)).toMatchObject({ ok: true, manifest: { version: 2, approvedBy: { id: supervisor.id } } });
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    const exports = await getPrisma().referralExport.findMany({ where: { referralId: prepared.referralId }, orderBy: { version: 'asc' }, select: { version: true, sha256: true } });
    expect(exports).toEqual([{ version: 1, sha256: first.sha256 }, { version: 2, sha256: second.sha256 }]);

    await expect(recordHotlineReport({ input: { referralId: prepared.referralId, hotlineReportId: 'not-a-number', submittedAt: new Date().toISOString() }, actor: moderator })).rejects.toMatchObject({ code: 'invalid_input' });
    await recordHotlineReport({ input: { referralId: prepared.referralId, hotlineReportId: '987654321', submittedAt: new Date().toISOString() }, actor: moderator });
    const row = await getPrisma().referral.findUniqueOrThrow({ where: { id: prepared.referralId } });
    expect(row).toMatchObject({ status: 'acknowledged', hotlineReportId: '987654321' });

    const entries = await audit(prepared.referralId);
    expect(entries.map((e) => e.event)).toEqual(['referral.prepared', 'referral.approved', 'referral.exported', 'referral.exported', 'referral.acknowledged']);
    expect(entries[2]!.payload).toMatchObject({ packetSha256: first.sha256, version: 1 });
    expect(entries[4]!.payload).toMatchObject({ packetSha256: second.sha256 });
  });

  it('a later case about the same account is a follow-up citing the earlier CyberTipline report', async () => {
    const handle = `repeat_${Date.now()}`;
    const kase = await reportAccount({ handle, category: 'sextortion' });
    const r1 = await prepareReferral({ caseId: kase.caseId, hotline: 'ncmec', actor: moderator });
    await decideReferral({ referralId: r1.referralId, actor: supervisor, decision: 'approve' });
    await exportReferral({ referralId: r1.referralId, actor: moderator });
    await recordHotlineReport({ input: { referralId: r1.referralId, hotlineReportId: '111222333', submittedAt: new Date().toISOString() }, actor: moderator });
    // Close the first case so a new report opens a new case for the same account.
    await getPrisma().case.update({ where: { id: kase.caseId }, data: { status: 'closed', resolution: 'dismissed', closedAt: new Date(), version: { increment: 1 } } });
    const later = await reportAccount({ handle, category: 'sextortion' });
    expect(later.caseId).not.toBe(kase.caseId);
    const r2 = await prepareReferral({ caseId: later.caseId, hotline: 'ncmec', actor: moderator });
    await decideReferral({ referralId: r2.referralId, actor: supervisor, decision: 'approve' });
    const packet = await exportReferral({ referralId: r2.referralId, actor: moderator });
    expect(packet.payload.text).toContain('<priorCTReports>111222333</priorCTReports>');
    expect(packet.payload.text).toContain('<sextortion>true</sextortion>');
  });

  it('refuses an NCA referral for a case that is not UK-linked, and a duplicate in progress', async () => {
    const kase = await reportAccount({ category: 'trafficking' });
    await expect(prepareReferral({ caseId: kase.caseId, hotline: 'uk_nca', actor: moderator })).rejects.toMatchObject({ code: 'conflict' });
    await prepareReferral({ caseId: kase.caseId, hotline: 'ncmec', actor: moderator });
    await expect(prepareReferral({ caseId: kase.caseId, hotline: 'ncmec', actor: moderator })).rejects.toMatchObject({ code: 'conflict' });
  });

  it('a rejected referral stays a draft and can be prepared again', async () => {
    const kase = await reportAccount({ category: 'grooming' });
    const r = await prepareReferral({ caseId: kase.caseId, hotline: 'ncmec', actor: moderator });
    await expect(decideReferral({ referralId: r.referralId, actor: supervisor, decision: 'reject' })).rejects.toMatchObject({ code: 'invalid_input' });
    await decideReferral({ referralId: r.referralId, actor: supervisor, decision: 'reject', reason: 'Add the description' });
    const again = await prepareReferral({ caseId: kase.caseId, hotline: 'ncmec', actor: moderator });
    expect(again.referralId).toBe(r.referralId);
    expect(again.approvalId).not.toBe(r.approvalId);
  });
});
