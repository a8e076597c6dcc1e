import type { StaffRole } from '@/lib/auth/roles';
import { checkTransition, type CaseEvent } from '@/lib/cases/state-machine';
import type { AccountLinkReason } from '@/lib/generated/prisma/enums';
import { displayText } from '@/lib/security/display-text';
import type { AccountNetwork, NetworkAccount, NetworkLink } from './types';

/** Pure rules of the network view and of acting on a network. No database. */

export const NETWORK_MEASURES = ['suspend', 'preserve', 'refer'] as const;
export type NetworkMeasure = (typeof NETWORK_MEASURES)[number];

/** The case event each measure is, in the state machine (lib/cases/state-machine.ts). */
export const MEASURE_EVENT: Record<NetworkMeasure, CaseEvent> = { suspend: 'suspend', preserve: 'record_preservation', refer: 'prepare_referral' };

export const LINK_REASON_LABEL: Record<AccountLinkReason, string> = {
  shared_content_url: 'Same content link',
  shared_media_hash: 'Same media hash',
  shared_ip_hash: 'Same IP address (compared by keyed hash)',
  mentioned_handle: 'Handle mentioned in reports',
  // The platform's word (platformContext.replacesAccount), not ours: whether the old account was
  // suspended is not known here, and this text reaches hotline packets.
  replaced_account: 'A replacement for another account, says the platform',
};

/** How an account is named on screen and in packets' free text: handle, else platform ID, else ours. */
export function accountName(account: Pick<NetworkAccount, 'handle' | 'platformAccountId' | 'id'>): string {
  return account.handle ? `@${account.handle}` : (account.platformAccountId ?? `account ${account.id.slice(0, 8)}`);
}

/** The same name as staff see it: defanged, invisible characters revealed (lib/security/display-text.ts). */
export function accountLabel(account: Pick<NetworkAccount, 'handle' | 'platformAccountId' | 'id'>): string {
  return displayText(accountName(account));
}

/**
 * The links that put `account` in the network: those joining it to an account one hop nearer the
 * centre (for the centre itself, none). Each is why this account is in the network.
 */
export function linksTowardCentre(network: Pick<AccountNetwork, 'accounts' | 'links'>, account: Pick<NetworkAccount, 'id' | 'hops'>): NetworkLink[] {
  if (account.hops === 0) return [];
  const hops = new Map(network.accounts.map((a) => [a.id, a.hops]));
  return network.links.filter((l) => {
    const other = l.accountAId === account.id ? l.accountBId : l.accountBId === account.id ? l.accountAId : null;
    return other !== null && hops.get(other) === account.hops - 1;
  });
}

/**
 * Why a measure cannot be applied to this account now, or null when it can: the account needs an
 * open case whose status lets `role` record the measure, by the same table every case verb checks.
 * Network actions are for supervisors, who need no claim, also on an unclaimed (open) case: most
 * cases of a ring sit unclaimed in the queue when its network is found.
 */
export function measureBlocked(account: Pick<NetworkAccount, 'openCase'>, measure: NetworkMeasure, role: StaffRole): string | null {
  const kase = account.openCase;
  if (!kase) return 'No open case: nothing to act on.';
  const allowed = checkTransition(kase.status, MEASURE_EVENT[measure], { role, isHolder: false });
  if (allowed.ok) return null;
  if (kase.status === 'awaiting_approval') return 'Its case waits for an approval.';
  return allowed.reason;
}
