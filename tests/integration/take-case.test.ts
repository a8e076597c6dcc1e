import { describe, expect, it, vi } from 'vitest';
import { ZAuditEvent } from '@/lib/audit/events';
import type { StaffPrincipal } from '@/lib/auth/roles';
import { getPrisma } from '@/lib/db';
import { claimNextCase } from '@/lib/queue/claim-next-case';
import { takeCase } from '@/lib/queue/take-case';
import { caseVersion, createStaffPrincipal, reportAccount } from '../factories/cases';
import { signInAs } from '../factories/signed-in';

/** Issue 11, requirement 6: "Take this case" on any unclaimed case, under Next case's lease rules. */

vi.mock('@/lib/auth/session', async () => (await import('../factories/signed-in')).signedInSessionModule);
// Enough connections for every taker to be inside its transaction at the same moment.
process.env.DATABASE_POOL_SIZE = '20';
const prisma = getPrisma();
const MINUTE = 60_000;
const later = () => new Date(Date.now() + 16 * MINUTE);

async function moderators(n: number): Promise<StaffPrincipal[]> {
  return Promise.all(Array.from({ length: n }, () => createStaffPrincipal('moderator')));
}

const claimRows = (caseId: string) =>
  Promise.all([
    prisma.caseAction.count({ where: { caseId, type: 'claim' } }),
    prisma.auditEntry.count({ where: { caseId, event: 'case.claimed' } }),
  ]);

describe('taking a chosen case', () => {
  it('claims an open case with a 15-minute lease, one claim action and one case.claimed entry', async () => {
    const kase = await reportAccount();
    const [actor] = await moderators(1);

    const taken = await takeCase({ caseId: kase.caseId, actor: actor! });

    expect(taken).toMatchObject({ caseId: kase.caseId, version: kase.version + 1, newlyClaimed: true });
    const row = await prisma.case.findUniqueOrThrow({ where: { id: kase.caseId } });
    expect(row).toMatchObject({ status: 'in_review', assigneeId: actor!.id, version: kase.version + 1 });
    expect(row.leaseExpiresAt!.getTime() - Date.now()).toBeGreaterThan(14 * MINUTE);
    const action = await prisma.caseAction.findFirstOrThrow({ where: { caseId: kase.caseId, type: 'claim' } });
    expect(action.actorId).toBe(actor!.id);
    expect(action.details).toEqual({ leaseExpiresAt: taken.leaseExpiresAt.toISOString(), previousAssigneeId: null });
    const entry = await prisma.auditEntry.findFirstOrThrow({ where: { caseId: kase.caseId, event: 'case.claimed' } });
    expect({ actorType: entry.actorType, actorId: entry.actorId }).toEqual({ actorType: 'staff', actorId: actor!.id });
    expect(ZAuditEvent.parse({ event: entry.event, caseId: kase.caseId, payload: entry.payload }).payload).toEqual({
      from: 'open',
      to: 'in_review',
      version: kase.version + 1,
      actionId: action.id,
      leaseExpiresAt: taken.leaseExpiresAt.toISOString(),
      previousAssigneeId: null,
    });
  });

  it('gives a case to exactly one of two moderators taking it at the same moment', async () => {
    const kase = await reportAccount();
    const team = await moderators(2);

    const results = await Promise.allSettled(team.map((actor) => takeCase({ caseId: kase.caseId, actor })));

    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r) => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect((lost[0] as PromiseRejectedResult).reason).toMatchObject({ code: 'conflict' });
    const winner = team[results.indexOf(won[0]!)]!;
    expect(await prisma.case.findUniqueOrThrow({ where: { id: kase.caseId } })).toMatchObject({ assigneeId: winner.id, version: kase.version + 1 });
    expect(await claimRows(kase.caseId)).toEqual([1, 1]);
  });

  it('never lets eight simultaneous takers, or a Next case among them, share one case', async () => {
    const kase = await reportAccount({ dangerNow: true, category: 'grooming' });
    const team = await moderators(9);
    const [nextCaser, ...takers] = team;

    const results = await Promise.allSettled([
      ...takers.map((actor) => takeCase({ caseId: kase.caseId, actor })),
      claimNextCase({ actor: nextCaser! }),
    ]);

    const gotIt = results.filter((r) => r.status === 'fulfilled' && r.value?.caseId === kase.caseId);
    expect(gotIt).toHaveLength(1);
    expect(await claimRows(kase.caseId)).toEqual([1, 1]);
    expect(await prisma.case.count({ where: { id: kase.caseId, assigneeId: { in: team.map((m) => m.id) } } })).toBe(1);
  });

  it('refuses a case someone else holds under a live lease, and takes it over once the lease lapsed', async () => {
    const kase = await reportAccount();
    const [first, second] = await moderators(2);
    await takeCase({ caseId: kase.caseId, actor: first! });
    const version = await caseVersion(kase.caseId);

    await expect(takeCase({ caseId: kase.caseId, actor: second! })).rejects.toMatchObject({ code: 'conflict' });
    expect(await caseVersion(kase.caseId)).toBe(version);

    const taken = await takeCase({ caseId: kase.caseId, actor: second!, now: later() });
    expect(taken).toMatchObject({ newlyClaimed: true, version: version + 1 });
    expect(await prisma.case.findUniqueOrThrow({ where: { id: kase.caseId } })).toMatchObject({ assigneeId: second!.id, status: 'in_review' });
    const entry = await prisma.auditEntry.findFirstOrThrow({ where: { caseId: kase.caseId, event: 'case.claimed', actorId: second!.id } });
    expect(entry.payload).toMatchObject({ from: 'in_review', to: 'in_review', previousAssigneeId: first!.id });
  });

  it('follows the held-claim rule: one live claim per person, and taking your own case again changes nothing', async () => {
    const [mine, other] = [await reportAccount(), await reportAccount()];
    const [actor] = await moderators(1);
    const held = await takeCase({ caseId: mine.caseId, actor: actor! });

    const again = await takeCase({ caseId: mine.caseId, actor: actor! });
    expect(again).toMatchObject({ caseId: mine.caseId, version: held.version, newlyClaimed: false });

    const refusal = takeCase({ caseId: other.caseId, actor: actor! });
    await expect(refusal).rejects.toMatchObject({ code: 'conflict' });
    await expect(refusal).rejects.toThrow(/You already hold case #\d+/);
    expect(await prisma.case.findUniqueOrThrow({ where: { id: other.caseId } })).toMatchObject({ status: 'open', assigneeId: null, version: other.version });
    expect(await claimRows(other.caseId)).toEqual([0, 0]);
    expect(await claimRows(mine.caseId)).toEqual([1, 1]);

    // Once their own lease lapsed they may take another, as Next case would give them one.
    expect(await takeCase({ caseId: other.caseId, actor: actor!, now: later() })).toMatchObject({ newlyClaimed: true });
  });

  it('lets one person taking two cases at once end up with exactly one', async () => {
    const [a, b] = [await reportAccount(), await reportAccount()];
    const [actor] = await moderators(1);
    const results = await Promise.allSettled([takeCase({ caseId: a.caseId, actor: actor! }), takeCase({ caseId: b.caseId, actor: actor! })]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(await prisma.case.count({ where: { assigneeId: actor!.id } })).toBe(1);
  });

  it('refuses cases that are not in the queue (escalated, closed) and cases that do not exist', async () => {
    const [actor] = await moderators(1);
    const escalated = await reportAccount();
    await prisma.case.update({ where: { id: escalated.caseId }, data: { status: 'escalated' } });
    await expect(takeCase({ caseId: escalated.caseId, actor: actor! })).rejects.toMatchObject({ code: 'conflict' });
    const closed = await reportAccount();
    await prisma.case.update({ where: { id: closed.caseId }, data: { status: 'closed', resolution: 'dismissed', closedAt: new Date() } });
    await expect(takeCase({ caseId: closed.caseId, actor: actor! })).rejects.toMatchObject({ code: 'conflict' });
    await expect(takeCase({ caseId: '00000000-0000-4000-8000-000000000000', actor: actor! })).rejects.toMatchObject({ code: 'not_found' });
    expect(await prisma.case.count({ where: { assigneeId: actor!.id } })).toBe(0);
  });
});

describe('the "Take this case" server action', () => {
  const load = () => import('@/app/(console)/console/cases/[caseId]/actions');

  it('takes the case for the signed-in moderator and refuses a malformed id with invalid_input', async () => {
    const { takeThisCaseAction } = await load();
    const kase = await reportAccount();
    const [actor] = await moderators(1);
    signInAs(actor!);

    const result = await takeThisCaseAction({ caseId: kase.caseId });
    expect(result).toMatchObject({ ok: true, data: { caseId: kase.caseId, version: kase.version + 1 } });
    expect(await takeThisCaseAction({ caseId: 'not-a-uuid' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });

    signInAs((await moderators(1))[0]!);
    expect(await takeThisCaseAction({ caseId: kase.caseId })).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });
});
