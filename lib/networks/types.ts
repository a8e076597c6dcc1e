import type { AccountLinkReason, CaseStatus, EnforcementState, Hotline } from '@/lib/generated/prisma/enums';

/** One account in a network, as the case page's network view and network actions see it. */
export type NetworkAccount = {
  id: string;
  platform: string;
  handle: string | null;
  platformAccountId: string | null;
  enforcement: EnforcementState;
  /** Links from the centre account: 0 for the centre itself. */
  hops: 0 | 1 | 2;
  networkSize: number;
  /** The account's open case, if it has one (actions apply to it). */
  openCase: { id: string; caseNumber: string; status: CaseStatus; version: number } | null;
  /** Referrals of any of the account's cases, and the hotline report IDs already recorded for them. */
  referralCount: number;
  hotlineReportIds: { hotline: Hotline; hotlineReportId: string }[];
};

/** A link between two accounts of the network, with why (inert text, never an IP address). */
export type NetworkLink = {
  accountAId: string;
  accountBId: string;
  reason: AccountLinkReason;
  detail: string;
  createdAt: Date;
};

/** An account's network two links deep. `truncated` when more accounts exist than were returned. */
export type AccountNetwork = {
  centreAccountId: string;
  accounts: NetworkAccount[];
  links: NetworkLink[];
  truncated: boolean;
};
