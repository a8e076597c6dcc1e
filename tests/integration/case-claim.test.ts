import { describe, expect, it } from 'vitest';
import { ZAuditEvent } from '@/lib/audit/events';
import type { StaffPrincipal } from '@/lib/auth/roles';
import { reassignCase } from '@/lib/cases/reassign-case';
import { releaseCase } from '@/lib/cases/release-case';
import { renewLease } from '@/lib/cases/renew-lease';
import { getPrisma } from '@/lib/db';
import { claimNextCase } from '@/lib/queue/claim-next-case';
import { expireLeases } from '@/lib/queue/expire-leases';
import { caseHeldBy, caseVersion, createStaffPrincipal, reportAccount } from '../factories/cases';
import { ownerPrisma } from '../setup/role-clients';

// Enough connections for every claimant to be inside its transaction at the same moment.
process.env.DATABASE_POOL_SIZE = '20';
const prisma = getPrisma();
const MINUTE = 60_000;

/** Closes every open case, so a test starts from an empty queue (the database is this file's own). */
async function emptyQueue() {
  await prisma.case.updateMany({
    where: { closedAt: null },
    data: { status: 'closed', resolution: 'dismissed', closedAt: new Date(), assigneeId: null, leaseExpiresAt: null },
  });
}

async function moderators(n: number): Promise<StaffPrincipal[]> {
  return Promise.all(Array.from({ length: n }, () => createStaffPrincipal('moderator')));
}

describe('claiming the next case', () => {
  it('never gives two of sixteen simultaneous moderators the same case, and gives each one', async () => {
    await emptyQueue();
    for (let i = 0; i < 20; i++) await reportAccount();
    const team = await moderators(16);

    const claims = await Promise.all(team.map((actor) => claimNextCase({ actor })));

    expect(claims.every((c) => c !== null)).toBe(true);
    expect(new Set(claims.map((c) => c!.caseId)).size).toBe(16);
    const held = await prisma.case.findMany({ where: { assigneeId: { in: team.map((m) => m.id) } } });
    expect(held).toHaveLength(16);
    for (const kase of held) {
      const claim = claims.find((c) => c!.caseId === kase.id)!;
      expect(kase.status).toBe('in_review');
      expect(kase.version).toBe(claim.version);
      expect(kase.leaseExpiresAt!.getTime() - Date.now()).toBeGreaterThan(14 * MINUTE);
    }
    expect(await prisma.caseAction.count({ where: { type: 'claim', actorId: { in: team.map((m) => m.id) } } })).toBe(16);
    expect(await prisma.auditEntry.count({ where: { event: 'case.claimed', actorId: { in: team.map((m) => m.id) } } })).toBe(16);
  });

  it('records the claim as one action row and one case.claimed entry that match the event schema', async () => {
    await emptyQueue();
    const { caseId } = await reportAccount();
    const [actor] = await moderators(1);
    const before = await caseVersion(caseId);

    const claim = await claimNextCase({ actor: actor! });

    expect(claim).toMatchObject({ caseId, version: before + 1 });
    const action = await prisma.caseAction.findFirstOrThrow({ where: { caseId, type: 'claim' } });
    expect(action.actorId).toBe(actor!.id);
    expect(action.details).toEqual({ leaseExpiresAt: claim!.leaseExpiresAt.toISOString(), previousAssigneeId: null });
    const entry = await prisma.auditEntry.findFirstOrThrow({ where: { caseId, event: 'case.claimed' } });
    expect({ actorType: entry.actorType, actorId: entry.actorId, entityType: entry.entityType, entityId: entry.entityId }).toEqual({
      actorType: 'staff',
      actorId: actor!.id,
      entityType: 'case',
      entityId: caseId,
    });
    const parsed = ZAuditEvent.parse({ event: entry.event, caseId, payload: entry.payload });
    expect(parsed.payload).toEqual({
      from: 'open',
      to: 'in_review',
      version: before + 1,
      actionId: action.id,
      leaseExpiresAt: claim!.leaseExpiresAt.toISOString(),
      previousAssigneeId: null,
    });
  });

  it('shares fewer cases than moderators without duplicates, and returns null to the rest', async () => {
    await emptyQueue();
    for (let i = 0; i < 5; i++) await reportAccount();
    const team = await moderators(12);
    const claims = await Promise.all(team.map((actor) => claimNextCase({ actor })));
    const got = claims.filter((c) => c !== null);
    expect(got).toHaveLength(5);
    expect(new Set(got.map((c) => c.caseId)).size).toBe(5);
  });

  it('hands out the highest priority first, then the earliest SLA', async () => {
    await emptyQueue();
    const calm = await reportAccount({ category: 'other_abuse' });
    const urgent = await reportAccount({ category: 'grooming', dangerNow: true });
    const [moderator] = await moderators(1);
    expect((await claimNextCase({ actor: moderator! }))?.caseId).toBe(urgent.caseId);
    const [second] = await moderators(1);
    expect((await claimNextCase({ actor: second! }))?.caseId).toBe(calm.caseId);
  });

  it('gives a moderator who already holds a case that case back, even when asked twice at once', async () => {
    await emptyQueue();
    for (let i = 0; i < 3; i++) await reportAccount();
    const [moderator] = await moderators(1);
    const [a, b] = await Promise.all([claimNextCase({ actor: moderator! }), claimNextCase({ actor: moderator! })]);
    expect(a!.caseId).toBe(b!.caseId);
    const again = await claimNextCase({ actor: moderator! });
    expect(again!.caseId).toBe(a!.caseId);
    expect(await prisma.case.count({ where: { assigneeId: moderator!.id } })).toBe(1);
  });

  it('reads the queue through the cases_queue_order index at a realistic volume', async () => {
    // 20,000 cases, 5,000 of them still open, in a transaction that is rolled back afterwards. As
    // the owner: ANALYZE is the owner's (the app role may not run it).
    const rollback = new Error('rollback');
    let plan = '';
    await ownerPrisma()
      .$transaction(async (tx) => {
        await tx.$executeRawUnsafe(`
          INSERT INTO reported_accounts (id, platform, account_key)
          SELECT gen_random_uuid(), 'volume', 'handle:volume_' || g FROM generate_series(1, 20000) g`);
        await tx.$executeRawUnsafe(`
          INSERT INTO cases (id, account_id, primary_category, priority_score, sla_due_at, first_reported_at,
                             last_reported_at, status, closed_at)
          SELECT gen_random_uuid(), a.id, 'grooming', (random() * 1000)::int, now() + random() * interval '1 day', now(), now(),
                 CASE WHEN n <= 5000 THEN 'open'::"CaseStatus" ELSE 'closed'::"CaseStatus" END,
                 CASE WHEN n <= 5000 THEN NULL ELSE now() END
          FROM (SELECT id, row_number() OVER () AS n FROM reported_accounts WHERE platform = 'volume') a`);
        await tx.$executeRawUnsafe('ANALYZE cases');
        const rows = await tx.$queryRawUnsafe<{ 'QUERY PLAN': string }[]>(`
          EXPLAIN SELECT id FROM cases
          WHERE closed_at IS NULL AND (status = 'open' OR (status = 'in_review' AND lease_expires_at <= now()))
          ORDER BY priority_score DESC, sla_due_at ASC, id LIMIT 1 FOR UPDATE SKIP LOCKED`);
        plan = rows.map((r) => r['QUERY PLAN']).join('\n');
        throw rollback;
      })
      .catch((error: unknown) => {
        if (error !== rollback) throw error;
      });
    expect(plan).toMatch(/Index Scan using cases_queue_order/);
    expect(plan).not.toMatch(/Sort/);
    expect(await prisma.reportedAccount.count({ where: { platform: 'volume' } })).toBe(0);
  });
});

describe('leases', () => {
  it('returns a case whose lease expired to the queue, audited as the system, and lets another take it', async () => {
    await emptyQueue();
    const kase = await reportAccount();
    const [first, second] = await moderators(2);
    const claim = await claimNextCase({ actor: first! });
    expect(claim!.caseId).toBe(kase.caseId);

    expect(await expireLeases(prisma)).toBe(0); // not yet
    const later = new Date(Date.now() + 16 * MINUTE);
    expect(await expireLeases(prisma, { now: later })).toBe(1);

    const after = await prisma.case.findUniqueOrThrow({ where: { id: kase.caseId } });
    expect(after).toMatchObject({ status: 'open', assigneeId: null, leaseExpiresAt: null, version: claim!.version + 1 });
    const release = await prisma.caseAction.findFirstOrThrow({ where: { caseId: kase.caseId, type: 'release' } });
    expect(release).toMatchObject({ actorId: null, reasonCode: 'lease_expired' });
    const audit = await prisma.auditEntry.findFirstOrThrow({ where: { caseId: kase.caseId, event: 'case.lease_expired' } });
    expect(audit.actorType).toBe('system');
    expect(audit.payload).toMatchObject({ previousAssigneeId: first!.id, from: 'in_review', to: 'open' });

    expect((await claimNextCase({ actor: second! }))?.caseId).toBe(kase.caseId);
  });

  it('lets another moderator take over an expired lease the worker has not returned yet', async () => {
    await emptyQueue();
    const kase = await reportAccount();
    const [first, second] = await moderators(2);
    await claimNextCase({ actor: first! });
    expect(await claimNextCase({ actor: second! })).toBeNull();
    const taken = await claimNextCase({ actor: second!, now: new Date(Date.now() + 16 * MINUTE) });
    expect(taken?.caseId).toBe(kase.caseId);
    const audit = await prisma.auditEntry.findFirstOrThrow({
      where: { caseId: kase.caseId, event: 'case.claimed', actorId: second!.id },
    });
    expect(audit.payload).toMatchObject({ previousAssigneeId: first!.id, from: 'in_review' });
  });

  it('renews only for the holder, without changing the version', async () => {
    await emptyQueue();
    await reportAccount();
    const [holder, other] = await moderators(2);
    const claim = (await claimNextCase({ actor: holder! }))!;
    const renewed = await renewLease({ caseId: claim.caseId, actor: holder!, now: new Date(Date.now() + 10 * MINUTE) });
    expect(renewed.leaseExpiresAt.getTime()).toBeGreaterThan(claim.leaseExpiresAt.getTime() + 9 * MINUTE);
    expect(await caseVersion(claim.caseId)).toBe(claim.version);

    // Still held at the original expiry, so the worker leaves it alone.
    expect(await expireLeases(prisma, { now: new Date(claim.leaseExpiresAt.getTime() + MINUTE) })).toBe(0);
    await expect(renewLease({ caseId: claim.caseId, actor: other! })).rejects.toMatchObject({ code: 'conflict' });
  });
});

describe('release and reassignment', () => {
  it('lets the holder release their own case', async () => {
    await emptyQueue();
    await reportAccount();
    const [holder] = await moderators(1);
    const claim = (await claimNextCase({ actor: holder! }))!;
    const released = await releaseCase({ caseId: claim.caseId, actor: holder!, expectedVersion: claim.version, reasonCode: 'end_of_shift' });
    expect(released).toEqual({ caseId: claim.caseId, status: 'open', version: claim.version + 1 });
    const audit = await prisma.auditEntry.findFirstOrThrow({ where: { caseId: claim.caseId, event: 'case.released' } });
    expect(audit.payload).toMatchObject({ byOther: false, reasonCode: 'end_of_shift', previousAssigneeId: holder!.id });
  });

  it("refuses a moderator releasing someone else's case; a supervisor may", async () => {
    await emptyQueue();
    await reportAccount();
    const [holder, other] = await moderators(2);
    const supervisor = await createStaffPrincipal('supervisor');
    const claim = (await claimNextCase({ actor: holder! }))!;
    await expect(releaseCase({ caseId: claim.caseId, actor: other!, expectedVersion: claim.version })).rejects.toMatchObject({
      code: 'forbidden',
    });
    expect(await caseVersion(claim.caseId)).toBe(claim.version);
    const released = await releaseCase({ caseId: claim.caseId, actor: supervisor, expectedVersion: claim.version, reasonCode: 'supervisor_release' });
    expect(released.status).toBe('open');
    const audit = await prisma.auditEntry.findFirstOrThrow({ where: { caseId: claim.caseId, event: 'case.released' } });
    expect(audit.payload).toMatchObject({ byOther: true, previousAssigneeId: holder!.id });
  });

  it('refuses releasing a case nobody holds, and a stale version', async () => {
    const kase = await reportAccount();
    const [holder] = await moderators(1);
    await expect(releaseCase({ caseId: kase.caseId, actor: holder!, expectedVersion: kase.version })).rejects.toMatchObject({
      code: 'conflict',
    });
    const supervisor = await createStaffPrincipal('supervisor');
    const held = await caseHeldBy(holder!, supervisor);
    await expect(releaseCase({ caseId: held.caseId, actor: holder!, expectedVersion: held.version - 1 })).rejects.toMatchObject({
      code: 'conflict',
      userMessage: 'This case changed since you opened it. Reload to see the latest.',
    });
  });

  it('lets only supervisors reassign, to an active staff member, with a fresh lease', async () => {
    const [from, to] = await moderators(2);
    const supervisor = await createStaffPrincipal('supervisor');
    const held = await caseHeldBy(from!, supervisor);
    const args = { caseId: held.caseId, assigneeId: to!.id, expectedVersion: held.version, reasonCode: 'workload_balancing' as const };

    await expect(reassignCase({ ...args, actor: from! })).rejects.toMatchObject({ code: 'forbidden' });
    const disabled = await createStaffPrincipal('moderator');
    await prisma.staff.update({ where: { id: disabled.id }, data: { disabledAt: new Date() } });
    await expect(reassignCase({ ...args, actor: supervisor, assigneeId: disabled.id })).rejects.toMatchObject({ code: 'invalid_input' });

    const result = await reassignCase({ ...args, actor: supervisor });
    expect(result).toMatchObject({ status: 'in_review', assigneeId: to!.id, version: held.version + 1 });
    const after = await prisma.case.findUniqueOrThrow({ where: { id: held.caseId } });
    expect(after.assigneeId).toBe(to!.id);
    const action = await prisma.caseAction.findFirstOrThrow({ where: { caseId: held.caseId, type: 'assign', reasonCode: 'workload_balancing' }, orderBy: { createdAt: 'desc' } });
    expect(action.details).toMatchObject({ fromAssigneeId: from!.id, toAssigneeId: to!.id });
    const audit = await prisma.auditEntry.findFirstOrThrow({ where: { caseId: held.caseId, event: 'case.reassigned' }, orderBy: { id: 'desc' } });
    expect(audit.payload).toMatchObject({ fromAssigneeId: from!.id, toAssigneeId: to!.id });
    // The old holder lost the claim.
    await expect(renewLease({ caseId: held.caseId, actor: from! })).rejects.toMatchObject({ code: 'conflict' });
  });
});
