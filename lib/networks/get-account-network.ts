import 'server-only';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import type { Tx } from '@/lib/db';
import type { AccountNetwork, NetworkAccount, NetworkLink } from './types';

// STAND-IN (network branch): the links helper owns this file; theirs replaces it at rebase.
// Same signature and result type; a fixed number of queries whatever the network's size.

export const NETWORK_MAX_ACCOUNTS = 50;

const linkSelect = { accountAId: true, accountBId: true, reason: true, detail: true, createdAt: true } as const;

export async function getAccountNetwork(db: PrismaClient | Tx, accountId: string, { maxAccounts = NETWORK_MAX_ACCOUNTS }: { maxAccounts?: number } = {}): Promise<AccountNetwork> {
  const first: NetworkLink[] = await db.accountLink.findMany({ where: { OR: [{ accountAId: accountId }, { accountBId: accountId }] }, select: linkSelect });
  const hop1 = [...new Set(first.map((l) => (l.accountAId === accountId ? l.accountBId : l.accountAId)))];
  const second: NetworkLink[] = hop1.length
    ? await db.accountLink.findMany({ where: { OR: [{ accountAId: { in: hop1 } }, { accountBId: { in: hop1 } }] }, select: linkSelect })
    : [];
  const hops = new Map<string, 0 | 1 | 2>([[accountId, 0]]);
  for (const id of hop1) hops.set(id, 1);
  for (const l of second) for (const id of [l.accountAId, l.accountBId]) if (!hops.has(id)) hops.set(id, 2);
  const ids = [...hops.keys()].slice(0, maxAccounts);
  const kept = new Set(ids);
  const rows = await db.reportedAccount.findMany({
    where: { id: { in: ids } },
    select: {
      id: true,
      platform: true,
      handle: true,
      platformAccountId: true,
      enforcement: true,
      networkSize: true,
      cases: { where: { closedAt: null }, select: { id: true, caseNumber: true, status: true, version: true } },
    },
  });
  const referrals = await db.referral.findMany({ where: { case: { accountId: { in: ids } } }, select: { hotline: true, hotlineReportId: true, case: { select: { accountId: true } } } });
  const accounts: NetworkAccount[] = rows.map((r) => {
    const own = referrals.filter((x) => x.case.accountId === r.id);
    const open = r.cases[0];
    return {
      id: r.id,
      platform: r.platform,
      handle: r.handle,
      platformAccountId: r.platformAccountId,
      enforcement: r.enforcement,
      hops: hops.get(r.id)!,
      networkSize: r.networkSize,
      openCase: open ? { id: open.id, caseNumber: String(open.caseNumber), status: open.status, version: open.version } : null,
      referralCount: own.length,
      hotlineReportIds: own.filter((x) => x.hotlineReportId !== null).map((x) => ({ hotline: x.hotline, hotlineReportId: x.hotlineReportId! })),
    };
  });
  accounts.sort((a, b) => a.hops - b.hops || (a.handle ?? a.platformAccountId ?? '').localeCompare(b.handle ?? b.platformAccountId ?? ''));
  const seen = new Set<string>();
  const links = [...first, ...second].filter((l) => {
    const key = `${l.accountAId}|${l.accountBId}|${l.reason}`;
    if (seen.has(key) || !kept.has(l.accountAId) || !kept.has(l.accountBId)) return false;
    seen.add(key);
    return true;
  });
  return { centreAccountId: accountId, accounts, links, truncated: hops.size > ids.length };
}
