import 'server-only';
import { getPrisma } from '@/lib/db';
import type { CaseResolution, CaseStatus } from '@/lib/generated/prisma/enums';

/** What a reporter may learn: a coarse status, nothing about the account or other reporters. */
export type PublicReportStatus = 'received' | 'under_review' | 'action_taken' | 'closed';

export const PUBLIC_STATUS_LABEL: Record<PublicReportStatus, string> = {
  received: 'Received',
  under_review: 'Under review',
  action_taken: 'Action taken',
  closed: 'Closed',
};

export function publicStatusOf(status: CaseStatus, resolution: CaseResolution | null): PublicReportStatus {
  if (status === 'open') return 'received';
  if (status !== 'closed') return 'under_review';
  return resolution === 'suspended' || resolution === 'preserved' ? 'action_taken' : 'closed';
}

export async function findReportStatus(
  reference: string,
): Promise<{ reference: string; status: PublicReportStatus; receivedAt: Date } | null> {
  const report = await getPrisma().report.findUnique({
    where: { reference },
    select: { reference: true, receivedAt: true, case: { select: { status: true, resolution: true } } },
  });
  if (!report) return null;
  return { reference: report.reference, status: publicStatusOf(report.case.status, report.case.resolution), receivedAt: report.receivedAt };
}
