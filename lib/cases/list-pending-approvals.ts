import 'server-only';
import type { StaffPrincipal } from '@/lib/auth/roles';
import { getPrisma } from '@/lib/db';
import { requireActorRole } from './case-transaction';
import { reasonLabel } from './reason-codes';
import type { PendingApprovalDTO } from './types';

/**
 * The approvals inbox (supervisors and admins): pending requests, oldest first, with who asked, when
 * and why. `canDecide` is false for the actor's own requests (the server refuses those anyway).
 */
export async function listPendingApprovals({
  actor,
  limit = 100,
}: {
  actor: StaffPrincipal;
  limit?: number;
}): Promise<PendingApprovalDTO[]> {
  requireActorRole(actor, 'supervisor');
  const rows = await getPrisma().approval.findMany({
    where: { status: 'pending' },
    orderBy: [{ requestedAt: 'asc' }, { id: 'asc' }],
    take: limit,
    select: {
      id: true,
      kind: true,
      caseId: true,
      requestedAt: true,
      reasonCode: true,
      reason: true,
      payload: true,
      requestedBy: { select: { id: true, name: true } },
      case: {
        select: { caseNumber: true, account: { select: { platform: true, handle: true, platformAccountId: true } } },
      },
    },
  });
  return rows.map((row) => {
    const account = row.case.account;
    const payload = (row.payload ?? {}) as { durationDays?: unknown };
    return {
      id: row.id,
      kind: row.kind,
      caseId: row.caseId,
      caseNumber: String(row.case.caseNumber),
      accountLabel: account.handle ? `@${account.handle}` : `ID ${account.platformAccountId ?? 'unknown'}`,
      requestedBy: row.requestedBy,
      requestedAt: row.requestedAt,
      reasonCode: row.reasonCode,
      reasonLabel: reasonLabel(row.kind === 'preservation_hold' ? 'preservation_hold' : 'reinstate', row.reasonCode),
      reason: row.reason,
      durationDays: typeof payload.durationDays === 'number' ? payload.durationDays : null,
      canDecide: row.requestedBy.id !== actor.id,
    };
  });
}
