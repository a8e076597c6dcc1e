import { beforeAll, describe, expect, it } from 'vitest';
import type { StaffPrincipal } from '@/lib/auth/roles';
import { getPrisma } from '@/lib/db';
import { listQueue } from '@/lib/queue/list-queue';
import { parseQueueQuery } from '@/lib/queue/list-queue-params';
import { createStaffPrincipal, reportAccount } from '../factories/cases';

const prisma = getPrisma();
let moderator: StaffPrincipal;
const now = new Date();

/** Every open case (default view: not responding) in network order, computed independently. */
async function expectedNetworkOrder(minimum = 1): Promise<string[]> {
  const rows = await prisma.case.findMany({
    where: { closedAt: null, status: { not: 'responding' }, networkSize: { gte: minimum } },
    orderBy: [{ networkSize: 'desc' }, { priorityScore: 'desc' }, { slaDueAt: 'asc' }, { id: 'asc' }],
    select: { id: true },
  });
  return rows.map((r) => r.id);
}

beforeAll(async () => {
  moderator = await createStaffPrincipal('moderator');
  // 30 cases with many ties in network size and priority, so the keyset must use all four keys.
  for (let i = 0; i < 30; i++) {
    const kase = await reportAccount({ handle: `netq_${i}` });
    await prisma.case.update({
      where: { id: kase.caseId },
      data: { networkSize: [1, 1, 3, 7, 3][i % 5]!, priorityScore: [50, 80, 80][i % 3]!, slaDueAt: new Date(now.getTime() + ((i % 4) - 2) * 3_600_000) },
    });
  }
});

async function walk(params: Record<string, string>, limit: number) {
  const seen: string[] = [];
  const pages: string[][] = [];
  let cursor: string | null = null;
  let page: Awaited<ReturnType<typeof listQueue>>;
  do {
    page = await listQueue({ viewer: moderator, query: { ...parseQueueQuery(params), cursor: cursor ?? undefined }, limit, now });
    seen.push(...page.rows.map((r) => r.id));
    pages.push(page.rows.map((r) => r.id));
    cursor = page.nextCursor;
  } while (cursor && pages.length < 50);
  return { seen, pages, last: page };
}

describe('the queue by network size', () => {
  it('sorts by network size, then priority and SLA, paging forward through every case exactly once', async () => {
    const { seen } = await walk({ sort: 'network' }, 7);
    expect(seen).toEqual(await expectedNetworkOrder());
    const first = await listQueue({ viewer: moderator, query: parseQueueQuery({ sort: 'network' }), limit: 3, now });
    expect(first.rows.map((r) => r.networkSize)).toEqual([7, 7, 7]);
  });

  it('pages backwards through the same pages', async () => {
    const { pages, last } = await walk({ sort: 'network' }, 7);
    let page = last;
    const backward: string[][] = [page.rows.map((r) => r.id)];
    while (page.previousCursor) {
      page = await listQueue({ viewer: moderator, query: { ...parseQueueQuery({ sort: 'network' }), before: page.previousCursor }, limit: 7, now });
      backward.unshift(page.rows.map((r) => r.id));
    }
    expect(backward).toEqual(pages);
  });

  it('filters to cases in a network (size ≥ 2) or to a minimum size, in either order', async () => {
    expect((await walk({ network: '2', sort: 'network' }, 5)).seen).toEqual(await expectedNetworkOrder(2));
    const inNetwork = (await walk({ network: '5' }, 5)).seen;
    expect(new Set(inNetwork)).toEqual(new Set(await expectedNetworkOrder(5)));
    expect(inNetwork).toHaveLength(6);
  });
});
