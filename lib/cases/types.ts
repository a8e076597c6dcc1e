import type { ApprovalKind, ApprovalStatus, CaseStatus } from '@/lib/generated/prisma/enums';

/** What the write side returns to the console: small, serialisable, no Prisma rows. */

export type ClaimedCase = { caseId: string; caseNumber: string; version: number; leaseExpiresAt: Date };

export type LeaseRenewal = { caseId: string; leaseExpiresAt: Date };

export type CaseChange = {
  caseId: string;
  status: CaseStatus;
  /** The case's new version: the next form must send it as expectedVersion. */
  version: number;
};

export type ReassignResult = CaseChange & { assigneeId: string; leaseExpiresAt: Date };

export type ActionResultSummary = CaseChange & {
  actionId: string;
  /** Set when the action created an approval request (preservation hold). */
  approvalId?: string;
};

/** The combined response: what was started and drafted, and what could not be drafted now. */
export type RespondResult = ActionResultSummary & {
  holdId: string | null;
  referrals: { hotline: 'ncmec' | 'uk_nca'; referralId: string | null; version: number | null; notPrepared: string | null }[];
};

export type ApprovalDecision = CaseChange & {
  approvalId: string;
  approvalStatus: Extract<ApprovalStatus, 'approved' | 'rejected'>;
  /** Set when an approved preservation hold started. */
  holdId?: string;
  holdExpiresAt?: Date;
};

/** One row of the approvals inbox: who asked, when, why, about which case. */
export type PendingApprovalDTO = {
  id: string;
  kind: ApprovalKind;
  caseId: string;
  caseNumber: string;
  accountLabel: string;
  requestedBy: { id: string; name: string };
  requestedAt: Date;
  reasonCode: string;
  reasonLabel: string;
  reason: string;
  durationDays: number | null;
  /** False for the requester's own requests: nobody decides their own. */
  canDecide: boolean;
  /** For a referral: which hotline, which version, and the stored payload bytes (as text) a decision binds. */
  referral: {
    referralId: string;
    hotline: 'ncmec' | 'uk_nca';
    hotlineName: string;
    version: number;
    payloadPath: string;
    payloadText: string;
    payloadSha256: string;
  } | null;
};
