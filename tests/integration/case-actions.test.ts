import { describe, expect, it } from 'vitest';
import type { StaffPrincipal } from '@/lib/auth/roles';
import { ZCaseActionInput, type TCaseActionFormInput } from '@/lib/cases/schema';
import { takeAction } from '@/lib/cases/take-action';
import { getPrisma } from '@/lib/db';
import { caseHeldBy, caseVersion, createStaffPrincipal, reportAccount, type TestCase } from '../factories/cases';
import { ownerPrisma } from '../setup/role-clients';

const prisma = getPrisma();
const supervisor = await createStaffPrincipal('supervisor');

async function act(kase: TestCase, actor: StaffPrincipal, input: TCaseActionFormInput, expectedVersion = kase.version) {
  return takeAction({ caseId: kase.caseId, actor, expectedVersion, input: ZCaseActionInput.parse(input) });
}

/** Everything one action leaves behind, to compare before and after. */
async function footprint(caseId: string) {
  const [kase, actions, audits, outbox, notes, approvals] = await Promise.all([
    prisma.case.findUniqueOrThrow({ where: { id: caseId }, include: { account: true } }),
    prisma.caseAction.findMany({ where: { caseId }, orderBy: { createdAt: 'asc' } }),
    prisma.auditEntry.findMany({ where: { caseId }, orderBy: { id: 'asc' } }),
    prisma.outboxEvent.findMany({ where: { caseId }, orderBy: { id: 'asc' } }),
    prisma.caseNote.count({ where: { caseId } }),
    prisma.approval.count({ where: { caseId } }),
  ]);
  return { kase, actions, audits, outbox, notes, approvals };
}

describe('decisions on a case', () => {
  it('suspends: action row, closed case, suspended account, audit entry and platform message together', async () => {
    const moderator = await createStaffPrincipal('moderator');
    // A category no hotline takes: the suspension is the whole response (reportable: case-response.test.ts).
    const kase = await caseHeldBy(moderator, supervisor, { category: 'other_child_harm' });
    const until = new Date(Date.now() + 30 * 86_400_000).toISOString();
    const result = await act(kase, moderator, { type: 'suspend', reasonCode: 'csam_shared', note: 'Confirmed.', until });

    const after = await footprint(kase.caseId);
    expect(result).toMatchObject({ caseId: kase.caseId, status: 'closed', version: kase.version + 1 });
    expect(after.kase).toMatchObject({ status: 'closed', resolution: 'suspended', assigneeId: null, leaseExpiresAt: null, version: kase.version + 1 });
    expect(after.kase.closedAt).not.toBeNull();
    expect(after.kase.firstActionAt).not.toBeNull();
    expect(after.kase.account).toMatchObject({ enforcement: 'suspended', suspendedUntil: new Date(until) });
    expect(after.actions.at(-1)).toMatchObject({ id: result.actionId, type: 'suspend', actorId: moderator.id, reasonCode: 'csam_shared', note: 'Confirmed.' });
    expect(after.audits.at(-1)).toMatchObject({ event: 'case.account_suspended', actorType: 'staff', actorId: moderator.id });
    expect(after.audits.at(-1)!.payload).toMatchObject({ actionId: result.actionId, reasonCode: 'csam_shared', until, from: 'in_review', to: 'closed' });
    expect(after.outbox).toHaveLength(1);
    expect(after.outbox[0]).toMatchObject({ type: 'account.suspended', status: 'pending' });
    expect(after.outbox[0]!.payload).toMatchObject({
      version: 1,
      type: 'account.suspended',
      caseId: kase.caseId,
      reasonCode: 'csam_shared',
      account: { handle: kase.handle },
      details: { until },
    });
  });

  it('dismisses, escalates (releasing the claim) and tells the platform each time', async () => {
    const moderator = await createStaffPrincipal('moderator');
    const dismissed = await caseHeldBy(moderator, supervisor);
    await act(dismissed, moderator, { type: 'dismiss', reasonCode: 'no_violation' });
    const d = await footprint(dismissed.caseId);
    expect(d.kase).toMatchObject({ status: 'closed', resolution: 'dismissed' });
    expect(d.kase.account.enforcement).toBe('none');
    expect(d.outbox.map((o) => o.type)).toEqual(['case.dismissed']);
    expect(d.audits.at(-1)!.event).toBe('case.dismissed');

    const escalated = await caseHeldBy(moderator, supervisor);
    const result = await act(escalated, moderator, { type: 'escalate', reasonCode: 'imminent_danger', note: 'Child may be at risk.' });
    const e = await footprint(escalated.caseId);
    expect(result.status).toBe('escalated');
    expect(e.kase).toMatchObject({ status: 'escalated', assigneeId: null, closedAt: null, resolution: null });
    expect(e.actions.at(-1)).toMatchObject({ type: 'escalate', reasonCode: 'imminent_danger' });
    expect(e.outbox.map((o) => o.type)).toEqual(['case.escalated']);

    // Escalated cases are for supervisors: the moderator can no longer decide it, a supervisor can.
    await expect(act({ ...escalated, version: result.version }, moderator, { type: 'dismiss', reasonCode: 'no_violation' })).rejects.toMatchObject({
      code: 'forbidden',
    });
    const decided = await act({ ...escalated, version: result.version }, supervisor, { type: 'suspend', reasonCode: 'grooming' });
    // Grooming is reportable: suspended, the case now owes preservation and the referrals.
    expect(decided.status).toBe('responding');
  });

  it('keeps notes internal: a note row and an action, no platform message, any status', async () => {
    const moderator = await createStaffPrincipal('moderator');
    const colleague = await createStaffPrincipal('moderator');
    const kase = await caseHeldBy(moderator, supervisor);
    const result = await act(kase, colleague, { type: 'note', body: 'Seen this handle before in case 12.' });
    const after = await footprint(kase.caseId);
    expect(after.notes).toBe(1);
    expect(after.kase.status).toBe('in_review');
    expect(after.kase.version).toBe(kase.version + 1);
    expect(after.actions.at(-1)).toMatchObject({ id: result.actionId, type: 'note', reasonCode: null });
    expect(after.audits.at(-1)!.event).toBe('case.note_added');
    expect(after.outbox).toHaveLength(0);

    const closed = await act({ ...kase, version: result.version }, moderator, { type: 'dismiss', reasonCode: 'account_not_found' });
    await act({ ...kase, version: closed.version }, colleague, { type: 'note', body: 'Platform confirmed: no such account.' });
    expect((await footprint(kase.caseId)).notes).toBe(2);
  });

  it('refuses a stale expectedVersion with a conflict and changes nothing', async () => {
    const moderator = await createStaffPrincipal('moderator');
    const kase = await caseHeldBy(moderator, supervisor);
    await act(kase, moderator, { type: 'note', body: 'first' }); // version moves on
    const before = await footprint(kase.caseId);
    await expect(act(kase, moderator, { type: 'suspend', reasonCode: 'grooming' })).rejects.toMatchObject({
      code: 'conflict',
      status: 409,
      userMessage: 'This case changed since you opened it. Reload to see the latest.',
    });
    expect(await footprint(kase.caseId)).toEqual(before);
  });

  it('lets only one of two simultaneous decisions on the same version through', async () => {
    const moderator = await createStaffPrincipal('moderator');
    const kase = await caseHeldBy(moderator, supervisor);
    const results = await Promise.allSettled([
      act(kase, moderator, { type: 'suspend', reasonCode: 'grooming' }),
      act(kase, supervisor, { type: 'dismiss', reasonCode: 'no_violation' }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: { code: 'conflict' } });
    const after = await footprint(kase.caseId);
    expect(after.outbox).toHaveLength(1);
    expect(after.actions.filter((a) => a.type === 'suspend' || a.type === 'dismiss')).toHaveLength(1);
  });

  it('refuses a moderator deciding a case someone else holds, and deciding an unclaimed case', async () => {
    const holder = await createStaffPrincipal('moderator');
    const other = await createStaffPrincipal('moderator');
    const kase = await caseHeldBy(holder, supervisor);
    await expect(act(kase, other, { type: 'suspend', reasonCode: 'grooming' })).rejects.toMatchObject({ code: 'forbidden' });
    const open = await reportAccount();
    await expect(act(open, holder, { type: 'dismiss', reasonCode: 'no_violation' })).rejects.toMatchObject({ code: 'conflict' });
    expect(await caseVersion(kase.caseId)).toBe(kase.version);
  });

  it('is atomic: a failure after the action row is written leaves no trace of the action', async () => {
    const moderator = await createStaffPrincipal('moderator');
    const kase = await caseHeldBy(moderator, supervisor);
    const before = await footprint(kase.caseId);
    // A real failure inside the transaction, at its last write (the outbox row), after the action
    // row, the case, the account and the audit entry were written. Triggers are the owner's to add.
    const owner = ownerPrisma();
    await owner.$executeRawUnsafe(`
      CREATE FUNCTION test_fail_outbox() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'forced failure for the atomicity test'; END; $$`);
    await owner.$executeRawUnsafe(
      'CREATE TRIGGER test_fail_outbox BEFORE INSERT ON outbox_events FOR EACH ROW EXECUTE FUNCTION test_fail_outbox()',
    );
    try {
      await expect(act(kase, moderator, { type: 'suspend', reasonCode: 'csam_shared' })).rejects.toThrow(/forced failure/);
    } finally {
      await owner.$executeRawUnsafe('DROP TRIGGER test_fail_outbox ON outbox_events');
      await owner.$executeRawUnsafe('DROP FUNCTION test_fail_outbox()');
    }
    const after = await footprint(kase.caseId);
    expect(after).toEqual(before);
    expect(after.kase.account.enforcement).toBe('none');
    expect(after.kase.status).toBe('in_review');

    // And the same action succeeds once the failure is gone.
    await act(kase, moderator, { type: 'suspend', reasonCode: 'csam_shared' });
    expect((await footprint(kase.caseId)).outbox).toHaveLength(1);
  });
});
