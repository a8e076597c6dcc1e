import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { getPrisma } from '@/lib/db';
import { KnownContentIndex } from '@/lib/hashes/known-content-index';
import { matchQueuedReports } from '@/lib/known-content/match-queued-reports';
import { rematchChangedLists } from '@/lib/known-content/rematch-changed-lists';
import { createApiKey } from '@/lib/platform/create-api-key';
import { loadCaseForReferral } from '@/lib/referrals/load-case-for-referral';
import type { PriorityParts } from '@/lib/queue/priority';
import { rescoreDueCases } from '@/lib/queue/rescore-due-cases';
import { acceptReport } from '@/lib/reports/accept-report';
import { ZReportInput } from '@/lib/reports/schema';
import { createStaffPrincipal } from '../factories/cases';

const prisma = getPrisma();
let apiClientId: string;

beforeAll(async () => {
  const admin = await createStaffPrincipal('admin');
  apiClientId = (await createApiKey({ name: 'platform', scopes: ['reports:write'], actor: admin })).id;
});

const hex = (n: number) => Array.from({ length: n }, () => Math.floor(Math.random() * 16).toString(16)).join('');
/** `pdq` (64 hex digits) with its first `bits` bits flipped: Hamming distance exactly `bits`. */
function flipBits(pdq: string, bits: number): string {
  const words = pdq.match(/.{8}/g)!.map((w) => parseInt(w, 16));
  for (let b = 0; b < bits; b++) words[b >> 5] = (words[b >> 5]! ^ (1 << (31 - (b & 31)))) >>> 0;
  return words.map((w) => w.toString(16).padStart(8, '0')).join('');
}

/** A platform report (API key) about a new account carrying `mediaHashes`. */
async function platformReport(mediaHashes: string[]) {
  const report = ZReportInput.parse({ account: { handle: `acct_${randomUUID().slice(0, 8)}` }, category: 'child_sexual_imagery', mediaHashes });
  const accepted = await acceptReport(report, { channel: 'api', sourceHash: `src-${randomUUID()}`, reporterFingerprint: `fp-${randomUUID()}`, apiClientId });
  return { caseId: accepted.caseId!, reportId: (await prisma.report.findUniqueOrThrow({ where: { reference: accepted.reference } })).id };
}

async function createList(name: string, entries: { algorithm: 'md5' | 'pdq' | 'sha256'; value: string; label?: string }[], pdqMaxDistance = 31) {
  const list = await prisma.hashList.create({ data: { name, source: 'Test hotline', category: 'child_sexual_imagery', pdqMaxDistance, entryCount: entries.length } });
  await prisma.hashListEntry.createMany({ data: entries.map((e) => ({ listId: list.id, ...e })) });
  return list;
}

async function drain(index: KnownContentIndex) {
  while ((await matchQueuedReports(prisma, index)) > 0) {
    /* until the queue is empty */
  }
}

async function knownContentPart(caseId: string): Promise<number> {
  while ((await rescoreDueCases(prisma)) > 0) {
    /* until nothing is due */
  }
  const kase = await prisma.case.findUniqueOrThrow({ where: { id: caseId }, select: { priorityParts: true } });
  return (kase.priorityParts as PriorityParts).knownContent;
}

describe('known-content matching at intake (worker, seconds after the report)', () => {
  it('queues only reports with hashes, matches exact and PDQ hashes within the list distance, and audits the match under the case', async () => {
    const md5 = hex(32);
    const pdq = hex(64);
    const list = await createList(`intake-${randomUUID()}`, [
      { algorithm: 'md5', value: md5, label: 'series A' },
      { algorithm: 'pdq', value: pdq, label: 'series B' },
    ]);
    const index = new KnownContentIndex();

    const plain = await platformReport([]);
    const matching = await platformReport([`MD5:${md5.toUpperCase()}`, `PDQ:${flipBits(pdq, 12)}`, `PDQ:${flipBits(pdq, 40)}`, `SHA256:${hex(64)}`]);
    expect(await prisma.knownContentCheck.count({ where: { reportId: plain.reportId } })).toBe(0);
    expect(await prisma.knownContentCheck.count({ where: { reportId: matching.reportId } })).toBe(1);
    expect(await knownContentPart(matching.caseId)).toBe(0);

    await drain(index);
    expect(await prisma.knownContentCheck.count()).toBe(0);
    const matches = await prisma.caseHashMatch.findMany({ where: { caseId: matching.caseId }, orderBy: { distance: 'asc' } });
    expect(matches.map((m) => ({ algorithm: m.algorithm, distance: m.distance, label: m.entryLabel, listId: m.listId }))).toEqual([
      { algorithm: 'md5', distance: 0, label: 'series A', listId: list.id },
      { algorithm: 'pdq', distance: 12, label: 'series B', listId: list.id },
    ]);
    const audit = await prisma.auditEntry.findMany({ where: { event: 'known_content.matched' } });
    expect(audit).toHaveLength(1);
    expect(audit[0]!.caseId).toBe(matching.caseId);
    expect(audit[0]!.payload).toMatchObject({ trigger: 'intake', matches: [{ listName: list.name }, { listName: list.name }] });
    // The match and its audit entry were written by one transaction.
    const [matchTx] = await prisma.$queryRaw<{ xmin: string }[]>`SELECT xmin::text FROM case_hash_matches WHERE case_id = ${matching.caseId}::uuid LIMIT 1`;
    const [auditTx] = await prisma.$queryRaw<{ xmin: string }[]>`SELECT xmin::text FROM audit_entries WHERE id = ${audit[0]!.id}`;
    expect(auditTx!.xmin).toBe(matchTx!.xmin);

    expect(await knownContentPart(matching.caseId)).toBe(40);
  });

  it('never matches a report twice when two workers drain the queue at once', async () => {
    const md5 = hex(32);
    await createList(`twice-${randomUUID()}`, [{ algorithm: 'md5', value: md5 }]);
    const before = await prisma.auditEntry.count({ where: { event: 'known_content.matched' } });
    const cases = [];
    for (let i = 0; i < 20; i++) cases.push(await platformReport([`MD5:${md5}`]));
    await Promise.all([drain(new KnownContentIndex()), drain(new KnownContentIndex())]);
    expect(await prisma.caseHashMatch.count({ where: { caseId: { in: cases.map((c) => c.caseId) } } })).toBe(20);
    expect((await prisma.auditEntry.count({ where: { event: 'known_content.matched' } })) - before).toBe(20);
  });
});

describe('known-content matching when a list changes', () => {
  it('matches open cases against a newly imported list, then scores nothing once the list is retired', async () => {
    const pdq = hex(64);
    const index = new KnownContentIndex();
    const open = await platformReport([`PDQ:${flipBits(pdq, 31)}`]);
    const closed = await platformReport([`PDQ:${pdq}`]);
    await prisma.case.update({ where: { id: closed.caseId }, data: { status: 'closed', resolution: 'dismissed', closedAt: new Date() } });
    await drain(index);
    expect(await prisma.caseHashMatch.count({ where: { caseId: { in: [open.caseId, closed.caseId] } } })).toBe(0);

    const list = await createList(`late-${randomUUID()}`, [{ algorithm: 'pdq', value: pdq }]);
    expect(await rematchChangedLists(prisma, index)).toBeGreaterThanOrEqual(1);
    const match = await prisma.caseHashMatch.findFirstOrThrow({ where: { caseId: open.caseId } });
    expect(match).toMatchObject({ listId: list.id, distance: 31 });
    expect(await prisma.caseHashMatch.count({ where: { caseId: closed.caseId } })).toBe(0);
    expect((await prisma.hashList.findUniqueOrThrow({ where: { id: list.id } })).matchedGeneration).toBe(1);
    const audit = await prisma.auditEntry.findFirstOrThrow({ where: { event: 'known_content.matched', caseId: open.caseId } });
    expect(audit.payload).toMatchObject({ trigger: 'list_import' });
    expect(await knownContentPart(open.caseId)).toBe(40);

    // Nothing changed: a second pass does nothing.
    expect(await rematchChangedLists(prisma, index)).toBe(0);

    await prisma.hashList.update({ where: { id: list.id }, data: { status: 'retired', retiredAt: new Date(), generation: { increment: 1 } } });
    expect(await rematchChangedLists(prisma, index)).toBe(1);
    expect(await knownContentPart(open.caseId)).toBe(0);
    expect(await prisma.caseHashMatch.count({ where: { caseId: open.caseId } })).toBe(1); // kept as history
  });

  it('respects a stricter per-list PDQ distance', async () => {
    const pdq = hex(64);
    await createList(`strict-${randomUUID()}`, [{ algorithm: 'pdq', value: pdq }], 8);
    const near = await platformReport([`PDQ:${flipBits(pdq, 8)}`]);
    const far = await platformReport([`PDQ:${flipBits(pdq, 9)}`]);
    await drain(new KnownContentIndex());
    expect(await prisma.caseHashMatch.count({ where: { caseId: near.caseId } })).toBe(1);
    expect(await prisma.caseHashMatch.count({ where: { caseId: far.caseId } })).toBe(0);
  });
});

describe('known content in referral packets', () => {
  it('cites the matches a list still vouches for, as text, and leaves out retired lists and removed entries', async () => {
    const [kept, retired, removed] = [hex(32), hex(32), hex(32)];
    const keptList = await createList(`kept-${randomUUID()}`, [{ algorithm: 'md5', value: kept, label: 'series K' }]);
    const retiredList = await createList(`retired-${randomUUID()}`, [{ algorithm: 'md5', value: retired }]);
    const removedList = await createList(`removed-${randomUUID()}`, [{ algorithm: 'md5', value: removed }]);
    const kase = await platformReport([`MD5:${kept}`, `MD5:${retired}`, `MD5:${removed}`]);
    await drain(new KnownContentIndex());
    expect(await prisma.caseHashMatch.count({ where: { caseId: kase.caseId } })).toBe(3);

    await prisma.hashList.update({ where: { id: retiredList.id }, data: { status: 'retired' } });
    await prisma.hashListEntry.deleteMany({ where: { listId: removedList.id } });
    const source = await loadCaseForReferral(kase.caseId);
    expect(source.knownContent).toEqual([
      {
        listName: keptList.name,
        listSource: 'Test hotline',
        algorithm: 'md5',
        reportHash: `MD5:${kept}`,
        reportReference: source.reports[0]!.reference,
        distance: 0,
        threshold: 0,
        entryLabel: 'series K',
      },
    ]);
  });
});
