import { describe, expect, it, vi } from 'vitest';
import { decideApprovalAction, decideReferralApprovalAction } from '@/app/(console)/console/approvals/actions';
import { listPendingApprovals } from '@/lib/cases/list-pending-approvals';
import { ZCaseActionInput } from '@/lib/cases/schema';
import { takeAction } from '@/lib/cases/take-action';
import { resetConfigForTests } from '@/lib/config';
import { getPrisma } from '@/lib/db';
import { prepareReferral } from '@/lib/referrals/prepare-referral';
import { caseHeldBy, createStaffPrincipal, reportAccount } from '../factories/cases';
import { signInAs } from '../factories/signed-in';

vi.mock('@/lib/auth/session', async () => (await import('../factories/signed-in')).signedInSessionModule);

process.env.REFERRAL_CONTACT_EMAIL = 'safety@example.test';
resetConfigForTests();

const prisma = getPrisma();
const [holder, requester, approver] = [
  await createStaffPrincipal('supervisor', 'Holding Supervisor'),
  await createStaffPrincipal('supervisor', 'Assigning Supervisor'),
  await createStaffPrincipal('supervisor', 'Deciding Supervisor'),
];

/** A supervisor holding a case asks for a preservation hold on it. */
async function holdRequestedBySupervisor() {
  const kase = await caseHeldBy(holder, requester);
  const result = await takeAction({
    caseId: kase.caseId,
    actor: holder,
    expectedVersion: kase.version,
    input: ZCaseActionInput.parse({ type: 'request_preservation_hold', reasonCode: 'law_enforcement_request', note: 'Ref 42.' }),
  });
  return { caseId: kase.caseId, approvalId: result.approvalId! };
}

describe('approvals inbox', () => {
  it('never lets the requester decide their own request: disabled in the list, refused by the action', async () => {
    const { approvalId } = await holdRequestedBySupervisor();
    const own = (await listPendingApprovals({ actor: holder })).find((a) => a.id === approvalId);
    expect(own).toMatchObject({ canDecide: false, requestedBy: { id: holder.id, name: 'Holding Supervisor' }, reason: 'Ref 42.' });
    signInAs(holder);
    expect(await decideApprovalAction({ approvalId, decision: 'approve', reason: '' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await prisma.approval.findUniqueOrThrow({ where: { id: approvalId } })).toMatchObject({ status: 'pending' });

    const other = (await listPendingApprovals({ actor: approver })).find((a) => a.id === approvalId);
    expect(other?.canDecide).toBe(true);
  });

  it('another supervisor approves or rejects with a reason (a rejection needs one)', async () => {
    const first = await holdRequestedBySupervisor();
    signInAs(approver);
    expect(await decideApprovalAction({ approvalId: first.approvalId, decision: 'approve', reason: 'Valid request.' })).toMatchObject({
      ok: true,
      data: { approvalStatus: 'approved', caseId: first.caseId },
    });
    expect(await prisma.preservationHold.count({ where: { approvalId: first.approvalId } })).toBe(1);

    const second = await holdRequestedBySupervisor();
    expect(await decideApprovalAction({ approvalId: second.approvalId, decision: 'reject', reason: '  ' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await decideApprovalAction({ approvalId: second.approvalId, decision: 'reject', reason: 'No legal basis.' })).toMatchObject({
      ok: true,
      data: { approvalStatus: 'rejected' },
    });
    const pending = await listPendingApprovals({ actor: approver });
    expect(pending.map((p) => p.id)).not.toContain(first.approvalId);
    expect(pending.map((p) => p.id)).not.toContain(second.approvalId);
  });

  it('lists a referral approval without a prepared payload (older data), which decideApprovalAction refuses', async () => {
    const kase = await reportAccount();
    const referral = await prisma.approval.create({
      data: { kind: 'referral', caseId: kase.caseId, requestedById: holder.id, reasonCode: 'ncmec_report', reason: 'Packet v1 ready.' },
    });
    const row = (await listPendingApprovals({ actor: approver })).find((a) => a.id === referral.id);
    expect(row).toMatchObject({ kind: 'referral', caseId: kase.caseId, requestedBy: { name: 'Holding Supervisor' }, reason: 'Packet v1 ready.' });
    signInAs(approver);
    expect(await decideApprovalAction({ approvalId: referral.id, decision: 'approve', reason: '' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('decides a prepared referral inline, binding the hash of the frozen preview it names', async () => {
    // A UK-linked case's NCA referral: it needs no NCMEC schema, so this runs on a fresh clone too.
    const kase = await reportAccount({ category: 'grooming', reporterCountry: 'GB' });
    const prepared = await prepareReferral({ caseId: kase.caseId, hotline: 'uk_nca', actor: holder });
    const row = (await listPendingApprovals({ actor: approver })).find((a) => a.id === prepared.approvalId)!;
    expect(row.referral).toMatchObject({ hotlineName: 'UK National Crime Agency (CEOP)', version: 1, payloadPath: 'report.json', payloadSha256: prepared.payloadSha256 });
    expect(JSON.parse(row.referral!.payloadText)).toMatchObject({ format: 'triage-console-nca-referral', ukLink: expect.any(Array) });
    signInAs(approver);
    const input = { referralId: prepared.referralId, decision: 'approve' as const, reason: '' };
    expect(await decideReferralApprovalAction({ ...input, payloadSha256: 'a'.repeat(64) })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await decideReferralApprovalAction({ ...input, payloadSha256: prepared.payloadSha256 })).toMatchObject({ ok: true, data: { status: 'approved' } });
    expect((await listPendingApprovals({ actor: approver })).map((a) => a.id)).not.toContain(prepared.approvalId);
  });
});
