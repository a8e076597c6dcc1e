import 'server-only';
import type { Tx } from '@/lib/db';
import { getAccountNetwork } from '@/lib/networks/get-account-network';
import { linksTowardCentre } from '@/lib/networks/network-rules';
import type { ReferralSource } from './types';

/**
 * The other accounts of the account's network as a referral cites them, read in the preparing
 * transaction so they are frozen with the payload. Original text (hotlines get exact values); the
 * packet builders decide how it is shown.
 */
export async function loadNetworkForReferral(tx: Tx, accountId: string): Promise<NonNullable<ReferralSource['network']>> {
  const network = await getAccountNetwork(tx, accountId);
  return {
    truncated: network.truncated,
    accounts: network.accounts
      .filter((a) => a.hops !== 0)
      .map((a) => ({
        platform: a.platform,
        handle: a.handle,
        platformAccountId: a.platformAccountId,
        hops: a.hops as 1 | 2,
        links: linksTowardCentre(network, a).map((l) => ({ reason: l.reason, detail: l.detail })),
        hotlineReportIds: a.hotlineReportIds,
      })),
  };
}
