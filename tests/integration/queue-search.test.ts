import { beforeAll, describe, expect, it } from 'vitest';
import type { StaffPrincipal } from '@/lib/auth/roles';
import { getPrisma } from '@/lib/db';
import { createApiKey } from '@/lib/platform/create-api-key';
import { listQueue } from '@/lib/queue/list-queue';
import { parseQueueQuery } from '@/lib/queue/list-queue-params';
import { acceptReport } from '@/lib/reports/accept-report';
import { ZReportInput } from '@/lib/reports/schema';
import { createStaffPrincipal, reportAccount } from '../factories/cases';

/** Issue 11, requirement 8: partial, case-insensitive search through trigram indexes. */

const prisma = getPrisma();
let moderator: StaffPrincipal;
const found = async (q: string) => (await listQueue({ viewer: moderator, query: parseQueueQuery({ q }) })).rows.map((r) => r.id);

let danger: string;
let lookalike: string;
let fromPlatform: { caseId: string; reference: string };

beforeAll(async () => {
  moderator = await createStaffPrincipal('moderator');
  danger = (await reportAccount({ handle: 'the_Walk_Danger_99' })).caseId;
  // "_" in the search is a literal underscore, not "any character": this one must not match.
  lookalike = (await reportAccount({ handle: 'walkxdanger' })).caseId;
  const admin = await createStaffPrincipal('admin');
  const key = await createApiKey({ name: 'search platform', scopes: ['reports:write'], actor: admin });
  const report = ZReportInput.parse({
    account: { handle: 'quiet.account', platformAccountId: 'UID-55501234' },
    category: 'grooming',
    description: 'From the platform.',
    platformContext: { displayName: 'Sunny Playground Helper' },
  });
  const accepted = await acceptReport(report, { channel: 'api', sourceHash: 'src-platform', reporterFingerprint: 'fp-platform', apiClientId: key.id });
  fromPlatform = { caseId: accepted.caseId!, reference: accepted.reference };
});

describe('search that finds', () => {
  it('"walk_danger" finds the handle containing it, in any letter case and with an @, and not a lookalike', async () => {
    for (const q of ['walk_danger', 'WALK_DANGER', '@Walk_Danger', 'k_dan']) {
      const ids = await found(q);
      expect(ids, q).toContain(danger);
      expect(ids, q).not.toContain(lookalike);
    }
    expect(await found('walkxdanger')).toEqual([lookalike]);
  });

  it('finds a case by a fragment of its report reference, in any letter case', async () => {
    const middle = fromPlatform.reference.slice(3, 7); // "TC-7K4M-9QX2" → "7K4M"
    expect(await found(middle.toLowerCase())).toContain(fromPlatform.caseId);
    expect(await found(fromPlatform.reference.slice(0, 8).toLowerCase())).toContain(fromPlatform.caseId);
    expect(await found(fromPlatform.reference.toLowerCase())).toEqual([fromPlatform.caseId]);
  });

  it('finds a case by a fragment of the platform account ID and of the display name the platform sent', async () => {
    expect(await found('5550123')).toEqual([fromPlatform.caseId]);
    expect(await found('uid-555')).toEqual([fromPlatform.caseId]);
    expect(await found('playground')).toEqual([fromPlatform.caseId]);
    expect(await found('SUNNY PLAY')).toEqual([fromPlatform.caseId]);
  });

  it('matches text shorter than three characters exactly only, and finds nothing for an unknown fragment', async () => {
    const short = (await reportAccount({ handle: 'zq' })).caseId;
    expect(await found('zq')).toEqual([short]);
    expect(await found('@ZQ')).toEqual([short]);
    expect(await found('q')).toEqual([]);
    expect(await found('no-such-fragment-anywhere')).toEqual([]);
  });

  it('lists open cases before closed ones among the matches', async () => {
    const open = (await reportAccount({ handle: 'order_probe_open' })).caseId;
    const closed = (await reportAccount({ handle: 'order_probe_closed' })).caseId;
    await prisma.case.update({ where: { id: closed }, data: { status: 'closed', resolution: 'dismissed', closedAt: new Date(), priorityScore: 999 } });
    expect(await found('order_probe')).toEqual([open, closed]);
  });

  it('refuses search text with a control character: no search runs, the queue is shown', async () => {
    const page = await listQueue({ viewer: moderator, query: parseQueueQuery({ q: 'walk\u0000danger' }) });
    expect(page.searched).toBe(false);
  });

  it('has trigram indexes that fit the search expressions (handle, account ID, reference, display name)', async () => {
    // This file's tables are tiny, so a sequential scan wins on cost; with it ruled out the plan shows
    // whether the indexes apply to the search's expressions at all. bench:queue times them at 1M reports.
    const plans = await prisma.$transaction(async (tx) => {
      await tx.$executeRawUnsafe('SET LOCAL enable_seqscan = off');
      const explain = async (sql: string) => (await tx.$queryRawUnsafe<{ 'QUERY PLAN': string }[]>(`EXPLAIN ${sql}`)).map((r) => r['QUERY PLAN']).join('\n');
      return [
        await explain(`SELECT id FROM reported_accounts WHERE handle ILIKE '%walk\\_danger%' OR platform_account_id ILIKE '%walk\\_danger%'`),
        await explain(`SELECT case_id FROM reports WHERE reference ILIKE '%7K4M%' OR (platform_context ->> 'displayName') ILIKE '%7K4M%'`),
      ];
    });
    expect(plans[0]).toMatch(/reported_accounts_handle_trgm/);
    expect(plans[0]).toMatch(/reported_accounts_platform_account_id_trgm/);
    expect(plans[1]).toMatch(/reports_reference_trgm/);
    expect(plans[1]).toMatch(/reports_display_name_trgm/);
  });
});
