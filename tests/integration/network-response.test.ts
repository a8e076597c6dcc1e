import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { StaffPrincipal } from '@/lib/auth/roles';
import { resetConfigForTests } from '@/lib/config';
import { getPrisma } from '@/lib/db';
import { respondToNetwork } from '@/lib/networks/respond-to-network';
import { ZNetworkResponseInput, type TNetworkResponseFormInput } from '@/lib/networks/schema';
import { viewAccountNetwork } from '@/lib/networks/view-network';
import { prepareReferral } from '@/lib/referrals/prepare-referral';
import { caseHeldBy, caseVersion, createStaffPrincipal, reportAccount, type TestCase } from '../factories/cases';
import { linkAccounts } from '../factories/networks';

// The UK NCA only (no external schema needed); the CyberTipline text is in network-response-ncmec.test.ts.
process.env.REFERRAL_HOTLINES = 'uk_nca';
process.env.REFERRAL_CONTACT_EMAIL = 'safety@example.test';
process.env.REFERRAL_SIGNING_KEY_PATH = path.join(mkdtempSync(path.join(tmpdir(), 'tc-network-key-')), 'key.pem');
resetConfigForTests();

const prisma = () => getPrisma();
const events = async (caseId: string) => (await prisma().auditEntry.findMany({ where: { caseId }, orderBy: { id: 'asc' }, select: { event: true } })).map((e) => e.event);
const outbox = async (caseId: string) => (await prisma().outboxEvent.findMany({ where: { caseId }, orderBy: { id: 'asc' }, select: { type: true } })).map((e) => e.type);
const actions = async (caseId: string) => (await prisma().caseAction.findMany({ where: { caseId }, orderBy: { createdAt: 'asc' }, select: { type: true } })).map((a) => a.type);

let supervisor: StaffPrincipal;
let moderator: StaffPrincipal;
beforeAll(async () => {
  supervisor = await createStaffPrincipal('supervisor');
  moderator = await createStaffPrincipal('moderator');
});

/** Three accounts in a chain A — B — C (C two hops from A), each case held by its own moderator. */
async function ring(): Promise<[TestCase, TestCase, TestCase]> {
  const cases = [] as TestCase[];
  for (let i = 0; i < 3; i++) cases.push(await caseHeldBy(await createStaffPrincipal('moderator'), supervisor, { category: 'grooming', reporterCountry: 'GB' }));
  const [a, b, c] = cases as [TestCase, TestCase, TestCase];
  await linkAccounts(a.accountId, b.accountId, 'shared_content_url', 'https://files.example/ring');
  await linkAccounts(b.accountId, c.accountId, 'replaced_account', b.handle);
  return [a, b, c];
}

const targets = async (cases: TestCase[]) => Promise.all(cases.map(async (k) => ({ accountId: k.accountId, caseId: k.caseId, expectedVersion: await caseVersion(k.caseId) })));
const respond = (actor: StaffPrincipal, input: TNetworkResponseFormInput) => respondToNetwork({ input: ZNetworkResponseInput.parse(input), actor });

describe('the network view', () => {
  it('shows the network two hops deep with link reasons and audits which accounts it showed', async () => {
    const [a, b, c] = await ring();
    const view = await viewAccountNetwork({ caseId: a.caseId, accountId: a.accountId, viewer: moderator });
    expect(view.rows.map((r) => [r.accountId, r.hops])).toEqual([
      [a.accountId, 0],
      [b.accountId, 1],
      [c.accountId, 2],
    ]);
    expect(view.rows[1]!.reasons).toEqual([{ reason: 'Same content link', detail: 'hxxps://files[.]example/ring' }]);
    expect(view.rows[2]!.reasons[0]!.reason).toBe('A replacement for another account, says the platform');
    // Moderators read the network; the measures are a supervisor's.
    expect(view.rows[1]!.blocked.suspend).toMatch(/supervisor/);
    const audit = await prisma().auditEntry.findFirstOrThrow({ where: { caseId: a.caseId, event: 'case.network_viewed' }, select: { actorId: true, payload: true } });
    expect(audit).toMatchObject({ actorId: moderator.id, payload: { accountId: a.accountId, accountIds: [a.accountId, b.accountId, c.accountId], truncated: false } });
  });

  it('says an account alone has no network; a supervisor may select an unclaimed case, a moderator may not', async () => {
    const alone = await reportAccount();
    const view = await viewAccountNetwork({ caseId: alone.caseId, accountId: alone.accountId, viewer: supervisor });
    expect(view.rows).toHaveLength(1);
    const other = await reportAccount();
    await linkAccounts(alone.accountId, other.accountId, 'mentioned_handle', other.handle);
    const linked = await viewAccountNetwork({ caseId: alone.caseId, accountId: alone.accountId, viewer: supervisor });
    expect(linked.rows[1]!.blocked).toEqual({ suspend: null, preserve: null, refer: null });
    const asModerator = await viewAccountNetwork({ caseId: alone.caseId, accountId: alone.accountId, viewer: moderator });
    expect(asModerator.rows[1]!.blocked.suspend).toMatch(/supervisor/);
  });
});

describe('acting on a network', () => {
  it('suspends three accounts: one action, audit entry and platform message per case, and one summary entry', async () => {
    const ringCases = await ring();
    const { results } = await respond(supervisor, { caseId: ringCases[0].caseId, measures: ['suspend'], reasonCode: 'grooming', targets: await targets(ringCases) });
    expect(results.map((r) => r.outcome)).toEqual(['done', 'done', 'done']);
    for (const k of ringCases) {
      expect(await actions(k.caseId)).toContain('suspend');
      expect(await events(k.caseId)).toContain('case.account_suspended');
      expect(await outbox(k.caseId)).toEqual(['account.suspended']);
      expect((await prisma().reportedAccount.findUniqueOrThrow({ where: { id: k.accountId } })).enforcement).toBe('suspended');
    }
    const summary = await prisma().auditEntry.findFirstOrThrow({ where: { caseId: ringCases[0].caseId, event: 'network.response_applied' }, select: { actorId: true, payload: true } });
    expect(summary.actorId).toBe(supervisor.id);
    expect(summary.payload).toMatchObject({ measures: ['suspend'], reasonCode: 'grooming', accounts: ringCases.map((k) => ({ accountId: k.accountId, caseId: k.caseId, outcome: 'done' })) });
  });

  it('suspends until a date and preserves in one response; an account already preserved is skipped, not refused', async () => {
    const ringCases = await ring();
    const until = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    const first = await respond(supervisor, { caseId: ringCases[0].caseId, measures: ['preserve'], targets: await targets([ringCases[2]]) });
    expect(first.results[0]).toMatchObject({ outcome: 'done' });
    const { results } = await respond(supervisor, { caseId: ringCases[0].caseId, measures: ['preserve', 'suspend'], enforcement: 'until', until, reasonCode: 'grooming', targets: await targets(ringCases) });
    expect(results.map((r) => r.outcome)).toEqual(['done', 'done', 'done']);
    expect(results[2]!.steps.find((s) => s.measure === 'preserve')).toMatchObject({ result: 'skipped', message: expect.stringMatching(/Already preserved/) });
    expect(results[0]!.steps.find((s) => s.measure === 'suspend')!.message).toMatch(/Suspended until/);
    for (const k of ringCases) {
      expect(await actions(k.caseId)).toEqual(expect.arrayContaining(['suspend', 'preservation_hold']));
      expect(await events(k.caseId)).toEqual(expect.arrayContaining(['case.account_suspended', 'case.preservation_recorded']));
      expect((await outbox(k.caseId)).sort()).toEqual(['account.preservation_hold', 'account.suspended']);
      expect(await prisma().preservationHold.count({ where: { accountId: k.accountId } })).toBe(1);
    }
  });

  it('drafts the referrals each case requires; each cites the other accounts and the hotline IDs recorded for them, frozen at preparation', async () => {
    const [a, b, c] = await ring();
    // C was referred before, and the NCA gave a reference.
    const earlier = await prepareReferral({ caseId: c.caseId, hotline: 'uk_nca', actor: moderator });
    await prisma().referral.update({ where: { id: earlier.referralId }, data: { status: 'acknowledged', hotlineReportId: 'NCA-2026-0999', submittedAt: new Date(), acknowledgedAt: new Date() } });
    const { results } = await respond(supervisor, { caseId: a.caseId, measures: ['refer'], targets: await targets([a, b, c]) });
    expect(results.map((r) => r.outcome)).toEqual(['done', 'done', 'done']);
    const referralA = await prisma().referral.findFirstOrThrow({ where: { caseId: a.caseId, hotline: 'uk_nca' }, select: { id: true, payloadText: true, summary: true } });
    expect(results[0]!.referralIds).toEqual([referralA.id]);
    const doc = JSON.parse(referralA.payloadText!);
    expect(doc.connectedAccounts).toEqual([
      expect.objectContaining({ handle: b.handle, hops: 1, linkReasons: [{ reason: 'shared_content_url', detail: 'https://files.example/ring' }], hotlineReferences: [] }),
      expect.objectContaining({ handle: c.handle, hops: 2, linkReasons: [{ reason: 'replaced_account', detail: b.handle }], hotlineReferences: [{ hotline: 'uk_nca', reference: 'NCA-2026-0999' }] }),
    ]);
    expect(JSON.stringify(referralA.summary)).toContain('NCA-2026-0999');
    for (const k of [a, b, c]) expect(await events(k.caseId)).toContain('referral.prepared');

    // Frozen: a link found after preparation does not change the prepared payload.
    const newcomer = await reportAccount();
    await linkAccounts(a.accountId, newcomer.accountId);
    const again = await prisma().referral.findUniqueOrThrow({ where: { id: referralA.id }, select: { payloadText: true } });
    expect(again.payloadText).toBe(referralA.payloadText);
  });

  it('refuses per account (stale version, not in the network) without undoing or blocking the others; an unclaimed case is acted on', async () => {
    const [a, b, c] = await ring();
    const unclaimed = await reportAccount();
    await linkAccounts(a.accountId, unclaimed.accountId);
    const stranger = await caseHeldBy(moderator, supervisor);
    const list = await targets([a, b, c, unclaimed, stranger]);
    list[1]!.expectedVersion -= 1; // B changed since the page was loaded
    const { results } = await respond(supervisor, { caseId: a.caseId, measures: ['suspend', 'preserve'], reasonCode: 'grooming', targets: list });
    expect(results.map((r) => r.outcome)).toEqual(['done', 'refused', 'done', 'done', 'refused']);
    expect(results[1]!.steps).toEqual([
      { measure: 'suspend', result: 'refused', message: expect.stringMatching(/changed since you opened it/) },
      { measure: 'preserve', result: 'refused', message: 'Not tried: an earlier measure was refused.' },
    ]);
    expect(results[4]!.steps[0]!.message).toMatch(/Not in this case’s network/);
    expect(await actions(b.caseId)).not.toContain('suspend');
    expect(await actions(stranger.caseId)).not.toContain('suspend');
    for (const k of [a, c, unclaimed]) expect(await actions(k.caseId)).toEqual(expect.arrayContaining(['suspend', 'preservation_hold']));
    const summary = await prisma().auditEntry.findFirstOrThrow({ where: { caseId: a.caseId, event: 'network.response_applied' }, select: { payload: true } });
    expect((summary.payload as { accounts: { outcome: string }[] }).accounts.map((x) => x.outcome)).toEqual(['done', 'refused', 'done', 'done', 'refused']);
  });

  it('is a supervisor’s: a moderator is refused before anything is written', async () => {
    const ringCases = await ring();
    await expect(respond(moderator, { caseId: ringCases[0].caseId, measures: ['suspend'], reasonCode: 'grooming', targets: await targets(ringCases) })).rejects.toMatchObject({ code: 'forbidden' });
    for (const k of ringCases) expect(await actions(k.caseId)).not.toContain('suspend');
    expect(await events(ringCases[0].caseId)).not.toContain('network.response_applied');
  });

  it('refuses bad input with field messages', () => {
    const bad = ZNetworkResponseInput.safeParse({ caseId: 'x', measures: [], targets: [] });
    expect(bad.success).toBe(false);
    const noReason = ZNetworkResponseInput.safeParse({ caseId: crypto.randomUUID(), measures: ['suspend'], targets: [{ accountId: crypto.randomUUID(), caseId: crypto.randomUUID(), expectedVersion: 1 }] });
    expect(noReason.error?.issues.map((i) => i.path.join('.'))).toEqual(['reasonCode']);
  });
});
