import 'server-only';
import { writeAudit } from '@/lib/audit/write-audit';
import type { StaffPrincipal } from '@/lib/auth/roles';
import { requireActorRole } from '@/lib/cases/case-transaction';
import { getPrisma } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { buildPayload } from './build-packet';
import { loadCaseForReferral } from './load-case-for-referral';
import { assertStep, lockReferral, referralAudit } from './referral-transaction';
import { referralSettings } from './settings';

/**
 * A supervisor (never the person who prepared it — also enforced by the approvals CHECK) approves
 * or rejects a prepared referral after reviewing its preview. The audit entry records the SHA-256 of
 * the payload as it stands at the decision. Approval makes the packet downloadable; rejection leaves
 * a draft that can be prepared again.
 */
export async function decideReferral({
  referralId,
  actor,
  decision,
  reason = '',
  now = new Date(),
}: {
  referralId: string;
  actor: StaffPrincipal;
  decision: 'approve' | 'reject';
  reason?: string;
  now?: Date;
}) {
  requireActorRole(actor, 'supervisor');
  if (decision === 'reject' && !reason.trim()) throw new AppError('invalid_input', 'Say why you reject the referral.');
  const settings = referralSettings();
  return getPrisma().$transaction(
    async (tx) => {
      const referral = await lockReferral(tx, referralId);
      assertStep(referral, decision);
      const approval = referral.approvalId
        ? await tx.approval.findUnique({ where: { id: referral.approvalId }, select: { id: true, status: true, requestedById: true } })
        : null;
      if (!approval || approval.status !== 'pending') throw new AppError('conflict', 'This referral is not waiting for approval.');
      if (approval.requestedById === actor.id || referral.createdById === actor.id) {
        throw new AppError('forbidden', 'You prepared this referral; another supervisor must decide it.');
      }
      const source = await loadCaseForReferral(referral.caseId, tx, now);
      const payload = await buildPayload(source, settings.org, referral.hotline, now, settings.xsdFile);
      await tx.approval.update({
        where: { id: approval.id },
        data: { status: decision === 'approve' ? 'approved' : 'rejected', decidedById: actor.id, decidedAt: now, decisionReason: reason.trim() || null },
      });
      if (decision === 'approve') await tx.referral.update({ where: { id: referralId }, data: { status: 'approved' } });
      await writeAudit(
        tx,
        {
          event: decision === 'approve' ? 'referral.approved' : 'referral.rejected',
          caseId: referral.caseId,
          payload: { referralId, hotline: referral.hotline, approvalId: approval.id, requestedById: approval.requestedById, payloadSha256: payload.sha256 },
        },
        referralAudit(actor, referralId),
      );
      return { referralId, status: decision === 'approve' ? ('approved' as const) : ('draft' as const), payloadSha256: payload.sha256 };
    },
    { timeout: 30_000 },
  );
}
