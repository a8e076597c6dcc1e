import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import ObligationsPage from '@/app/(console)/console/obligations/page';
import type { StaffPrincipal } from '@/lib/auth/roles';
import { takeAction } from '@/lib/cases/take-action';
import { getPrisma } from '@/lib/db';
import type { Hotline, ObligationState, ReferralStatus } from '@/lib/generated/prisma/enums';
import { listQueue } from '@/lib/queue/list-queue';
import { parseQueueQuery } from '@/lib/queue/list-queue-params';
import { listReferralObligations, summariseReferralObligations } from '@/lib/response/list-referral-obligations';
import { caseHeldBy, createStaffPrincipal, reportAccount, type TestCase } from '../factories/cases';
import { signInAs } from '../factories/signed-in';

vi.mock('@/lib/auth/session', async () => (await import('../factories/signed-in')).signedInSessionModule);

/**
 * Issue 11, requirement 4: required referrals not yet acknowledged, oldest first with their age,
 * due time, past-target flag and stage; the queue's referral-obligation filter; and the default
 * queue without responding cases. Obligations are written directly (as settleCase writes them), so
 * the cases and their first-report times are exactly known; one case goes through the real suspend.
 */

const prisma = getPrisma();
const H = 3_600_000;
const now = new Date();
const ago = (hours: number) => new Date(now.getTime() - hours * H);
const TARGET = 24;

let moderator: StaffPrincipal;
let supervisor: StaffPrincipal;
const cases: Record<'old' | 'mid' | 'settled' | 'fresh' | 'open', TestCase> = {} as never;

/** A responding case first reported `hours` ago, with the given obligations. */
async function respondingCase(handle: string, hours: number, obligations: { kind: 'referral' | 'preservation'; hotline?: Hotline; state?: ObligationState }[]) {
  const kase = await reportAccount({ handle, category: 'grooming' });
  await prisma.case.update({ where: { id: kase.caseId }, data: { status: 'responding', firstReportedAt: ago(hours), firstActionAt: ago(hours - 1) } });
  for (const o of obligations) {
    const state = o.state ?? 'outstanding';
    await prisma.caseObligation.create({
      data: {
        caseId: kase.caseId,
        kind: o.kind,
        hotline: o.hotline ?? null,
        state,
        createdAt: ago(hours - 1),
        metAt: state === 'met' ? ago(1) : null,
        ...(state === 'waived' ? { waivedAt: ago(1), waivedById: supervisor.id, waiveReason: 'Hotline declined the referral.' } : {}),
      },
    });
  }
  return kase;
}

/** A referral version with its approval request in the given state. */
async function referral(kase: TestCase, hotline: Hotline, version: number, status: ReferralStatus, approval: 'pending' | 'approved' | 'rejected') {
  const request = await prisma.approval.create({
    data: { kind: 'referral', caseId: kase.caseId, requestedById: moderator.id, reasonCode: 'hotline_referral', status: approval, decidedAt: approval === 'pending' ? null : ago(2) },
  });
  await prisma.referral.create({ data: { caseId: kase.caseId, hotline, version, status, createdById: moderator.id, approvalId: request.id } });
}

beforeAll(async () => {
  moderator = await createStaffPrincipal('moderator');
  supervisor = await createStaffPrincipal('supervisor');
  // 30 hours old, past the target: NCMEC not prepared (its preservation obligation is not a referral).
  cases.old = await respondingCase('obl_old', 30, [{ kind: 'referral', hotline: 'ncmec' }, { kind: 'preservation' }]);
  // 10 hours old: NCMEC's latest version (2) waits for approval, the NCA draft was rejected.
  cases.mid = await respondingCase('obl_mid', 10, [{ kind: 'referral', hotline: 'ncmec' }, { kind: 'referral', hotline: 'uk_nca' }]);
  await referral(cases.mid, 'ncmec', 1, 'superseded', 'approved');
  await referral(cases.mid, 'ncmec', 2, 'draft', 'pending');
  await referral(cases.mid, 'uk_nca', 1, 'draft', 'rejected');
  // 50 hours old but nothing outstanding: one referral met, one waived.
  cases.settled = await respondingCase('obl_settled', 50, [{ kind: 'referral', hotline: 'ncmec', state: 'met' }, { kind: 'referral', hotline: 'uk_nca', state: 'waived' }]);
  // 5 hours old: approved, not yet downloaded; then 20 hours old: exported.
  cases.fresh = await respondingCase('obl_fresh', 5, [{ kind: 'referral', hotline: 'ncmec' }]);
  await referral(cases.fresh, 'ncmec', 1, 'approved', 'approved');
  const exported = await respondingCase('obl_exported', 20, [{ kind: 'referral', hotline: 'ncmec' }]);
  await referral(exported, 'ncmec', 1, 'exported', 'approved');
  // Claimable work, for the queue's default view.
  cases.open = await reportAccount({ handle: 'obl_open', category: 'grooming' });
});

describe('listReferralObligations', () => {
  it('lists outstanding referral obligations oldest first, with age, due time, target flag and stage', async () => {
    const page = await listReferralObligations({ now, targetHours: TARGET });
    const rows = page.rows.map((r) => [r.handle, r.hotline, r.stage, r.pastTarget, r.version]);
    const midFirst = page.rows.find((r) => r.handle === 'obl_mid')!.hotline;
    const mid = midFirst === 'ncmec' ? [['obl_mid', 'ncmec', 'awaiting_approval', false, 2], ['obl_mid', 'uk_nca', 'rejected', false, 1]] : [['obl_mid', 'uk_nca', 'rejected', false, 1], ['obl_mid', 'ncmec', 'awaiting_approval', false, 2]];
    expect(rows).toEqual([
      ['obl_old', 'ncmec', 'not_prepared', true, null],
      ['obl_exported', 'ncmec', 'exported', false, 1],
      ...mid,
      ['obl_fresh', 'ncmec', 'approved', false, 1],
    ]);
    const old = page.rows[0]!;
    expect(old).toMatchObject({ caseId: cases.old.caseId, caseStatus: 'responding', hotlineName: 'NCMEC CyberTipline', stageLabel: 'Not prepared yet', ageMs: 30 * H });
    expect(old.firstReportedAt).toEqual(ago(30));
    expect(old.dueAt).toEqual(ago(6));
    expect(page.rows.find((r) => r.handle === 'obl_fresh')!.dueAt).toEqual(new Date(now.getTime() + 19 * H));
    expect(page.nextCursor).toBeNull();
    expect(page.later).toBe(false);
  });

  it('leaves met and waived obligations out, and counts what is past the target', async () => {
    const page = await listReferralObligations({ now, targetHours: TARGET });
    expect(page.rows.some((r) => r.caseId === cases.settled.caseId)).toBe(false);
    expect(await summariseReferralObligations({ now, targetHours: TARGET })).toEqual({ outstanding: 5, pastTarget: 1, targetHours: TARGET });
    // The target is a setting: at 4 hours all five are past it, at 10 hours the 30- and 20-hour-old ones.
    expect(await summariseReferralObligations({ now, targetHours: 4 })).toEqual({ outstanding: 5, pastTarget: 5, targetHours: 4 });
    expect(await summariseReferralObligations({ now, targetHours: 10 })).toEqual({ outstanding: 5, pastTarget: 2, targetHours: 10 });
    const strict = await listReferralObligations({ now, targetHours: 10 });
    expect(strict.rows.filter((r) => r.pastTarget).map((r) => r.handle)).toEqual(['obl_old', 'obl_exported']);
  });

  it('pages with a keyset cursor, each row exactly once, in the same order', async () => {
    const all = (await listReferralObligations({ now, targetHours: TARGET })).rows.map((r) => r.obligationId);
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await listReferralObligations({ now, targetHours: TARGET, limit: 2, cursor });
      expect(page.later).toBe(pages > 0);
      seen.push(...page.rows.map((r) => r.obligationId));
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor && pages < 10);
    expect(seen).toEqual(all);
    expect(pages).toBe(3);
    // A tampered cursor shows the first page.
    expect((await listReferralObligations({ now, targetHours: TARGET, limit: 2, cursor: 'bogus' })).rows.map((r) => r.obligationId)).toEqual(all.slice(0, 2));
  });
});

describe('the obligations page', () => {
  it('says how many are outstanding and past the target, warns, and lists them oldest first with links', async () => {
    signInAs(moderator);
    const html = renderToStaticMarkup(await ObligationsPage({ searchParams: Promise.resolve({ cursor: 'tampered' }) }));
    expect(html).toContain('5 referrals outstanding, 1 past the target of 1 day.');
    expect(html).toContain('1 referral is past the target of 1 day');
    expect(html).toMatch(/<caption[^>]*>Required hotline referrals not yet acknowledged/);
    expect(html.match(/<th scope="col"/g)).toHaveLength(6);
    expect(html.match(/data-obligation-id=/g)).toHaveLength(5);
    expect(html.indexOf('obl_old')).toBeLessThan(html.indexOf('obl_exported'));
    expect(html.indexOf('obl_exported')).toBeLessThan(html.indexOf('obl_fresh'));
    expect(html).toContain(`href="/console/cases/${cases.old.caseId}/referrals"`);
    expect(html).toContain('data-past-target="true"');
    expect(html).toContain('Not prepared yet');
  });
});

describe('the queue and responding cases', () => {
  const ids = async (params: Record<string, string>) => (await listQueue({ viewer: moderator, query: parseQueueQuery(params), limit: 500, now })).rows.map((r) => r.id);

  it('leaves responding cases out of the default queue, and shows them under the responding status', async () => {
    const queue = await ids({});
    expect(queue).toContain(cases.open.caseId);
    for (const k of [cases.old, cases.mid, cases.settled, cases.fresh]) expect(queue).not.toContain(k.caseId);
    const responding = await ids({ status: 'responding' });
    expect(responding).toEqual(expect.arrayContaining([cases.old.caseId, cases.mid.caseId, cases.settled.caseId, cases.fresh.caseId]));
    expect(responding).not.toContain(cases.open.caseId);
  });

  it('lists only cases with an outstanding referral obligation under the filter, in queue order and pages', async () => {
    const filtered = await ids({ obligation: 'referral' });
    expect(new Set(filtered)).toEqual(new Set((await listReferralObligations({ now, targetHours: TARGET })).rows.map((r) => r.caseId)));
    expect(filtered).toHaveLength(4);
    expect(filtered).not.toContain(cases.settled.caseId);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listQueue({ viewer: moderator, query: { ...parseQueueQuery({ obligation: 'referral' }), cursor }, limit: 3, now });
      seen.push(...page.rows.map((r) => r.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(filtered);
  });

  it('finds a responding case by search (search spans every status)', async () => {
    expect(await ids({ q: 'obl_old' })).toEqual([cases.old.caseId]);
  });

  it('a suspended grooming case leaves the queue for the filter and the obligations page, with its NCMEC referral not prepared', async () => {
    const held = await caseHeldBy(moderator, supervisor, { handle: 'obl_suspended', category: 'grooming' });
    const result = await takeAction({ caseId: held.caseId, actor: moderator, expectedVersion: held.version, input: { type: 'suspend', reasonCode: 'grooming', until: null } });
    expect(result.status).toBe('responding');
    expect(await ids({})).not.toContain(held.caseId);
    expect(await ids({ obligation: 'referral' })).toContain(held.caseId);
    const rows = (await listReferralObligations({ now: new Date(), targetHours: TARGET })).rows.filter((r) => r.caseId === held.caseId);
    expect(rows.map((r) => [r.hotline, r.stage, r.pastTarget])).toEqual([['ncmec', 'not_prepared', false]]);
  });
});
