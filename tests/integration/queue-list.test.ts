import { beforeAll, describe, expect, it } from 'vitest';
import type { StaffPrincipal } from '@/lib/auth/roles';
import { takeAction } from '@/lib/cases/take-action';
import { getPrisma } from '@/lib/db';
import { listQueue } from '@/lib/queue/list-queue';
import { encodeCursor, parseQueueQuery, type QueueQuery } from '@/lib/queue/list-queue-params';
import { acceptReport } from '@/lib/reports/accept-report';
import { ZReportInput } from '@/lib/reports/schema';
import { caseHeldBy, createStaffPrincipal, reportAccount } from '../factories/cases';

const prisma = getPrisma();
const query = (params: Record<string, string> = {}): QueueQuery => parseQueueQuery(params);

let moderator: StaffPrincipal;
let supervisor: StaffPrincipal;
const now = new Date();

/** Every open case in queue order, computed independently of listQueue. */
async function expectedOrder(): Promise<string[]> {
  const rows = await prisma.case.findMany({
    where: { closedAt: null },
    orderBy: [{ priorityScore: 'desc' }, { slaDueAt: 'asc' }, { id: 'asc' }],
    select: { id: true },
  });
  return rows.map((r) => r.id);
}

beforeAll(async () => {
  moderator = await createStaffPrincipal('moderator');
  supervisor = await createStaffPrincipal('supervisor');
  // 30 open cases with many ties in priority and some in SLA time, so the keyset must use all three keys.
  for (let i = 0; i < 30; i++) {
    const kase = await reportAccount({ handle: `queue_${i}`, category: i % 3 === 0 ? 'child_sexual_imagery' : 'grooming' });
    await prisma.case.update({
      where: { id: kase.caseId },
      data: { priorityScore: [50, 80, 80, 120][i % 4]!, slaDueAt: new Date(now.getTime() + ((i % 5) - 2) * 3_600_000) },
    });
  }
});

describe('listQueue', () => {
  it('pages through every open case exactly once, in priority then SLA order, with a keyset cursor', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await listQueue({ viewer: moderator, query: { ...query(), cursor: cursor ?? undefined }, limit: 7, now });
      seen.push(...page.rows.map((r) => r.id));
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 20);
    expect(seen).toEqual(await expectedOrder());
    expect(new Set(seen).size).toBe(seen.length);
    expect(pages).toBe(Math.ceil(seen.length / 7));
  });

  it('walks back page by page with "previous", giving the same pages as walking forward', async () => {
    const forward: string[][] = [];
    let cursor: string | null = null;
    let page: Awaited<ReturnType<typeof listQueue>>;
    do {
      page = await listQueue({ viewer: moderator, query: { ...query(), cursor: cursor ?? undefined }, limit: 7, now });
      expect(page.previousCursor === null).toBe(forward.length === 0);
      forward.push(page.rows.map((r) => r.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(forward.length).toBeGreaterThan(2);

    const backward: string[][] = [page.rows.map((r) => r.id)];
    while (page.previousCursor) {
      page = await listQueue({ viewer: moderator, query: { ...query(), before: page.previousCursor }, limit: 7, now });
      expect(page.nextCursor).not.toBeNull();
      backward.unshift(page.rows.map((r) => r.id));
    }
    expect(backward).toEqual(forward);
  });

  it('shows the first page when nothing is left before a "previous" position', async () => {
    const first = await listQueue({ viewer: moderator, query: query(), limit: 5, now });
    const beforeFirst = await listQueue({ viewer: moderator, query: { ...query(), before: encodeCursor({ priorityScore: 100_000, slaDueAt: now, id: first.rows[0]!.id }) }, limit: 5, now });
    expect(beforeFirst.rows.map((r) => r.id)).toEqual(first.rows.map((r) => r.id));
    expect(beforeFirst.previousCursor).toBeNull();
  });

  it('returns DTOs with the account, counts, SLA and holder, and leaves closed cases out', async () => {
    const held = await caseHeldBy(moderator, supervisor, { handle: 'held_one' });
    const closed = await caseHeldBy(moderator, supervisor, { handle: 'closed_one' });
    await takeAction({ caseId: closed.caseId, actor: moderator, expectedVersion: closed.version, input: { type: 'dismiss', reasonCode: 'no_violation' } });

    const all = await listQueue({ viewer: moderator, query: query(), limit: 500, now });
    const row = all.rows.find((r) => r.id === held.caseId)!;
    expect(row).toMatchObject({ handle: 'held_one', status: 'in_review', reportCount: 1, distinctReporters: 1, primaryCategory: 'grooming' });
    expect(row.holder).toEqual({ id: moderator.id, name: moderator.name });
    expect(row.slaDueAt).toBeInstanceOf(Date);
    expect(typeof row.caseNumber).toBe('string');
    expect(all.rows.some((r) => r.id === closed.caseId)).toBe(false);
  });

  it('filters by category, status, SLA breached and "held by me"', async () => {
    const byCategory = await listQueue({ viewer: moderator, query: query({ category: 'child_sexual_imagery' }), limit: 500, now });
    expect(byCategory.rows.length).toBeGreaterThan(0);
    expect(byCategory.rows.every((r) => r.primaryCategory === 'child_sexual_imagery')).toBe(true);

    const inReview = await listQueue({ viewer: moderator, query: query({ status: 'in_review' }), limit: 500, now });
    expect(inReview.rows.every((r) => r.status === 'in_review')).toBe(true);

    const breached = await listQueue({ viewer: moderator, query: query({ breached: '1' }), limit: 500, now });
    expect(breached.rows.length).toBeGreaterThan(0);
    expect(breached.rows.every((r) => r.slaDueAt < now)).toBe(true);

    const other = await createStaffPrincipal('moderator');
    const theirs = await caseHeldBy(other, supervisor);
    const mine = await listQueue({ viewer: moderator, query: query({ mine: '1' }), limit: 500, now });
    expect(mine.rows.length).toBeGreaterThan(0);
    expect(mine.rows.every((r) => r.holder?.id === moderator.id)).toBe(true);
    expect(mine.rows.some((r) => r.id === theirs.caseId)).toBe(false);
  });

  it('keeps filters while paging', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await listQueue({ viewer: moderator, query: { ...query({ category: 'grooming' }), cursor: cursor ?? undefined }, limit: 4, now });
      seen.push(...page.rows.map((r) => r.id));
      cursor = page.nextCursor;
    } while (cursor);
    const expected = await prisma.case.findMany({
      where: { closedAt: null, primaryCategory: 'grooming' },
      orderBy: [{ priorityScore: 'desc' }, { slaDueAt: 'asc' }, { id: 'asc' }],
      select: { id: true },
    });
    expect(seen).toEqual(expected.map((r) => r.id));
  });

  it('shows the first page for a tampered cursor, and an empty page after the last case', async () => {
    const first = await listQueue({ viewer: moderator, query: query(), limit: 5, now });
    const tampered = await listQueue({ viewer: moderator, query: { ...query(), cursor: 'not-a-cursor' }, limit: 5, now });
    expect(tampered.rows.map((r) => r.id)).toEqual(first.rows.map((r) => r.id));
    const end = encodeCursor({ priorityScore: -1, slaDueAt: now, id: '00000000-0000-4000-8000-000000000000' });
    const after = await listQueue({ viewer: moderator, query: { ...query(), cursor: end }, limit: 5, now });
    expect(after).toEqual({ rows: [], nextCursor: null, previousCursor: null, searched: false });
  });

  it('finds cases by handle as typed, platform account ID or report reference, closed ones included', async () => {
    const report = ZReportInput.parse({
      account: { handle: 'Searchable.Person', platformAccountId: 'PID-99887766' },
      category: 'sextortion',
      description: 'search me',
    });
    const accepted = await acceptReport(report, { channel: 'api', sourceHash: 'src-search', reporterFingerprint: 'fp-search' });
    const caseId = accepted.caseId!;

    for (const q of ['@searchable.person', 'SEARCHABLE.PERSON', 'https://social.example/@Searchable.Person', 'PID-99887766', accepted.reference.toLowerCase()]) {
      const page = await listQueue({ viewer: moderator, query: query({ q }), now });
      expect(page.searched, q).toBe(true);
      expect(page.rows.map((r) => r.id), q).toEqual([caseId]);
      expect(page.nextCursor).toBeNull();
    }

    const closed = await listQueue({ viewer: moderator, query: query({ q: 'closed_one' }), now });
    expect(closed.rows).toHaveLength(1);
    expect(closed.rows[0]!.status).toBe('closed');

    const none = await listQueue({ viewer: moderator, query: query({ q: 'TC-ZZZZ-ZZZZ' }), now });
    expect(none).toEqual({ rows: [], nextCursor: null, previousCursor: null, searched: true });
  });
});
