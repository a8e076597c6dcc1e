import type {
  ActionType,
  ApprovalKind,
  ApprovalStatus,
  CaseResolution,
  CaseStatus,
  EnforcementState,
  HarmCategory,
  IntakeChannel,
  Severity,
} from '@/lib/generated/prisma/enums';
import type { PriorityParts } from '@/lib/queue/priority';

/** What the case page shows, as plain data (lib/cases/get-case.ts builds it). No Prisma rows. */

// The enum types components need, so they never import the generated client themselves.
export type { ActionType, CaseStatus, Severity };

export type StaffRef = { id: string; name: string };

export type AccountDTO = {
  id: string;
  platform: string;
  handle: string | null;
  platformAccountId: string | null;
  /** Inert text: shown defanged, never a link. */
  profileUrl: string | null;
  countryHint: string | null;
  enforcement: EnforcementState;
  suspendedUntil: Date | null;
  firstReportedAt: Date;
  lastReportedAt: Date;
};

export type ReportDTO = {
  id: string;
  reference: string;
  receivedAt: Date;
  channel: IntakeChannel;
  category: HarmCategory;
  dangerNow: boolean;
  description: string;
  /** Exactly as the reporter typed them; the UI shows them defanged with a copy button. */
  contentUrls: string[];
  mediaHashes: string[];
  reporterCountry: string | null;
  /** Only present for supervisors and above; never selected for moderators. */
  contactEmail?: string | null;
};

export type TimelineEntryDTO =
  | {
      kind: 'action';
      id: string;
      at: Date;
      actor: StaffRef | null;
      type: ActionType;
      reasonCode: string | null;
      reasonLabel: string | null;
      note: string | null;
      /** Type-specific details worth showing (suspension end, lease expiry), as label → text. */
      details: { label: string; value: string }[];
    }
  | { kind: 'note'; id: string; at: Date; actor: StaffRef; body: string };

export type CaseSummaryDTO = {
  id: string;
  caseNumber: string;
  status: CaseStatus;
  resolution: CaseResolution | null;
  primaryCategory: HarmCategory;
  reportCount: number;
  createdAt: Date;
  closedAt: Date | null;
  /** True when this case is on the previous_case_id chain of the case being viewed. */
  onChain: boolean;
};

export type ApprovalDTO = {
  id: string;
  kind: ApprovalKind;
  status: ApprovalStatus;
  requestedBy: StaffRef;
  requestedAt: Date;
  reasonCode: string;
  reason: string;
  decidedBy: StaffRef | null;
  decidedAt: Date | null;
};

export type CaseDetailDTO = {
  id: string;
  caseNumber: string;
  version: number;
  status: CaseStatus;
  resolution: CaseResolution | null;
  severity: Severity;
  primaryCategory: HarmCategory;
  categories: HarmCategory[];
  dangerNow: boolean;
  reportCount: number;
  distinctReporters: number;
  priorityScore: number;
  priorityParts: PriorityParts;
  slaDueAt: Date;
  firstReportedAt: Date;
  lastReportedAt: Date;
  createdAt: Date;
  /** When the first decision was recorded (the SLA is time to that decision). */
  firstActionAt: Date | null;
  closedAt: Date | null;
  holder: StaffRef | null;
  leaseExpiresAt: Date | null;
  account: AccountDTO;
  reports: ReportDTO[];
  /** True when there are more reports than `reports` holds (the newest are shown). */
  reportsTruncated: boolean;
  timeline: TimelineEntryDTO[];
  earlierCases: CaseSummaryDTO[];
  approvals: ApprovalDTO[];
  /** Whether contact e-mails were selected (the viewer is a supervisor or above). */
  showsContacts: boolean;
};
