import { beforeAll, describe, expect, it } from 'vitest';
import { getPrisma } from '@/lib/db';
import { getAccountNetwork } from '@/lib/networks/get-account-network';
import { createStaffPrincipal, reportAccount, type TestCase } from '../factories/cases';

const prisma = getPrisma();

/** Links two accounts directly (the link computation has its own tests). */
async function link(x: string, y: string, detail = 'https://example.com/a') {
  const [a, b] = x < y ? [x, y] : [y, x];
  await prisma.accountLink.create({ data: { accountAId: a, accountBId: b, reason: 'shared_content_url', detail } });
}

let centre: TestCase;
let hop1: TestCase[];
let hop2: TestCase;
let hop3: TestCase;

beforeAll(async () => {
  // centre — h1a, h1b (linked to each other too); h1a — h2; h2 — h3 (three links away: not returned).
  centre = await reportAccount({ handle: 'net_centre' });
  hop1 = [await reportAccount({ handle: 'net_h1a' }), await reportAccount({ handle: 'net_h1b' })];
  hop2 = await reportAccount({ handle: 'net_h2' });
  hop3 = await reportAccount({ handle: 'net_h3' });
  await link(centre.accountId, hop1[0]!.accountId);
  await link(centre.accountId, hop1[1]!.accountId);
  await link(hop1[0]!.accountId, hop1[1]!.accountId);
  await link(hop1[0]!.accountId, hop2.accountId);
  await link(hop2.accountId, hop3.accountId);

  // A recorded hotline report ID on the hop-2 account's case, and a suspension on h1b.
  const staff = await createStaffPrincipal('supervisor');
  await prisma.referral.create({
    data: { caseId: hop2.caseId, hotline: 'ncmec', createdById: staff.id, hotlineReportId: 'CT-123' },
  });
  await prisma.reportedAccount.update({ where: { id: hop1[1]!.accountId }, data: { enforcement: 'suspended' } });
});

describe('getAccountNetwork', () => {
  it('returns the account and everything within two links, with each account\'s facts and the links among them', async () => {
    const network = await getAccountNetwork(prisma, centre.accountId);
    expect(network.truncated).toBe(false);
    const hops = Object.fromEntries(network.accounts.map((a) => [a.handle, a.hops]));
    expect(hops).toEqual({ net_centre: 0, net_h1a: 1, net_h1b: 1, net_h2: 2 });
    expect(network.accounts[0]!.id).toBe(centre.accountId);
    // Within a hop, enforced accounts first.
    expect(network.accounts.map((a) => a.handle)).toEqual(['net_centre', 'net_h1b', 'net_h1a', 'net_h2']);

    const h2 = network.accounts.find((a) => a.handle === 'net_h2')!;
    expect(h2.openCase?.id).toBe(hop2.caseId);
    expect(h2.referralCount).toBe(1);
    expect(h2.hotlineReportIds).toEqual([{ hotline: 'ncmec', hotlineReportId: 'CT-123' }]);
    expect(network.accounts.find((a) => a.handle === 'net_h1b')!.enforcement).toBe('suspended');

    // Four links among the four accounts; the h2—h3 link leaves the network and is not returned.
    expect(network.links).toHaveLength(4);
    const ids = new Set(network.accounts.map((a) => a.id));
    for (const l of network.links) expect(ids.has(l.accountAId) && ids.has(l.accountBId)).toBe(true);
  });

  it('caps the accounts returned and says so', async () => {
    const network = await getAccountNetwork(prisma, centre.accountId, { maxAccounts: 3 });
    expect(network.truncated).toBe(true);
    expect(network.accounts.map((a) => a.hops)).toEqual([0, 1, 1]);
    expect(network.links.every((l) => network.accounts.some((a) => a.id === l.accountAId))).toBe(true);
    expect(network.links).toHaveLength(3);
  });

  it('is the account alone when it has no links, and not_found for an unknown account', async () => {
    const network = await getAccountNetwork(prisma, (await reportAccount()).accountId);
    expect(network.accounts).toHaveLength(1);
    expect(network.links).toEqual([]);
    await expect(getAccountNetwork(prisma, '00000000-0000-4000-8000-000000000000')).rejects.toMatchObject({ code: 'not_found' });
  });
});
