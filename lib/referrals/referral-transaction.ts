import 'server-only';
import type { AuditContext } from '@/lib/audit/write-audit';
import type { StaffPrincipal } from '@/lib/auth/roles';
import type { Tx } from '@/lib/db';
import { AppError } from '@/lib/errors';
import type { Hotline, ReferralStatus } from '@/lib/generated/prisma/enums';
import { canTakeStep, type ReferralStep } from './referral-state';

export type LockedReferral = {
  id: string;
  caseId: string;
  hotline: Hotline;
  status: ReferralStatus;
  createdById: string;
  approvalId: string | null;
  hotlineReportId: string | null;
};

/** Reads the referral and locks its row until the transaction ends. */
export async function lockReferral(tx: Tx, referralId: string): Promise<LockedReferral> {
  const [row] = await tx.$queryRaw<LockedReferral[]>`
    SELECT id::text AS "id", case_id::text AS "caseId", hotline::text AS "hotline", status::text AS "status",
           created_by_id::text AS "createdById", approval_id::text AS "approvalId", hotline_report_id AS "hotlineReportId"
    FROM referrals WHERE id = ${referralId}::uuid FOR UPDATE`;
  if (!row) throw new AppError('not_found', 'There is no such referral.');
  return row;
}

export function assertStep(referral: LockedReferral, step: ReferralStep): void {
  if (step === 'export' && referral.status === 'acknowledged') {
    throw new AppError(
      'conflict',
      `The hotline already acknowledged this version as report ${referral.hotlineReportId}; exporting it again would make a duplicate report. Prepare a new version instead: it is a follow-up that cites ${referral.hotlineReportId}.`,
    );
  }
  if (step === 'export' && referral.status === 'superseded') throw new AppError('conflict', 'A newer version of this referral replaced this one; export the newer version.');
  if (!canTakeStep(referral.status, step)) throw new AppError('conflict', `A ${referral.status} referral cannot be ${step === 'export' ? 'exported' : `${step}d`}.`);
}

export function referralAudit(actor: StaffPrincipal, referralId: string): AuditContext {
  return { actor: { type: 'staff', id: actor.id }, entity: { type: 'referral', id: referralId } };
}
