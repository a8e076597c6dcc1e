import type { AccountLinkReason, HarmCategory, HashAlgorithm, Hotline } from '@/lib/generated/prisma/enums';

export type { Hotline };

export type IpCaptureEvent = {
  ipAddress: string;
  port?: number;
  eventName: 'Login' | 'Registration' | 'Purchase' | 'Upload' | 'Other' | 'Unknown';
  dateTime: string;
};

/** One report as a packet needs it: metadata only (links and hashes are text, never fetched). */
export type ReferralReport = {
  reference: string;
  receivedAt: Date;
  category: HarmCategory;
  dangerNow: boolean;
  /**
   * True when the report came with a platform's API key: only then are its display name, IP
   * capture events and media hashes platform facts (structured elements). Everything else a
   * report says is a reporter's statement, quoted as text and attributed to the report.
   */
  fromPlatform: boolean;
  description: string;
  contentUrls: string[];
  /** `ALG:value` text; from the platform only (empty unless fromPlatform). */
  mediaHashes: string[];
  reporterCountry: string | null;
  /** From the platform only (null unless fromPlatform). */
  displayName: string | null;
  /** From the platform only (empty unless fromPlatform). */
  ipCaptureEvents: IpCaptureEvent[];
};

/** An earlier hotline report about the same account (a follow-up cites it). */
export type PriorReferral = { hotline: Hotline; hotlineReportId: string; caseId: string; caseNumber: string; submittedAt: Date | null };

/**
 * Another account of the reported account's network (lib/networks/), as a referral cites it: who
 * it is, why it is linked (inert text: a normalised link, a hash, a handle; never an IP address),
 * and the hotline report IDs already recorded for its cases.
 */
export type ReferralNetworkAccount = {
  platform: string;
  handle: string | null;
  platformAccountId: string | null;
  hops: 1 | 2;
  links: { reason: AccountLinkReason; detail: string }[];
  hotlineReportIds: { hotline: Hotline; hotlineReportId: string }[];
};

/**
 * A platform-supplied hash of one report that matches a known-content list (lib/known-content/):
 * text for the hotline (list, its source, algorithm, distance), never the file.
 */
export type ReferralKnownContent = {
  listName: string;
  listSource: string;
  algorithm: HashAlgorithm;
  /** "ALG:value" as the platform sent it. */
  reportHash: string;
  reportReference: string;
  /** Hamming distance for PDQ (of 256 bits); 0 for exact algorithms. */
  distance: number;
  /** The list's PDQ threshold; 0 for exact algorithms. */
  threshold: number;
  entryLabel: string | null;
};

/**
 * Everything a packet is built from, loaded by load-case-for-referral.ts. Plain data: the builders
 * are pure functions of this plus the organisation and the packet metadata.
 */
export type ReferralSource = {
  caseId: string;
  caseNumber: string;
  categories: HarmCategory[];
  dangerNow: boolean;
  account: {
    id: string;
    platform: string;
    handle: string | null;
    platformAccountId: string | null;
    /** Inert text, never fetched. */
    profileUrl: string | null;
    countryHint: string | null;
  };
  reports: ReferralReport[];
  /** The account's current suspension, when it is suspended: since when and until when (null: permanent). */
  suspension: { at: Date; until: Date | null } | null;
  holds: { startsAt: Date; expiresAt: Date; releasedAt: Date | null }[];
  priorReferrals: PriorReferral[];
  /** The other accounts of the account's network, frozen with the payload (absent: none loaded). */
  network?: { accounts: ReferralNetworkAccount[]; truncated: boolean };
  /** Known-content matches of the case's platform hashes, frozen with the payload (absent: none loaded). */
  knownContent?: ReferralKnownContent[];
};

/** The reporting organisation and its contact person, from configuration. */
export type ReferralOrg = { orgName: string; serviceName: string; contactName: string | null; contactEmail: string };
