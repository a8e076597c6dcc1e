import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import type { StaffPrincipal } from '@/lib/auth/roles';
import { takeAction } from '@/lib/cases/take-action';
import { resetConfigForTests } from '@/lib/config';
import { getPrisma } from '@/lib/db';
import { decideReferral } from '@/lib/referrals/decide-referral';
import { exportReferral } from '@/lib/referrals/export-referral';
import { recordHotlineReport } from '@/lib/referrals/record-hotline-report';
import { caseHeldBy, createStaffPrincipal } from '../factories/cases';
import { describeWithNcmecSchema } from '../setup/ncmec-schema-vitest';

process.env.REFERRAL_HOTLINES = 'ncmec,uk_nca';
process.env.REFERRAL_CONTACT_EMAIL = 'safety@example.test';
process.env.REFERRAL_SIGNING_KEY_PATH = path.join(mkdtempSync(path.join(tmpdir(), 'tc-response-ncmec-key-')), 'key.pem');
resetConfigForTests();

const DAY_MS = 86_400_000;

describeWithNcmecSchema('the response to a child sexual abuse case, through the CyberTipline', () => {
  let moderator: StaffPrincipal;
  let supervisor: StaffPrincipal;
  beforeAll(async () => {
    moderator = await createStaffPrincipal('moderator');
    supervisor = await createStaffPrincipal('supervisor');
  });

  it('suspend + preserve + refer; the CyberTip ID starts the one-year statutory hold, replaces the pending one, and closes the case', async () => {
    const prisma = getPrisma();
    const kase = await caseHeldBy(moderator, supervisor, { category: 'child_sexual_imagery', reporterCountry: 'US' });
    const responded = await takeAction({ caseId: kase.caseId, actor: moderator, expectedVersion: kase.version, input: { type: 'respond', enforcement: 'permanent', reasonCode: 'csam_shared', until: null } });
    expect(responded).toMatchObject({ status: 'responding', referrals: [{ hotline: 'ncmec', version: 1, notPrepared: null }] });
    const pendingHold = await prisma.preservationHold.findFirstOrThrow({ where: { caseId: kase.caseId }, select: { id: true, basis: true } });
    expect(pendingHold.basis).toBe('pending_referral');

    const referral = await prisma.referral.findFirstOrThrow({ where: { caseId: kase.caseId, hotline: 'ncmec' }, select: { id: true } });
    await decideReferral({ referralId: referral.id, actor: supervisor, decision: 'approve' });
    await exportReferral({ referralId: referral.id, actor: moderator });
    const submittedAt = new Date(Date.now() - 2 * 3_600_000);
    const acknowledged = await recordHotlineReport({ input: { referralId: referral.id, hotlineReportId: '123456789', submittedAt: submittedAt.toISOString() }, actor: moderator });
    expect(acknowledged.caseClosed).toBe(true);

    const holds = await prisma.preservationHold.findMany({ where: { accountId: kase.accountId }, orderBy: { startsAt: 'asc' }, select: { id: true, basis: true, startsAt: true, expiresAt: true, releasedAt: true, endReason: true, referralId: true, approvalId: true } });
    const statutory = holds.find((h) => h.basis === 'cybertip_report')!;
    expect(statutory).toMatchObject({ id: acknowledged.statutoryHoldId, referralId: referral.id, approvalId: null, releasedAt: null, startsAt: submittedAt });
    expect((statutory.expiresAt.getTime() - submittedAt.getTime()) / DAY_MS).toBe(365);
    expect(holds.find((h) => h.id === pendingHold.id)).toMatchObject({ endReason: 'replaced', releasedAt: expect.any(Date) });

    expect(await prisma.case.findUniqueOrThrow({ where: { id: kase.caseId }, select: { status: true, resolution: true } })).toEqual({ status: 'closed', resolution: 'suspended' });
    const outbox = await prisma.outboxEvent.findMany({ where: { caseId: kase.caseId }, orderBy: { id: 'asc' }, select: { type: true, payload: true } });
    expect(outbox.map((o) => o.type)).toEqual(['account.suspended', 'account.preservation_hold', 'account.preservation_hold', 'account.preservation_hold_ended', 'case.closed']);
    expect(outbox[2]!.payload).toMatchObject({ details: { holdId: statutory.id, basis: 'cybertip_report' } });
    expect(outbox[3]!.payload).toMatchObject({ details: { holdId: pendingHold.id, endReason: 'replaced', replacedBy: statutory.id } });
    const ack = await prisma.auditEntry.findFirstOrThrow({ where: { event: 'referral.acknowledged', caseId: kase.caseId }, select: { payload: true } });
    expect(ack.payload).toMatchObject({ statutoryHoldId: statutory.id, replacedHoldIds: [pendingHold.id] });
  });
});
