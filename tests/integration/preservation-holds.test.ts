import { describe, expect, it } from 'vitest';
import type { StaffPrincipal } from '@/lib/auth/roles';
import { decideApproval } from '@/lib/cases/decide-approval';
import { endExpiredSuspensions } from '@/lib/cases/end-expired-suspensions';
import { listPendingApprovals } from '@/lib/cases/list-pending-approvals';
import { ZCaseActionInput } from '@/lib/cases/schema';
import { takeAction } from '@/lib/cases/take-action';
import { getPrisma } from '@/lib/db';
import type { HoldBasis } from '@/lib/generated/prisma/enums';
import { endExpiredHolds } from '@/lib/preservation/end-expired-holds';
import { extendHold } from '@/lib/preservation/extend-hold';
import { HOLD_MAX_TOTAL_DAYS } from '@/lib/preservation/hold-rules';
import { listEndedHolds, listPreservationHolds } from '@/lib/preservation/list-holds';
import { requestHoldRelease } from '@/lib/preservation/request-hold-release';
import { ZExtendHoldInput, ZRequestHoldReleaseInput } from '@/lib/preservation/schema';
import { caseHeldBy, createStaffPrincipal, reportAccount } from '../factories/cases';

/** Issue 11, requirement 3: holds are extended (supervisor, reason, audited), released early by two people, and end by expiry; the platform is told each time. */

const prisma = getPrisma();
const DAY = 86_400_000;
const [moderator, requester, approver, admin] = [
  await createStaffPrincipal('moderator'),
  await createStaffPrincipal('supervisor', 'Requesting Supervisor'),
  await createStaffPrincipal('supervisor', 'Deciding Supervisor'),
  await createStaffPrincipal('admin'),
];

/** A law-enforcement hold started the real way: a moderator asks, a supervisor approves. */
async function lawEnforcementHold(durationDays = 365) {
  const kase = await caseHeldBy(moderator, requester);
  const asked = await takeAction({
    caseId: kase.caseId,
    actor: moderator,
    expectedVersion: kase.version,
    input: ZCaseActionInput.parse({ type: 'request_preservation_hold', reasonCode: 'law_enforcement_request', note: 'Police ref 2026/88.', durationDays }),
  });
  const decided = await decideApproval({ approvalId: asked.approvalId!, actor: approver, decision: 'approve' });
  return { ...kase, holdId: decided.holdId! };
}

/** A hold of another basis on an existing case's account (as the lead's response and referral code start them). */
async function otherHold(caseId: string, basis: HoldBasis, days = 365) {
  const kase = await prisma.case.findUniqueOrThrow({ where: { id: caseId }, select: { accountId: true } });
  const referralId =
    basis === 'cybertip_report' ? (await prisma.referral.create({ data: { caseId, hotline: 'ncmec', createdById: moderator.id }, select: { id: true } })).id : null;
  const now = Date.now();
  const hold = await prisma.preservationHold.create({
    data: { caseId, accountId: kase.accountId, basis, reasonCode: basis === 'cybertip_report' ? 'cybertip_report' : 'pending_referral', referralId, startedById: moderator.id, startsAt: new Date(now), expiresAt: new Date(now + days * DAY) },
    select: { id: true },
  });
  await prisma.reportedAccount.updateMany({ where: { id: kase.accountId, enforcement: 'none' }, data: { enforcement: 'preserved' } });
  return hold.id;
}

const extend = (actor: StaffPrincipal, holdId: string, days?: number, reason = 'Police asked for more time (ref 2026/88-B).') =>
  extendHold({ actor, input: ZExtendHoldInput.parse({ holdId, days, reason }) });
const askRelease = (actor: StaffPrincipal, holdId: string) =>
  requestHoldRelease({ actor, input: ZRequestHoldReleaseInput.parse({ holdId, reasonCode: 'request_withdrawn', reason: 'Police withdrew the request by e-mail.' }) });
const hold = (id: string) => prisma.preservationHold.findUniqueOrThrow({ where: { id } });
const enforcementOf = async (accountId: string) => (await prisma.reportedAccount.findUniqueOrThrow({ where: { id: accountId } })).enforcement;
/** The transaction that last wrote a row: rows written together share it. */
const writtenBy = async (table: string, id: string | bigint) =>
  (await prisma.$queryRawUnsafe<{ xmin: string }[]>(`SELECT xmin::text AS xmin FROM ${table} WHERE id = $1`, typeof id === 'bigint' ? id : id))[0]!.xmin;

describe('extending a hold', () => {
  it('moves the expiry from the current one, counts it, and writes hold, case action, audit entry and platform message in one transaction', async () => {
    const kase = await lawEnforcementHold();
    const before = await hold(kase.holdId);
    const result = await extend(approver, kase.holdId, 90);

    const after = await hold(kase.holdId);
    expect(after.expiresAt.getTime()).toBe(before.expiresAt.getTime() + 90 * DAY);
    expect(after).toMatchObject({ extensions: 1, releasedAt: null });
    expect(result).toMatchObject({ extensions: 1, expiresAt: after.expiresAt });

    const action = await prisma.caseAction.findFirstOrThrow({ where: { caseId: kase.caseId, type: 'preservation_hold', details: { path: ['stage'], equals: 'extended' } } });
    expect(action).toMatchObject({ actorId: approver.id, note: 'Police asked for more time (ref 2026/88-B).' });
    const audit = await prisma.auditEntry.findFirstOrThrow({ where: { caseId: kase.caseId, event: 'preservation.hold_extended' } });
    expect(audit).toMatchObject({ actorId: approver.id, entityType: 'preservation_hold', entityId: kase.holdId });
    expect(audit.payload).toMatchObject({ holdId: kase.holdId, actionId: action.id, days: 90, extensions: 1, basis: 'law_enforcement_request', expiresAt: after.expiresAt.toISOString() });
    const message = await prisma.outboxEvent.findFirstOrThrow({ where: { caseId: kase.caseId, type: 'account.preservation_hold_extended' } });
    expect(message.payload).toMatchObject({
      type: 'account.preservation_hold_extended',
      details: { holdId: kase.holdId, basis: 'law_enforcement_request', previousExpiresAt: before.expiresAt.toISOString(), expiresAt: after.expiresAt.toISOString() },
    });
    const tx = await writtenBy('preservation_holds', kase.holdId);
    expect([await writtenBy('case_actions', action.id), await writtenBy('audit_entries', audit.id), await writtenBy('outbox_events', message.id)]).toEqual([tx, tx, tx]);
  });

  it('defaults to 365 days and may be extended again; admins may extend too', async () => {
    const kase = await lawEnforcementHold(30);
    const before = await hold(kase.holdId);
    await extend(approver, kase.holdId);
    await extend(admin, kase.holdId, 10);
    const after = await hold(kase.holdId);
    expect(after.expiresAt.getTime()).toBe(before.expiresAt.getTime() + 375 * DAY);
    expect(after.extensions).toBe(2);
  });

  it('is refused to a moderator (403) and past the longest a hold may last (409), changing nothing', async () => {
    const kase = await lawEnforcementHold(730);
    const before = await hold(kase.holdId);
    await expect(extend(moderator, kase.holdId)).rejects.toMatchObject({ code: 'forbidden', status: 403 });
    await extend(approver, kase.holdId, 365); // 1095 days from its start: exactly the ceiling
    await expect(extend(approver, kase.holdId, 1)).rejects.toMatchObject({ code: 'conflict', status: 409, userMessage: expect.stringContaining(`${HOLD_MAX_TOTAL_DAYS} days`) });
    const after = await hold(kase.holdId);
    expect(after.expiresAt.getTime() - before.startsAt.getTime()).toBe(HOLD_MAX_TOTAL_DAYS * DAY);
    expect(after.extensions).toBe(1);
    expect(await prisma.auditEntry.count({ where: { caseId: kase.caseId, event: 'preservation.hold_extended' } })).toBe(1);
  });

  it('refuses bad input at the boundary with field messages (never a 5xx)', () => {
    const parse = (input: unknown) => ZExtendHoldInput.safeParse(input);
    expect(parse({ holdId: 'nope', reason: 'x' }).success).toBe(false);
    expect(parse({ holdId: crypto.randomUUID(), days: '0', reason: 'x' }).error?.issues[0]?.message).toBe('At least one day');
    expect(parse({ holdId: crypto.randomUUID(), days: '366', reason: 'x' }).error?.issues[0]?.message).toBe('At most 365 days at a time');
    expect(parse({ holdId: crypto.randomUUID(), days: '1.5', reason: 'x' }).success).toBe(false);
    expect(parse({ holdId: crypto.randomUUID(), days: '', reason: '  ' }).error?.issues[0]?.message).toBe('Why extend is required');
    expect(parse({ holdId: crypto.randomUUID(), days: '', reason: 'ok' }).data?.days).toBe(365);
  });

  it('is not_found (404) for an unknown hold', async () => {
    await expect(extend(approver, crypto.randomUUID())).rejects.toMatchObject({ code: 'not_found', status: 404 });
  });
});

describe('releasing a hold early needs two supervisors', () => {
  it('is asked by one, refused to the asker, decided by another: the hold ends, the account is no longer preserved, the platform is told', async () => {
    const kase = await lawEnforcementHold();
    expect(await enforcementOf(kase.accountId)).toBe('preserved');
    await expect(askRelease(moderator, kase.holdId)).rejects.toMatchObject({ code: 'forbidden' });
    const { approvalId } = await askRelease(requester, kase.holdId);
    await expect(askRelease(approver, kase.holdId)).rejects.toMatchObject({ code: 'conflict', userMessage: expect.stringContaining('already waiting') });

    const inbox = await listPendingApprovals({ actor: approver });
    expect(inbox.find((a) => a.id === approvalId)).toMatchObject({ kind: 'hold_release', canDecide: true, reasonLabel: 'Release early: The requesting authority withdrew its request' });
    const listed = (await listPreservationHolds({ actor: approver })).find((h) => h.id === kase.holdId);
    expect(listed).toMatchObject({ pendingRelease: { approvalId, requestedBy: 'Requesting Supervisor' }, basisLabel: expect.stringContaining('Law-enforcement request'), reasonLabel: 'Law-enforcement request' });
    // Still in force while it waits.
    expect((await hold(kase.holdId)).releasedAt).toBeNull();

    await expect(decideApproval({ approvalId, actor: requester, decision: 'approve' })).rejects.toMatchObject({ code: 'forbidden' });
    // The database refuses it too, whatever the code path.
    await expect(prisma.approval.update({ where: { id: approvalId }, data: { status: 'approved', decidedById: requester.id } })).rejects.toThrow(/approvals_not_self_decided/);

    const caseBefore = await prisma.case.findUniqueOrThrow({ where: { id: kase.caseId } });
    const decided = await decideApproval({ approvalId, actor: approver, decision: 'approve', reason: 'Confirmed with the officer.' });
    expect(decided).toMatchObject({ approvalStatus: 'approved', holdId: kase.holdId, status: caseBefore.status, version: caseBefore.version });

    const ended = await hold(kase.holdId);
    expect(ended).toMatchObject({ endReason: 'released', releaseApprovalId: approvalId });
    expect(ended.releasedAt).not.toBeNull();
    expect(await enforcementOf(kase.accountId)).toBe('none');
    const message = await prisma.outboxEvent.findFirstOrThrow({ where: { caseId: kase.caseId, type: 'account.preservation_hold_ended' } });
    expect(message.payload).toMatchObject({ reasonCode: 'request_withdrawn', details: { holdId: kase.holdId, basis: 'law_enforcement_request', endReason: 'released' } });
    const audit = await prisma.auditEntry.findFirstOrThrow({ where: { caseId: kase.caseId, event: 'preservation.hold_release_decided' } });
    expect(audit.payload).toMatchObject({ decision: 'approved', requestedById: requester.id, enforcement: 'none', approvalId });
    expect(await writtenBy('outbox_events', message.id)).toBe(await writtenBy('preservation_holds', kase.holdId));
    expect(await prisma.auditEntry.count({ where: { caseId: kase.caseId, event: 'preservation.hold_release_requested' } })).toBe(1);

    // Ended: it can be neither extended nor released again, and it shows among the ended holds.
    await expect(extend(approver, kase.holdId)).rejects.toMatchObject({ code: 'conflict', userMessage: expect.stringContaining('released early') });
    await expect(askRelease(approver, kase.holdId)).rejects.toMatchObject({ code: 'conflict' });
    expect((await listEndedHolds({ actor: approver })).find((h) => h.id === kase.holdId)).toMatchObject({
      endLabel: 'Released early (two people)',
      releasedBy: 'Requesting Supervisor / Deciding Supervisor',
    });
  });

  it('rejected: the hold stays in force, audited, and a new request may follow', async () => {
    const kase = await lawEnforcementHold();
    const { approvalId } = await askRelease(requester, kase.holdId);
    await expect(decideApproval({ approvalId, actor: approver, decision: 'reject' })).rejects.toMatchObject({ code: 'invalid_input' });
    await decideApproval({ approvalId, actor: approver, decision: 'reject', reason: 'The officer still needs the data.' });
    expect(await hold(kase.holdId)).toMatchObject({ releasedAt: null, endReason: null });
    expect(await enforcementOf(kase.accountId)).toBe('preserved');
    const audit = await prisma.auditEntry.findFirstOrThrow({ where: { caseId: kase.caseId, event: 'preservation.hold_release_decided' } });
    expect(audit.payload).toMatchObject({ decision: 'rejected', enforcement: 'preserved' });
    expect(await prisma.outboxEvent.count({ where: { caseId: kase.caseId, type: 'account.preservation_hold_ended' } })).toBe(0);
    await expect(askRelease(approver, kase.holdId)).resolves.toMatchObject({ holdId: kase.holdId });
  });

  it('leaves a suspended account suspended, and a preserved one preserved while another hold is in force', async () => {
    const suspended = await lawEnforcementHold();
    await prisma.reportedAccount.update({ where: { id: suspended.accountId }, data: { enforcement: 'suspended' } });
    const first = await askRelease(requester, suspended.holdId);
    await decideApproval({ approvalId: first.approvalId, actor: approver, decision: 'approve' });
    expect(await enforcementOf(suspended.accountId)).toBe('suspended');

    const twice = await lawEnforcementHold();
    await otherHold(twice.caseId, 'pending_referral');
    const second = await askRelease(requester, twice.holdId);
    await decideApproval({ approvalId: second.approvalId, actor: admin, decision: 'approve' });
    expect(await enforcementOf(twice.accountId)).toBe('preserved');
  });

  it('refuses a CyberTipline report’s statutory hold (409), which may still be extended', async () => {
    const kase = await reportAccount({ category: 'child_sexual_imagery' });
    const holdId = await otherHold(kase.caseId, 'cybertip_report');
    await expect(askRelease(requester, holdId)).rejects.toMatchObject({ code: 'conflict', status: 409, userMessage: expect.stringContaining('2258A(h)') });
    expect(await prisma.approval.count({ where: { caseId: kase.caseId, kind: 'hold_release' } })).toBe(0);
    await expect(extend(approver, holdId, 30)).resolves.toMatchObject({ extensions: 1 });
    const listed = (await listPreservationHolds({ actor: approver })).find((h) => h.id === holdId);
    expect(listed).toMatchObject({ releaseRefusal: expect.stringContaining('one year'), reasonLabel: 'CyberTipline report submitted', startedBy: moderator.name });
  });
});

describe('holds past their expiry', () => {
  it('are ended by the worker job: recorded, account back to none, one audit entry, a message per hold, a pending release withdrawn', async () => {
    const a = await lawEnforcementHold();
    const b = await reportAccount();
    const bHold = await otherHold(b.caseId, 'pending_referral');
    const { approvalId } = await askRelease(requester, a.holdId);
    const now = new Date();
    for (const id of [a.holdId, bHold]) await prisma.preservationHold.update({ where: { id }, data: { expiresAt: new Date(now.getTime() - 1000) } });
    const future = await lawEnforcementHold(); // not due

    expect(await endExpiredHolds(prisma, now)).toBe(2);
    expect(await endExpiredHolds(prisma, now)).toBe(0);
    for (const kase of [a, b]) expect(await enforcementOf(kase.accountId)).toBe('none');
    expect(await hold(a.holdId)).toMatchObject({ endReason: 'expired', releasedAt: now });
    expect((await hold(future.holdId)).releasedAt).toBeNull();
    expect(await prisma.approval.findUniqueOrThrow({ where: { id: approvalId } })).toMatchObject({ status: 'withdrawn' });

    const audits = await prisma.auditEntry.findMany({ where: { event: 'preservation.holds_expired' } });
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actorType: 'system', actorId: 'worker' });
    const listed = (audits[0]!.payload as { holds: { holdId: string; withdrawnApprovalId: string | null }[] }).holds;
    expect(listed.map((h) => h.holdId).sort()).toEqual([a.holdId, bHold].sort());
    expect(listed.find((h) => h.holdId === a.holdId)?.withdrawnApprovalId).toBe(approvalId);
    const messages = await prisma.outboxEvent.findMany({ where: { type: 'account.preservation_hold_ended', caseId: { in: [a.caseId, b.caseId] } } });
    expect(messages.map((m) => (m.payload as { details: { holdId: string; endReason: string } }).details).sort((x, y) => x.holdId.localeCompare(y.holdId))).toEqual(
      [a.holdId, bHold].sort().map((holdId) => expect.objectContaining({ holdId, endReason: 'expired' })),
    );
    expect(await prisma.caseAction.count({ where: { caseId: a.caseId, actorId: null, details: { path: ['stage'], equals: 'expired' } } })).toBe(1);

    // An expired hold cannot be extended or released; the decision on the withdrawn request is refused.
    await expect(extend(approver, a.holdId)).rejects.toMatchObject({ code: 'conflict', userMessage: expect.stringContaining('expired') });
    await expect(decideApproval({ approvalId, actor: approver, decision: 'approve' })).rejects.toMatchObject({ code: 'conflict' });
    expect((await listEndedHolds({ actor: approver })).find((h) => h.id === bHold)).toMatchObject({ endLabel: 'Expired', releasedBy: null });
  });

  it('a suspension that ends while a hold is in force leaves the account preserved', async () => {
    const kase = await lawEnforcementHold();
    const until = new Date(Date.now() + DAY);
    await prisma.reportedAccount.update({ where: { id: kase.accountId }, data: { enforcement: 'suspended', suspendedUntil: until } });
    await endExpiredSuspensions(prisma, new Date(until.getTime() + 1000));
    expect(await enforcementOf(kase.accountId)).toBe('preserved');
  });
});
