import 'server-only';
import type { StaffPrincipal } from '@/lib/auth/roles';
import { getPrisma } from '@/lib/db';
import { requireActorRole } from './case-transaction';
import { STAND_DOWN_REASON } from '@/lib/response/settle-case';
import { reasonLabel } from './reason-codes';
import { HOTLINE_REGISTRY } from '@/lib/referrals/hotlines';
import type { Hotline } from '@/lib/referrals/types';
import type { PendingApprovalDTO } from './types';

type ReferralRow = { id: string; hotline: Hotline; version: number; payloadText: string | null; payloadSha256: string | null };

function referralOf(rows: ReferralRow[]): PendingApprovalDTO['referral'] {
  const r = rows[0];
  if (!r || r.payloadText === null || r.payloadSha256 === null) return null;
  const info = HOTLINE_REGISTRY[r.hotline];
  return { referralId: r.id, hotline: r.hotline, hotlineName: info.name, version: r.version, payloadPath: info.payloadFile, payloadText: r.payloadText, payloadSha256: r.payloadSha256 };
}

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
      // A referral approval shows the stored payload bytes it would approve (nothing is rebuilt).
      referrals: { select: { id: true, hotline: true, version: true, payloadText: true, payloadSha256: true } },
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
      reasonLabel: approvalReasonLabel(row.kind, row.reasonCode),
      reason: row.reason,
      durationDays: typeof payload.durationDays === 'number' ? payload.durationDays : null,
      canDecide: row.requestedBy.id !== actor.id,
      referral: referralOf(row.referrals),
    };
  });
}

/** The label of an approval's reason code, by the action whose codes it uses. */
function approvalReasonLabel(kind: PendingApprovalDTO['kind'], code: string): string {
  if (kind === 'stand_down') return code === STAND_DOWN_REASON ? 'Responded without suspending the account' : `Dismiss: ${reasonLabel('dismiss', code)}`;
  if (kind === 'hold_release') return `Release early: ${reasonLabel('hold_release', code)}`;
  return reasonLabel(kind === 'preservation_hold' ? 'preservation_hold' : 'reinstate', code);
}
