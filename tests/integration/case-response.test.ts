import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { StaffPrincipal } from '@/lib/auth/roles';
import { decideApproval } from '@/lib/cases/decide-approval';
import { ZCaseActionInput } from '@/lib/cases/schema';
import { takeAction } from '@/lib/cases/take-action';
import { resetConfigForTests } from '@/lib/config';
import { getPrisma } from '@/lib/db';
import { decideReferral } from '@/lib/referrals/decide-referral';
import { exportReferral } from '@/lib/referrals/export-referral';
import { prepareReferral } from '@/lib/referrals/prepare-referral';
import { recordHotlineReport } from '@/lib/referrals/record-hotline-report';
import { getCaseObligations } from '@/lib/response/get-case-obligations';
import { caseHeldBy, caseVersion, createStaffPrincipal, reportAccount } from '../factories/cases';

// The UK NCA only: its payload needs no external schema, so this file runs on a fresh clone alone.
// The NCMEC path (CyberTip ID → statutory hold) is in case-response-ncmec.test.ts.
process.env.REFERRAL_HOTLINES = 'uk_nca';
process.env.REFERRAL_CONTACT_EMAIL = 'safety@example.test';
process.env.REFERRAL_SIGNING_KEY_PATH = path.join(mkdtempSync(path.join(tmpdir(), 'tc-response-key-')), 'key.pem');
resetConfigForTests();

const prisma = () => getPrisma();
const obligations = (caseId: string) =>
  prisma().caseObligation.findMany({ where: { caseId }, orderBy: [{ kind: 'asc' }], select: { kind: true, hotline: true, state: true } });
const caseRow = (caseId: string) => prisma().case.findUniqueOrThrow({ where: { id: caseId }, select: { status: true, resolution: true, closedAt: true, version: true, assigneeId: true } });
const events = async (caseId: string) => (await prisma().auditEntry.findMany({ where: { caseId }, orderBy: { id: 'asc' }, select: { event: true } })).map((e) => e.event);
const outbox = async (caseId: string) => (await prisma().outboxEvent.findMany({ where: { caseId }, orderBy: { id: 'asc' }, select: { type: true } })).map((e) => e.type);

let moderator: StaffPrincipal;
let otherModerator: StaffPrincipal;
let supervisor: StaffPrincipal;
let secondSupervisor: StaffPrincipal;
beforeAll(async () => {
  moderator = await createStaffPrincipal('moderator');
  otherModerator = await createStaffPrincipal('moderator');
  supervisor = await createStaffPrincipal('supervisor');
  secondSupervisor = await createStaffPrincipal('supervisor');
});

/** Walks a prepared referral to acknowledgement the way staff do: approve, download, record the ID. */
async function acknowledge(referralId: string, hotlineReportId = 'NCA-2026-0042') {
  await decideReferral({ referralId, actor: supervisor, decision: 'approve' });
  await exportReferral({ referralId, actor: moderator });
  return recordHotlineReport({ input: { referralId, hotlineReportId, submittedAt: new Date().toISOString() }, actor: moderator });
}

describe('a response is a set of measures recorded in any order', () => {
  it('suspending a reportable case leaves it responding until it is preserved and referred, then it closes by itself', async () => {
    const kase = await caseHeldBy(moderator, supervisor, { category: 'grooming', reporterCountry: 'GB' });
    const suspended = await takeAction({ caseId: kase.caseId, actor: moderator, expectedVersion: kase.version, input: { type: 'suspend', reasonCode: 'grooming', until: null } });
    expect(suspended.status).toBe('responding');
    expect(await caseRow(kase.caseId)).toMatchObject({ status: 'responding', resolution: null, closedAt: null, assigneeId: null });
    expect(await obligations(kase.caseId)).toEqual([
      { kind: 'preservation', hotline: null, state: 'outstanding' },
      { kind: 'referral', hotline: 'uk_nca', state: 'outstanding' },
    ]);

    // Any moderator works a responding case: preservation from someone who never held it.
    const preserved = await takeAction({ caseId: kase.caseId, actor: otherModerator, expectedVersion: suspended.version, input: { type: 'record_preservation' } });
    expect(preserved.status).toBe('responding');
    const hold = await prisma().preservationHold.findFirstOrThrow({ where: { caseId: kase.caseId }, select: { basis: true, reasonCode: true, startsAt: true, expiresAt: true, approvalId: true } });
    expect(hold).toMatchObject({ basis: 'pending_referral', reasonCode: 'pending_referral', approvalId: null });
    expect(Math.round((hold.expiresAt.getTime() - hold.startsAt.getTime()) / 86_400_000)).toBe(365);
    // A second preservation while one is in force is refused.
    await expect(takeAction({ caseId: kase.caseId, actor: otherModerator, expectedVersion: preserved.version, input: { type: 'record_preservation' } })).rejects.toMatchObject({ code: 'conflict' });

    const prepared = await prepareReferral({ caseId: kase.caseId, hotline: 'uk_nca', actor: otherModerator });
    const obligationView = await getCaseObligations(kase.caseId);
    expect(obligationView.find((o) => o.kind === 'referral')).toMatchObject({ state: 'outstanding', progress: expect.stringMatching(/Version 1: Draft/) });
    expect((await caseRow(kase.caseId)).status).toBe('responding');

    const acknowledged = await acknowledge(prepared.referralId);
    expect(acknowledged).toMatchObject({ caseClosed: true, statutoryHoldId: null });
    expect(await caseRow(kase.caseId)).toMatchObject({ status: 'closed', resolution: 'suspended' });
    expect(await obligations(kase.caseId)).toEqual([
      { kind: 'preservation', hotline: null, state: 'met' },
      { kind: 'referral', hotline: 'uk_nca', state: 'met' },
    ]);
    const log = await events(kase.caseId);
    for (const event of ['case.account_suspended', 'case.obligations_opened', 'case.preservation_recorded', 'case.obligations_met', 'referral.acknowledged', 'case.closed']) expect(log).toContain(event);
    expect(log.at(-1)).toBe('case.closed');
    expect(await outbox(kase.caseId)).toEqual(['account.suspended', 'account.preservation_hold', 'case.closed']);
  });

  it('closes at once when nothing is owed (a category no hotline takes)', async () => {
    const kase = await caseHeldBy(moderator, supervisor, { category: 'other_abuse' });
    const suspended = await takeAction({ caseId: kase.caseId, actor: moderator, expectedVersion: kase.version, input: { type: 'suspend', reasonCode: 'other_child_harm', until: null } });
    expect(suspended.status).toBe('closed');
    expect(await caseRow(kase.caseId)).toMatchObject({ status: 'closed', resolution: 'suspended' });
    expect(await obligations(kase.caseId)).toEqual([]);
  });

  it('an approved law-enforcement hold on a reportable case no longer closes it: the referral is still owed', async () => {
    const kase = await caseHeldBy(moderator, supervisor, { category: 'child_sexual_imagery', reporterCountry: 'GB' });
    const asked = await takeAction({
      caseId: kase.caseId,
      actor: moderator,
      expectedVersion: kase.version,
      input: { type: 'request_preservation_hold', reasonCode: 'law_enforcement_request', note: 'Police request ref 77', durationDays: 90 },
    });
    const decided = await decideApproval({ approvalId: asked.approvalId!, actor: supervisor, decision: 'approve' });
    expect(decided.status).toBe('responding');
    expect(await obligations(kase.caseId)).toEqual([
      { kind: 'preservation', hotline: null, state: 'met' },
      { kind: 'referral', hotline: 'uk_nca', state: 'outstanding' },
    ]);
    // Suspension can still follow, from any moderator.
    const suspended = await takeAction({ caseId: kase.caseId, actor: otherModerator, expectedVersion: decided.version, input: { type: 'suspend', reasonCode: 'csam_shared', until: null } });
    expect(suspended.status).toBe('responding');
  });
});

describe('Suspend, preserve and refer', () => {
  it('suspends, preserves and drafts every required referral in one transaction', async () => {
    const kase = await caseHeldBy(moderator, supervisor, { category: 'child_sexual_imagery', reporterCountry: 'GB' });
    const result = await takeAction({
      caseId: kase.caseId,
      actor: moderator,
      expectedVersion: kase.version,
      input: { type: 'respond', enforcement: 'permanent', reasonCode: 'csam_shared', until: null },
    });
    expect(result).toMatchObject({ status: 'responding', referrals: [{ hotline: 'uk_nca', version: 1, notPrepared: null }] });
    const actions = await prisma().caseAction.findMany({ where: { caseId: kase.caseId, type: { in: ['suspend', 'preservation_hold'] } }, select: { type: true } });
    expect(actions.map((a) => a.type).sort()).toEqual(['preservation_hold', 'suspend']);
    const account = await prisma().reportedAccount.findUniqueOrThrow({ where: { id: kase.accountId }, select: { enforcement: true } });
    expect(account.enforcement).toBe('suspended');
    const referral = await prisma().referral.findFirstOrThrow({ where: { caseId: kase.caseId }, select: { status: true, approval: { select: { status: true, requestedById: true } } } });
    expect(referral).toMatchObject({ status: 'draft', approval: { status: 'pending', requestedById: moderator.id } });
    expect(await obligations(kase.caseId)).toEqual([
      { kind: 'preservation', hotline: null, state: 'met' },
      { kind: 'referral', hotline: 'uk_nca', state: 'outstanding' },
    ]);
    const log = await events(kase.caseId);
    expect(log).toEqual(expect.arrayContaining(['referral.prepared', 'case.obligations_opened', 'case.obligations_met', 'case.responded']));
    expect(await outbox(kase.caseId)).toEqual(['account.suspended', 'account.preservation_hold']);
  });

  it('takes a suspension end date, or no enforcement at all', async () => {
    const dated = await caseHeldBy(moderator, supervisor, { category: 'grooming' });
    const until = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    const input = ZCaseActionInput.parse({ type: 'respond', enforcement: 'until', reasonCode: 'grooming', until });
    await takeAction({ caseId: dated.caseId, actor: moderator, expectedVersion: dated.version, input });
    // The form's schema insists on the date when the suspension is not permanent.
    expect(ZCaseActionInput.safeParse({ type: 'respond', enforcement: 'until', reasonCode: 'grooming', until: null }).success).toBe(false);
    const account = await prisma().reportedAccount.findUniqueOrThrow({ where: { id: dated.accountId }, select: { enforcement: true, suspendedUntil: true } });
    expect(account.enforcement).toBe('suspended');
    expect(account.suspendedUntil?.toISOString().slice(0, 10)).toBe(until);

    const none = await caseHeldBy(moderator, supervisor, { category: 'grooming' });
    await takeAction({ caseId: none.caseId, actor: moderator, expectedVersion: none.version, input: { type: 'respond', enforcement: 'none', reasonCode: 'grooming', until: null } });
    const upAccount = await prisma().reportedAccount.findUniqueOrThrow({ where: { id: none.accountId }, select: { enforcement: true } });
    expect(upAccount.enforcement).toBe('preserved');
    expect(await outbox(none.caseId)).toEqual(['account.preservation_hold']);
  });

  it('is refused, writing nothing, on a category that is not US-reportable, on a stale version, or for someone else’s case', async () => {
    const other = await caseHeldBy(moderator, supervisor, { category: 'other_abuse' });
    const before = await caseRow(other.caseId);
    await expect(takeAction({ caseId: other.caseId, actor: moderator, expectedVersion: other.version, input: { type: 'respond', enforcement: 'permanent', reasonCode: 'other_child_harm', until: null } })).rejects.toMatchObject({ code: 'invalid_input' });
    const kase = await caseHeldBy(moderator, supervisor, { category: 'grooming' });
    await expect(takeAction({ caseId: kase.caseId, actor: moderator, expectedVersion: kase.version - 1, input: { type: 'respond', enforcement: 'permanent', reasonCode: 'grooming', until: null } })).rejects.toMatchObject({ code: 'conflict' });
    await expect(takeAction({ caseId: kase.caseId, actor: otherModerator, expectedVersion: kase.version, input: { type: 'respond', enforcement: 'permanent', reasonCode: 'grooming', until: null } })).rejects.toMatchObject({ code: 'forbidden' });
    expect(await caseRow(other.caseId)).toEqual(before);
    for (const id of [other.caseId, kase.caseId]) {
      expect(await prisma().preservationHold.count({ where: { caseId: id } })).toBe(0);
      expect(await prisma().referral.count({ where: { caseId: id } })).toBe(0);
      expect(await outbox(id)).toEqual([]);
    }
  });
});

describe('waivers', () => {
  it('only a supervisor waives, with a reason; the case closes when the last obligation is settled', async () => {
    const kase = await caseHeldBy(moderator, supervisor, { category: 'grooming', reporterCountry: 'GB' });
    const responded = await takeAction({ caseId: kase.caseId, actor: moderator, expectedVersion: kase.version, input: { type: 'respond', enforcement: 'permanent', reasonCode: 'grooming', until: null } });
    const referralObligation = await prisma().caseObligation.findFirstOrThrow({ where: { caseId: kase.caseId, kind: 'referral' }, select: { id: true } });
    const waive = { type: 'waive_obligation' as const, obligationId: referralObligation.id, reason: 'The NCA confirmed by phone it already holds this report.' };
    await expect(takeAction({ caseId: kase.caseId, actor: moderator, expectedVersion: responded.version, input: waive })).rejects.toMatchObject({ code: 'forbidden' });
    const waived = await takeAction({ caseId: kase.caseId, actor: supervisor, expectedVersion: responded.version, input: waive });
    expect(waived.status).toBe('closed');
    expect(await caseRow(kase.caseId)).toMatchObject({ status: 'closed', resolution: 'suspended' });
    const row = await prisma().caseObligation.findUniqueOrThrow({ where: { id: referralObligation.id } });
    expect(row).toMatchObject({ state: 'waived', waivedById: supervisor.id, waiveReason: waive.reason });
    const entry = await prisma().auditEntry.findFirstOrThrow({ where: { caseId: kase.caseId, event: 'case.obligation_waived' }, select: { payload: true, actorId: true } });
    expect(entry).toMatchObject({ actorId: supervisor.id, payload: { to: 'closed', obligation: { obligationId: referralObligation.id, kind: 'referral', hotline: 'uk_nca' } } });
    await expect(takeAction({ caseId: kase.caseId, actor: supervisor, expectedVersion: waived.version, input: waive })).rejects.toMatchObject({ code: 'conflict' });
  });
});

describe('danger now needs two people to stand down', () => {
  it('a dismissal waits for a supervisor other than the requester, at the top of the queue', async () => {
    const kase = await caseHeldBy(supervisor, secondSupervisor, { category: 'sextortion', dangerNow: true });
    const ordinary = await reportAccount({ category: 'child_sexual_imagery' });
    const asked = await takeAction({ caseId: kase.caseId, actor: supervisor, expectedVersion: await caseVersion(kase.caseId), input: { type: 'dismiss', reasonCode: 'no_violation' } });
    expect(asked).toMatchObject({ status: 'awaiting_approval', approvalId: expect.any(String) });
    expect(await caseRow(kase.caseId)).toMatchObject({ status: 'awaiting_approval', closedAt: null });
    expect(await outbox(kase.caseId)).toEqual([]);
    const scores = await prisma().case.findMany({ where: { id: { in: [kase.caseId, ordinary.caseId] } }, select: { id: true, priorityScore: true } });
    expect(scores.find((s) => s.id === kase.caseId)!.priorityScore).toBeGreaterThan(scores.find((s) => s.id === ordinary.caseId)!.priorityScore + 40);

    await expect(decideApproval({ approvalId: asked.approvalId!, actor: supervisor, decision: 'approve' })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(decideApproval({ approvalId: asked.approvalId!, actor: moderator, decision: 'approve' })).rejects.toMatchObject({ code: 'forbidden' });
    const decided = await decideApproval({ approvalId: asked.approvalId!, actor: secondSupervisor, decision: 'approve' });
    expect(decided).toMatchObject({ status: 'closed', approvalStatus: 'approved' });
    expect(await caseRow(kase.caseId)).toMatchObject({ status: 'closed', resolution: 'dismissed' });
    expect(await outbox(kase.caseId)).toEqual(['case.dismissed']);
    expect(await events(kase.caseId)).toEqual(expect.arrayContaining(['case.stand_down_requested', 'case.stand_down_decided']));
  });

  it('a rejected dismissal sends the case back to the queue, open', async () => {
    const kase = await caseHeldBy(moderator, supervisor, { category: 'grooming', dangerNow: true });
    const asked = await takeAction({ caseId: kase.caseId, actor: moderator, expectedVersion: kase.version, input: { type: 'dismiss', reasonCode: 'insufficient_information' } });
    await expect(decideApproval({ approvalId: asked.approvalId!, actor: supervisor, decision: 'reject' })).rejects.toMatchObject({ code: 'invalid_input' });
    const decided = await decideApproval({ approvalId: asked.approvalId!, actor: supervisor, decision: 'reject', reason: 'The child is 12 and the threats are explicit; suspend.' });
    expect(decided.status).toBe('open');
    expect(await caseRow(kase.caseId)).toMatchObject({ status: 'open', resolution: null, assigneeId: null });
  });

  it('a response without enforcement owes a stand-down; a rejection keeps it owed until the account is suspended', async () => {
    const kase = await caseHeldBy(moderator, supervisor, { category: 'grooming', dangerNow: true });
    const responded = await takeAction({ caseId: kase.caseId, actor: moderator, expectedVersion: kase.version, input: { type: 'respond', enforcement: 'none', reasonCode: 'grooming', until: null } });
    const standDown = await prisma().caseObligation.findFirstOrThrow({ where: { caseId: kase.caseId, kind: 'stand_down' }, select: { id: true, state: true, approvalId: true } });
    expect(standDown.state).toBe('outstanding');
    const rejected = await decideApproval({ approvalId: standDown.approvalId!, actor: supervisor, decision: 'reject', reason: 'Suspend: the child is at risk.' });
    expect(rejected.status).toBe('responding');
    expect((await getCaseObligations(kase.caseId)).find((o) => o.kind === 'stand_down')).toMatchObject({ state: 'outstanding', canAskAgain: true });
    // Suspending meets the stand-down; preserved already and no hotline route here, so the case closes.
    const suspended = await takeAction({ caseId: kase.caseId, actor: otherModerator, expectedVersion: (await caseRow(kase.caseId)).version, input: { type: 'suspend', reasonCode: 'grooming', until: null } });
    expect(suspended.status).toBe('closed');
    expect(await prisma().caseObligation.findUniqueOrThrow({ where: { id: standDown.id }, select: { state: true } })).toEqual({ state: 'met' });
    expect(await caseRow(kase.caseId)).toMatchObject({ resolution: 'suspended' });
    expect(responded.status).toBe('responding');
  });
});

describe('two people at once', () => {
  it('two moderators preserving the same responding case: one hold, the other told the case changed', async () => {
    const kase = await caseHeldBy(moderator, supervisor, { category: 'grooming', reporterCountry: 'GB' });
    const suspended = await takeAction({ caseId: kase.caseId, actor: moderator, expectedVersion: kase.version, input: { type: 'suspend', reasonCode: 'grooming', until: null } });
    const both = await Promise.allSettled(
      [moderator, otherModerator].map((actor) => takeAction({ caseId: kase.caseId, actor, expectedVersion: suspended.version, input: { type: 'record_preservation' } })),
    );
    expect(both.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = both.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({ code: 'conflict' });
    expect(await prisma().preservationHold.count({ where: { caseId: kase.caseId } })).toBe(1);
  });

  it('two supervisors waiving the last two obligations at once: both land in turn or one is told to reload, and the case closes exactly once', async () => {
    const kase = await caseHeldBy(moderator, supervisor, { category: 'grooming', reporterCountry: 'GB' });
    const suspended = await takeAction({ caseId: kase.caseId, actor: moderator, expectedVersion: kase.version, input: { type: 'suspend', reasonCode: 'grooming', until: null } });
    const owed = await prisma().caseObligation.findMany({ where: { caseId: kase.caseId }, select: { id: true } });
    expect(owed).toHaveLength(2);
    const both = await Promise.allSettled(
      owed.map((o, i) =>
        takeAction({ caseId: kase.caseId, actor: [supervisor, secondSupervisor][i]!, expectedVersion: suspended.version, input: { type: 'waive_obligation', obligationId: o.id, reason: 'Handled by phone with the hotline.' } }),
      ),
    );
    // Same version: exactly one wins; the loser's waiver was not written.
    expect(both.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(await prisma().caseObligation.count({ where: { caseId: kase.caseId, state: 'waived' } })).toBe(1);
    const current = await caseRow(kase.caseId);
    expect(current.status).toBe('responding');
    const last = await prisma().caseObligation.findFirstOrThrow({ where: { caseId: kase.caseId, state: 'outstanding' }, select: { id: true } });
    await takeAction({ caseId: kase.caseId, actor: secondSupervisor, expectedVersion: current.version, input: { type: 'waive_obligation', obligationId: last.id, reason: 'Handled by phone with the hotline.' } });
    expect(await caseRow(kase.caseId)).toMatchObject({ status: 'closed' });
    expect(await prisma().auditEntry.count({ where: { caseId: kase.caseId, event: 'case.obligation_waived' } })).toBe(2);
    expect(await outbox(kase.caseId)).toEqual(['account.suspended', 'case.closed']);
  });
});
