import { describe, expect, it } from 'vitest';
import type { StaffPrincipal } from '@/lib/auth/roles';
import { decideApproval } from '@/lib/cases/decide-approval';
import { listPendingApprovals } from '@/lib/cases/list-pending-approvals';
import { ZCaseActionInput, type TCaseActionFormInput } from '@/lib/cases/schema';
import { takeAction } from '@/lib/cases/take-action';
import { getPrisma } from '@/lib/db';
import { caseHeldBy, createStaffPrincipal, reportAccount, type TestCase } from '../factories/cases';

const prisma = getPrisma();
const DAY = 86_400_000;
const [moderator, requester, approver, admin] = [
  await createStaffPrincipal('moderator'),
  await createStaffPrincipal('supervisor', 'Requesting Supervisor'),
  await createStaffPrincipal('supervisor'),
  await createStaffPrincipal('admin'),
];

async function act(kase: TestCase, actor: StaffPrincipal, input: TCaseActionFormInput, expectedVersion = kase.version) {
  return takeAction({ caseId: kase.caseId, actor, expectedVersion, input: ZCaseActionInput.parse(input) });
}

/**
 * A case whose holder asked for a preservation hold; returns the case and the approval id. The
 * category is one no hotline takes, so an approved hold is the whole response and the case closes
 * (on a reportable case it stays responding: tests/integration/case-response.test.ts).
 */
async function holdRequested(durationDays?: number) {
  const kase = await caseHeldBy(moderator, requester, { category: 'other_child_harm' });
  const result = await act(kase, moderator, {
    type: 'request_preservation_hold',
    reasonCode: 'law_enforcement_request',
    note: 'Police request ref 2026/77.',
    ...(durationDays ? { durationDays } : {}),
  });
  return { kase: { ...kase, version: result.version }, approvalId: result.approvalId! };
}

describe('preservation holds need a second person', () => {
  it('puts the case in awaiting_approval with a pending request, and lists it in the inbox', async () => {
    const { kase, approvalId } = await holdRequested();
    const after = await prisma.case.findUniqueOrThrow({ where: { id: kase.caseId } });
    expect(after).toMatchObject({ status: 'awaiting_approval', assigneeId: null, closedAt: null });
    const approval = await prisma.approval.findUniqueOrThrow({ where: { id: approvalId } });
    expect(approval).toMatchObject({ kind: 'preservation_hold', status: 'pending', requestedById: moderator.id, payload: { durationDays: 365 } });
    expect(await prisma.outboxEvent.count({ where: { caseId: kase.caseId } })).toBe(0);

    const inbox = await listPendingApprovals({ actor: approver });
    const row = inbox.find((r) => r.id === approvalId)!;
    expect(row).toMatchObject({
      caseId: kase.caseId,
      requestedBy: { id: moderator.id },
      reasonCode: 'law_enforcement_request',
      reasonLabel: 'Law-enforcement request',
      reason: 'Police request ref 2026/77.',
      durationDays: 365,
      canDecide: true,
    });
    await expect(listPendingApprovals({ actor: moderator })).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('approved by a supervisor: hold for a year, account preserved (not suspended), case closed, platform told', async () => {
    const { kase, approvalId } = await holdRequested();
    const before = Date.now();
    const result = await decideApproval({ approvalId, actor: approver, decision: 'approve', reason: 'Valid request.' });
    expect(result).toMatchObject({ approvalStatus: 'approved', status: 'closed', caseId: kase.caseId });

    const hold = await prisma.preservationHold.findUniqueOrThrow({ where: { id: result.holdId! } });
    expect(hold.expiresAt.getTime() - hold.startsAt.getTime()).toBe(365 * DAY);
    expect(hold.startsAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
    const after = await prisma.case.findUniqueOrThrow({ where: { id: kase.caseId }, include: { account: true } });
    expect(after).toMatchObject({ status: 'closed', resolution: 'preserved' });
    expect(after.account.enforcement).toBe('preserved');
    expect(await prisma.approval.findUniqueOrThrow({ where: { id: approvalId } })).toMatchObject({
      status: 'approved',
      decidedById: approver.id,
      decisionReason: 'Valid request.',
    });
    const outbox = await prisma.outboxEvent.findMany({ where: { caseId: kase.caseId } });
    expect(outbox.map((o) => o.type)).toEqual(['account.preservation_hold']);
    expect(outbox[0]!.payload).toMatchObject({ details: { expiresAt: hold.expiresAt.toISOString() } });
    const audit = await prisma.auditEntry.findFirstOrThrow({ where: { caseId: kase.caseId, event: 'case.preservation_hold_approved' } });
    expect(audit).toMatchObject({ actorId: approver.id });
    expect(audit.payload).toMatchObject({ requestedById: moderator.id, holdId: hold.id });

    await expect(decideApproval({ approvalId, actor: admin, decision: 'approve' })).rejects.toMatchObject({ code: 'conflict' });
  });

  it('uses the requested duration', async () => {
    const { approvalId } = await holdRequested(90);
    const result = await decideApproval({ approvalId, actor: approver, decision: 'approve' });
    const hold = await prisma.preservationHold.findUniqueOrThrow({ where: { id: result.holdId! } });
    expect(hold.expiresAt.getTime() - hold.startsAt.getTime()).toBe(90 * DAY);
  });

  it('refuses self-approval (in code and in the database) and a moderator approving', async () => {
    // A supervisor holding a case asks for a hold themselves.
    const kase = await caseHeldBy(requester, approver);
    const supervisorOwn = await act(kase, requester, {
      type: 'request_preservation_hold',
      reasonCode: 'covert_investigation',
      note: 'Keep it up.',
    });
    const approvalId = supervisorOwn.approvalId!;
    await expect(decideApproval({ approvalId, actor: requester, decision: 'approve' })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(decideApproval({ approvalId, actor: moderator, decision: 'approve' })).rejects.toMatchObject({ code: 'forbidden' });
    expect((await listPendingApprovals({ actor: requester })).find((r) => r.id === approvalId)?.canDecide).toBe(false);

    // The database refuses it too, whatever the code path.
    await expect(
      prisma.approval.update({ where: { id: approvalId }, data: { status: 'approved', decidedById: requester.id, decidedAt: new Date() } }),
    ).rejects.toThrow(/approvals_not_self_decided/);

    expect(await prisma.approval.findUniqueOrThrow({ where: { id: approvalId } })).toMatchObject({ status: 'pending', decidedById: null });
    expect(await prisma.preservationHold.count({ where: { approvalId } })).toBe(0);
  });

  it('rejected: the case goes back to the queue with the reason, nothing reaches the platform', async () => {
    const { kase, approvalId } = await holdRequested();
    await expect(decideApproval({ approvalId, actor: approver, decision: 'reject', reason: ' ' })).rejects.toMatchObject({ code: 'invalid_input' });
    const result = await decideApproval({ approvalId, actor: approver, decision: 'reject', reason: 'No request on file.' });
    expect(result).toMatchObject({ approvalStatus: 'rejected', status: 'open' });
    const after = await prisma.case.findUniqueOrThrow({ where: { id: kase.caseId }, include: { account: true } });
    expect(after).toMatchObject({ status: 'open', closedAt: null, assigneeId: null });
    expect(after.account.enforcement).toBe('none');
    const action = await prisma.caseAction.findFirstOrThrow({ where: { approvalId, details: { path: ['stage'], equals: 'rejected' } } });
    expect(action.note).toBe('No request on file.');
    expect(await prisma.outboxEvent.count({ where: { caseId: kase.caseId } })).toBe(0);
    expect(await prisma.auditEntry.count({ where: { caseId: kase.caseId, event: 'case.preservation_hold_rejected' } })).toBe(1);
  });
});

describe('reinstatement', () => {
  it('is for supervisors only, needs a suspended account, and tells the platform', async () => {
    const kase = await caseHeldBy(moderator, requester, { category: 'other_child_harm' });
    const suspended = await act(kase, moderator, { type: 'suspend', reasonCode: 'grooming' });
    const closedCase = { ...kase, version: suspended.version };
    const input = { type: 'reinstate', reasonCode: 'mistaken_identity', note: 'Reports were about another account.' } as const;

    await expect(act(closedCase, moderator, input)).rejects.toMatchObject({ code: 'forbidden' });
    expect((await prisma.reportedAccount.findUniqueOrThrow({ where: { id: kase.accountId } })).enforcement).toBe('suspended');

    const result = await act(closedCase, approver, input);
    expect(result.status).toBe('closed');
    expect(await prisma.reportedAccount.findUniqueOrThrow({ where: { id: kase.accountId } })).toMatchObject({
      enforcement: 'none',
      suspendedUntil: null,
    });
    const outbox = await prisma.outboxEvent.findMany({ where: { caseId: kase.caseId }, orderBy: { id: 'asc' } });
    expect(outbox.map((o) => o.type)).toEqual(['account.suspended', 'account.reinstated']);
    expect(await prisma.caseAction.count({ where: { caseId: kase.caseId, type: 'reinstate', reasonCode: 'mistaken_identity' } })).toBe(1);
    expect(await prisma.auditEntry.count({ where: { caseId: kase.caseId, event: 'case.account_reinstated' } })).toBe(1);

    // Nothing left to reinstate.
    await expect(act({ ...kase, version: result.version }, approver, input)).rejects.toMatchObject({ code: 'conflict' });
  });
});

describe('after closure', () => {
  it('a new report about the account opens a new case linked to the closed one', async () => {
    const kase = await caseHeldBy(moderator, requester);
    await act(kase, moderator, { type: 'dismiss', reasonCode: 'insufficient_information' });
    const next = await reportAccount({ handle: kase.handle });
    expect(next.caseId).not.toBe(kase.caseId);
    const fresh = await prisma.case.findUniqueOrThrow({ where: { id: next.caseId } });
    expect(fresh).toMatchObject({ status: 'open', previousCaseId: kase.caseId, accountId: kase.accountId, reportCount: 1 });
    expect((await prisma.case.findUniqueOrThrow({ where: { id: kase.caseId } })).reportCount).toBe(1);
  });
});
