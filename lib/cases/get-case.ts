import 'server-only';
import { writeAudit } from '@/lib/audit/write-audit';
import { roleAtLeast, type StaffPrincipal } from '@/lib/auth/roles';
import { getPrisma, type Tx } from '@/lib/db';
import { PRIORITY_PART_KEYS, type PriorityParts } from '@/lib/queue/priority';
import type { CaseDetailDTO } from './get-case-dto';
import { loadEarlierCases, loadTimeline } from './get-case-history';

/** The newest reports shown on the page; a case with more says so. */
export const REPORTS_SHOWN = 200;

function toParts(json: unknown): PriorityParts {
  const source = (json && typeof json === 'object' ? json : {}) as Record<string, unknown>;
  const parts = {} as PriorityParts;
  for (const key of PRIORITY_PART_KEYS) parts[key] = typeof source[key] === 'number' ? source[key] : 0;
  return parts;
}

/**
 * Everything the case page shows, and the `case.viewed` audit entry, in one transaction: a view is
 * recorded exactly when the data was read. Reporter contact e-mails are selected only for
 * supervisors and above; for anyone else they are never read from the database. Returns null when
 * there is no such case (nothing is audited then).
 */
export async function getCase({ caseId, viewer }: { caseId: string; viewer: StaffPrincipal }): Promise<CaseDetailDTO | null> {
  const showsContacts = roleAtLeast(viewer.role, 'supervisor');
  return getPrisma().$transaction(async (tx) => {
    const kase = await loadCase(tx, caseId);
    if (!kase) return null;

    // One after another: an interactive transaction holds a single connection.
    const reports = await loadReports(tx, caseId, showsContacts);
    const timeline = await loadTimeline(tx, caseId);
    const earlierCases = await loadEarlierCases(tx, { id: kase.id, accountId: kase.accountId, previousCaseId: kase.previousCaseId });
    const approvals = await loadApprovals(tx, caseId);

    await writeAudit(
      tx,
      { event: 'case.viewed', caseId, payload: { status: kase.status, version: kase.version, contactsShown: showsContacts } },
      { actor: { type: 'staff', id: viewer.id }, entity: { type: 'case', id: caseId } },
    );

    return {
      id: kase.id,
      caseNumber: kase.caseNumber.toString(),
      version: kase.version,
      status: kase.status,
      resolution: kase.resolution,
      severity: kase.severity,
      primaryCategory: kase.primaryCategory,
      categories: kase.categories,
      dangerNow: kase.dangerNow,
      reportCount: kase.reportCount,
      distinctReporters: kase.distinctReporters,
      priorityScore: kase.priorityScore,
      priorityParts: toParts(kase.priorityParts),
      slaDueAt: kase.slaDueAt,
      firstReportedAt: kase.firstReportedAt,
      lastReportedAt: kase.lastReportedAt,
      createdAt: kase.createdAt,
      firstActionAt: kase.firstActionAt,
      closedAt: kase.closedAt,
      holder: kase.assignee,
      leaseExpiresAt: kase.leaseExpiresAt,
      account: kase.account,
      reports: reports.rows,
      reportsTruncated: reports.truncated,
      timeline,
      earlierCases,
      approvals,
      showsContacts,
    };
  });
}

async function loadCase(tx: Tx, caseId: string) {
  return tx.case.findUnique({
    where: { id: caseId },
    select: {
      id: true,
      caseNumber: true,
      accountId: true,
      previousCaseId: true,
      version: true,
      status: true,
      resolution: true,
      severity: true,
      primaryCategory: true,
      categories: true,
      dangerNow: true,
      reportCount: true,
      distinctReporters: true,
      priorityScore: true,
      priorityParts: true,
      slaDueAt: true,
      firstReportedAt: true,
      lastReportedAt: true,
      createdAt: true,
      firstActionAt: true,
      closedAt: true,
      leaseExpiresAt: true,
      assignee: { select: { id: true, name: true } },
      account: {
        select: {
          id: true,
          platform: true,
          handle: true,
          platformAccountId: true,
          profileUrl: true,
          countryHint: true,
          enforcement: true,
          suspendedUntil: true,
          firstReportedAt: true,
          lastReportedAt: true,
        },
      },
    },
  });
}

const REPORT_FIELDS = {
  id: true,
  reference: true,
  receivedAt: true,
  channel: true,
  category: true,
  dangerNow: true,
  description: true,
  contentUrls: true,
  mediaHashes: true,
  reporterCountry: true,
} as const;

async function loadReports(tx: Tx, caseId: string, withContacts: boolean) {
  const query = { where: { caseId }, orderBy: [{ receivedAt: 'desc' as const }, { id: 'asc' as const }], take: REPORTS_SHOWN + 1 };
  const rows = withContacts
    ? (
        await tx.report.findMany({ ...query, select: { ...REPORT_FIELDS, contact: { select: { email: true } } } })
      ).map(({ contact, ...report }) => ({ ...report, contactEmail: contact?.email ?? null }))
    : await tx.report.findMany({ ...query, select: REPORT_FIELDS });
  return { rows: rows.slice(0, REPORTS_SHOWN), truncated: rows.length > REPORTS_SHOWN };
}

async function loadApprovals(tx: Tx, caseId: string) {
  const rows = await tx.approval.findMany({
    where: { caseId },
    orderBy: { requestedAt: 'desc' },
    select: {
      id: true,
      kind: true,
      status: true,
      requestedAt: true,
      reasonCode: true,
      reason: true,
      decidedAt: true,
      requestedBy: { select: { id: true, name: true } },
      decidedBy: { select: { id: true, name: true } },
    },
  });
  return rows;
}
