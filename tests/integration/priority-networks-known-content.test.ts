import { describe, expect, it } from 'vitest';
import { endExpiredSuspensions } from '@/lib/cases/end-expired-suspensions';
import { ZCaseActionInput } from '@/lib/cases/schema';
import { takeAction } from '@/lib/cases/take-action';
import { getPrisma } from '@/lib/db';
import type { PriorityParts } from '@/lib/queue/priority';
import { rescoreDueCases } from '@/lib/queue/rescore-due-cases';
import { caseHeldBy, createStaffPrincipal, reportAccount } from '../factories/cases';

const prisma = getPrisma();

async function link(a: string, b: string) {
  const [accountAId, accountBId] = a < b ? [a, b] : [b, a];
  await prisma.accountLink.create({ data: { accountAId, accountBId, reason: 'shared_content_url', detail: 'hxxps://example[.]com/x' } });
}

async function partsOf(caseId: string) {
  while ((await rescoreDueCases(prisma)) > 0) {
    /* until nothing is due */
  }
  const kase = await prisma.case.findUniqueOrThrow({ where: { id: caseId }, select: { priorityParts: true, priorityScore: true } });
  return { ...(kase.priorityParts as PriorityParts), score: kase.priorityScore };
}

describe('the network and known-content parts of the priority score', () => {
  it('adds ban evasion while a linked account is suspended, and takes it away when the suspension ends', async () => {
    const supervisor = await createStaffPrincipal('supervisor');
    const moderator = await createStaffPrincipal('moderator');
    const suspended = await caseHeldBy(moderator, supervisor);
    const evader = await reportAccount();
    await link(suspended.accountId, evader.accountId);

    const before = await partsOf(evader.caseId);
    expect(before.banEvasion).toBe(0);

    const until = new Date(Date.now() + 86_400_000);
    await takeAction({
      caseId: suspended.caseId,
      actor: moderator,
      expectedVersion: suspended.version,
      input: ZCaseActionInput.parse({ type: 'suspend', reasonCode: 'csam_shared', until: until.toISOString() }),
    });
    // The suspension marked the linked account's open case due: no waiting for time-based rescoring.
    const due = await prisma.case.findUniqueOrThrow({ where: { id: evader.caseId }, select: { rescoreAt: true } });
    expect(due.rescoreAt!.getTime()).toBeLessThanOrEqual(Date.now());
    const during = await partsOf(evader.caseId);
    expect(during.banEvasion).toBe(30);
    expect(during.score - before.score).toBe(30);

    await endExpiredSuspensions(prisma, new Date(until.getTime() + 1000));
    expect((await partsOf(evader.caseId)).banEvasion).toBe(0);
  });

  it('does not count a link to an account that is only preserved or not enforced', async () => {
    const a = await reportAccount();
    const b = await reportAccount();
    await link(a.accountId, b.accountId);
    await prisma.reportedAccount.update({ where: { id: a.accountId }, data: { enforcement: 'preserved' } });
    await prisma.case.update({ where: { id: b.caseId }, data: { rescoreAt: new Date() } });
    expect((await partsOf(b.caseId)).banEvasion).toBe(0);
  });

  it('adds known content for a match on an active list whose entry is still there; not for a retired list or a removed entry', async () => {
    const kase = await reportAccount({ category: 'child_sexual_imagery' });
    const report = await prisma.report.findFirstOrThrow({ where: { caseId: kase.caseId } });
    const list = await prisma.hashList.create({ data: { name: `list-${kase.caseId}`, source: 'test', category: 'child_sexual_imagery' } });
    const entry = await prisma.hashListEntry.create({ data: { listId: list.id, algorithm: 'md5', value: 'a'.repeat(32) } });
    await prisma.caseHashMatch.create({
      data: { caseId: kase.caseId, reportId: report.id, listId: list.id, entryId: entry.id, algorithm: 'md5', reportHash: `MD5:${'a'.repeat(32)}`, distance: 0 },
    });
    await prisma.case.update({ where: { id: kase.caseId }, data: { rescoreAt: new Date() } });
    expect((await partsOf(kase.caseId)).knownContent).toBe(40);

    await prisma.hashList.update({ where: { id: list.id }, data: { status: 'retired' } });
    await prisma.case.update({ where: { id: kase.caseId }, data: { rescoreAt: new Date() } });
    expect((await partsOf(kase.caseId)).knownContent).toBe(0);

    await prisma.hashList.update({ where: { id: list.id }, data: { status: 'active' } });
    await prisma.hashListEntry.delete({ where: { id: entry.id } }); // as a replace does: the match stays, its entry gone
    await prisma.case.update({ where: { id: kase.caseId }, data: { rescoreAt: new Date() } });
    expect((await partsOf(kase.caseId)).knownContent).toBe(0);
    expect(await prisma.caseHashMatch.count({ where: { caseId: kase.caseId } })).toBe(1);
  });
});
