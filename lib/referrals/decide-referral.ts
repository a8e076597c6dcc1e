import 'server-only';
import { writeAudit } from '@/lib/audit/write-audit';
import type { StaffPrincipal } from '@/lib/auth/roles';
import { requireActorRole } from '@/lib/cases/case-transaction';
import { getPrisma } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { sha256Hex } from './packet-zip';
import { assertStep, lockReferral, referralAudit } from './referral-transaction';

/**
 * A supervisor (never the person who prepared it — also enforced by the approvals CHECK) approves
 * or rejects a prepared referral after reviewing its stored payload. Nothing is rebuilt: the
 * decision binds the SHA-256 stored at prepare time (checked against the stored bytes, and against
 * the hash the supervisor's page showed when given). Approval makes the packet downloadable;
 * rejection leaves a draft that can be prepared again.
 */
export async function decideReferral({
  referralId,
  actor,
  decision,
  reason = '',
  payloadSha256,
  now = new Date(),
}: {
  referralId: string;
  actor: StaffPrincipal;
  decision: 'approve' | 'reject';
  reason?: string;
  /** The hash of the preview the supervisor reviewed; a mismatch means the page is stale. */
  payloadSha256?: string;
  now?: Date;
}) {
  requireActorRole(actor, 'supervisor');
  if (decision === 'reject' && !reason.trim()) throw new AppError('invalid_input', 'Say why you reject the referral.');
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
      const stored = await tx.referral.findUniqueOrThrow({ where: { id: referralId }, select: { payloadText: true, payloadSha256: true } });
      if (stored.payloadText === null || stored.payloadSha256 === null || sha256Hex(stored.payloadText) !== stored.payloadSha256) {
        throw new AppError('conflict', 'This referral has no intact prepared payload; prepare a new version.');
      }
      if (payloadSha256 !== undefined && payloadSha256 !== stored.payloadSha256) {
        throw new AppError('conflict', 'The preview you reviewed is not the stored payload of this referral; reload and review it again.');
      }
      const payload = { sha256: stored.payloadSha256 };
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
