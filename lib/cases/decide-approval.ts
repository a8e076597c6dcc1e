import 'server-only';
import { z } from 'zod';
import { writeAudit } from '@/lib/audit/write-audit';
import type { StaffPrincipal } from '@/lib/auth/roles';
import { getPrisma, type Tx } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { decideHoldRelease } from '@/lib/preservation/decide-hold-release';
import { startHold } from '@/lib/preservation/start-hold';
import { caseUpdateAfter, settleCase } from '@/lib/response/settle-case';
import { decideStandDown } from '@/lib/response/stand-down';
import { assertTransition, lockCase, requireActorRole, staffAudit, type LockedCase } from './case-transaction';
import { PRESERVATION_DAYS_DEFAULT } from './schema';
import type { ApprovalDecision } from './types';

const ZHoldPayload = z.object({ durationDays: z.number().int().positive().catch(PRESERVATION_DAYS_DEFAULT) });

export type PendingApproval = {
  id: string;
  kind: string;
  status: string;
  caseId: string;
  requestedById: string;
  reasonCode: string;
  payload: unknown;
};

/**
 * Decides a pending approval on a case (supervisors and admins; never one's own request — checked
 * here and by the approvals_not_self_decided CHECK). A preservation hold: approving starts the hold
 * (now until now + durationDays, 365 by default; lib/preservation/start-hold.ts), which is a measure
 * of the response, so the case's obligations follow and it closes as `preserved` only when nothing
 * else is owed; rejecting sends an awaiting case back to the queue (open). A stand-down on a
 * danger-now case: lib/response/stand-down.ts. One transaction either way; the case row is locked
 * first, as every case change does.
 */
export async function decideApproval({
  approvalId,
  actor,
  decision,
  reason = '',
  now = new Date(),
}: {
  approvalId: string;
  actor: StaffPrincipal;
  decision: 'approve' | 'reject';
  reason?: string;
  now?: Date;
}): Promise<ApprovalDecision> {
  requireActorRole(actor, 'supervisor');
  if (decision === 'reject' && !reason.trim()) throw new AppError('invalid_input', 'Say why you reject the request.');
  const prisma = getPrisma();
  const known = await prisma.approval.findUnique({ where: { id: approvalId }, select: { caseId: true } });
  if (!known) throw new AppError('not_found', 'There is no such approval request.');

  return prisma.$transaction(async (tx) => {
    const kase = await lockCase(tx, known.caseId);
    const [approval] = await tx.$queryRaw<PendingApproval[]>`
      SELECT id::text AS "id", kind::text AS "kind", status::text AS "status", case_id::text AS "caseId",
             requested_by_id::text AS "requestedById", reason_code AS "reasonCode", payload
      FROM approvals WHERE id = ${approvalId}::uuid FOR UPDATE`;
    if (!approval) throw new AppError('not_found', 'There is no such approval request.');
    if (approval.status !== 'pending') throw new AppError('conflict', 'This request has already been decided.');
    if (approval.requestedById === actor.id) {
      throw new AppError('forbidden', 'You cannot decide your own request; another supervisor must.');
    }
    const args = { tx, kase, approval, actor, reason: reason.trim(), now };
    switch (approval.kind) {
      case 'preservation_hold':
        return decision === 'approve' ? approve(args) : reject(args);
      case 'stand_down':
        return decideStandDown({ ...args, decision });
      case 'hold_release':
        return decideHoldRelease({ ...args, decision });
      default:
        throw new AppError('invalid_input', 'This kind of request is decided elsewhere.');
    }
  });
}

export type DecideArgs = { tx: Tx; kase: LockedCase; approval: PendingApproval; actor: StaffPrincipal; reason: string; now: Date };

async function approve({ tx, kase, approval, actor, reason, now }: DecideArgs): Promise<ApprovalDecision> {
  assertTransition(kase, 'approve_preservation_hold', actor);
  const { durationDays } = ZHoldPayload.parse(approval.payload ?? {});

  await tx.approval.update({
    where: { id: approval.id },
    data: { status: 'approved', decidedById: actor.id, decidedAt: now, decisionReason: reason || null },
  });
  const hold = await startHold(tx, {
    kase,
    basis: 'law_enforcement_request',
    reasonCode: approval.reasonCode,
    actor,
    startsAt: now,
    days: durationDays,
    now,
    approvalId: approval.id,
  });
  // An approved hold is a measure: the case's obligations follow (closed at once when none is owed).
  const settlement = await settleCase(tx, { kase, actor, now, open: true });
  const action = await tx.caseAction.create({
    data: {
      caseId: kase.id,
      actorId: actor.id,
      type: 'preservation_hold',
      reasonCode: approval.reasonCode,
      note: reason || null,
      approvalId: approval.id,
      details: { stage: 'approved', holdId: hold.holdId, startsAt: now.toISOString(), expiresAt: hold.expiresAt.toISOString() },
    },
    select: { id: true },
  });
  const updated = await tx.case.update({ where: { id: kase.id }, data: caseUpdateAfter(kase, settlement, now), select: { version: true } });
  await writeAudit(
    tx,
    {
      event: 'case.preservation_hold_approved',
      caseId: kase.id,
      payload: {
        from: kase.status,
        to: settlement.status,
        version: updated.version,
        actionId: action.id,
        approvalId: approval.id,
        requestedById: approval.requestedById,
        holdId: hold.holdId,
        accountId: kase.accountId,
        expiresAt: hold.expiresAt.toISOString(),
      },
    },
    staffAudit(actor, kase.id),
  );
  return {
    caseId: kase.id,
    status: settlement.status,
    version: updated.version,
    approvalId: approval.id,
    approvalStatus: 'approved',
    holdId: hold.holdId,
    holdExpiresAt: hold.expiresAt,
  };
}

async function reject({ tx, kase, approval, actor, reason, now }: DecideArgs): Promise<ApprovalDecision> {
  const to = assertTransition(kase, 'reject_preservation_hold', actor);
  await tx.approval.update({
    where: { id: approval.id },
    data: { status: 'rejected', decidedById: actor.id, decidedAt: now, decisionReason: reason },
  });
  const action = await tx.caseAction.create({
    data: {
      caseId: kase.id,
      actorId: actor.id,
      type: 'preservation_hold',
      reasonCode: approval.reasonCode,
      note: reason,
      approvalId: approval.id,
      details: { stage: 'rejected' },
    },
    select: { id: true },
  });
  // Back to the queue from awaiting_approval; a responding case stays responding with what it owes.
  const updated = await tx.case.update({
    where: { id: kase.id },
    data: { status: to, assigneeId: null, leaseExpiresAt: null, version: { increment: 1 } },
    select: { version: true },
  });
  await writeAudit(
    tx,
    {
      event: 'case.preservation_hold_rejected',
      caseId: kase.id,
      payload: {
        from: kase.status,
        to,
        version: updated.version,
        actionId: action.id,
        approvalId: approval.id,
        requestedById: approval.requestedById,
      },
    },
    staffAudit(actor, kase.id),
  );
  return { caseId: kase.id, status: to, version: updated.version, approvalId: approval.id, approvalStatus: 'rejected' };
}
