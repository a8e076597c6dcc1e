import { describe, expect, it } from 'vitest';
import { accountLabel, linksTowardCentre, measureBlocked } from '@/lib/networks/network-rules';
import type { NetworkAccount, NetworkLink } from '@/lib/networks/types';

const account = (id: string, hops: 0 | 1 | 2, openCase: NetworkAccount['openCase'] = null): NetworkAccount => ({
  id,
  platform: 'example',
  handle: id,
  platformAccountId: null,
  enforcement: 'none',
  hops,
  networkSize: 4,
  openCase,
  referralCount: 0,
  hotlineReportIds: [],
});
const link = (a: string, b: string, reason: NetworkLink['reason'] = 'shared_content_url'): NetworkLink => ({ accountAId: a, accountBId: b, reason, detail: 'x', createdAt: new Date(0) });
const kase = (status: NonNullable<NetworkAccount['openCase']>['status']) => ({ id: 'c', caseNumber: '1', status, version: 1 });

describe('network rules', () => {
  it('explains each account by its links one hop nearer the centre', () => {
    const accounts = [account('a', 0), account('b', 1), account('c', 1), account('d', 2)];
    const links = [link('a', 'b'), link('a', 'c', 'mentioned_handle'), link('b', 'c'), link('b', 'd'), link('c', 'd', 'shared_ip_hash')];
    const network = { accounts, links };
    expect(linksTowardCentre(network, accounts[0]!)).toEqual([]);
    expect(linksTowardCentre(network, accounts[1]!)).toEqual([links[0]]);
    expect(linksTowardCentre(network, accounts[2]!)).toEqual([links[1]]);
    expect(linksTowardCentre(network, accounts[3]!)).toEqual([links[3], links[4]]);
  });

  it('lets a supervisor act where the state machine allows a measure, and says why not elsewhere', () => {
    expect(measureBlocked(account('a', 1), 'suspend', 'supervisor')).toMatch(/No open case/);
    expect(measureBlocked(account('a', 1, kase('open')), 'suspend', 'moderator')).toMatch(/supervisor/);
    expect(measureBlocked(account('a', 1, kase('awaiting_approval')), 'preserve', 'supervisor')).toMatch(/approval/);
    for (const status of ['open', 'in_review', 'escalated', 'responding'] as const) {
      for (const measure of ['suspend', 'preserve', 'refer'] as const) expect(measureBlocked(account('a', 1, kase(status)), measure, 'supervisor')).toBeNull();
    }
    // A moderator who does not hold the case may not decide it.
    expect(measureBlocked(account('a', 1, kase('in_review')), 'suspend', 'moderator')).toMatch(/holds this case/);
  });

  it('names accounts defanged, with invisible characters shown', () => {
    expect(accountLabel({ id: 'x', handle: 'evil.example/x', platformAccountId: null })).toBe('@evil[.]example/x');
    expect(accountLabel({ id: 'x', handle: null, platformAccountId: 'id\u202Eexe' })).toBe('id⟨U+202E⟩exe');
    expect(accountLabel({ id: '12345678-abcd', handle: null, platformAccountId: null })).toBe('account 12345678');
  });
});
