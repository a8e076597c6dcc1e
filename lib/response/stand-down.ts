import 'server-only';
import { z } from 'zod';
import { writeAudit } from '@/lib/audit/write-audit';
import type { StaffPrincipal } from '@/lib/auth/roles';
import { assertTransition, closeCase, decisionMessage, handOffCase, staffAudit, withCaseChange, type LockedCase } from '@/lib/cases/case-transaction';
import type { TRequestStandDownInput } from '@/lib/cases/schema';
import type { CaseStatus } from '@/lib/generated/prisma/enums';
import type { DecideArgs } from '@/lib/cases/decide-approval';
import type { ActionResultSummary, ApprovalDecision } from '@/lib/cases/types';
import type { Tx } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { enqueueDecision } from '@/lib/platform/outbox';
import { caseUpdateAfter, settleCase } from './settle-case';

/**
 * Danger now needs two people to stand down (issue 11, requirement 5). A case where any report says
 * a child is in danger now is never dismissed, nor left without enforcement, by one person:
 * - dismissing it asks a supervisor (approval kind stand_down, via 'dismissal'); the case waits in
 *   awaiting_approval at the top of the queue (its danger part outranks every other case). Approval
 *   closes it as dismissed and tells the platform; rejection puts it back in the queue, open.
 * - a response without suspension opens a stand_down obligation with its own approval (via
 *   'obligation', lib/response/settle-case.ts); approval meets the obligation, rejection leaves it
 *   outstanding until the account is suspended or a new request is approved.
 * The approver is never the requester (checked by decideApproval and the approvals CHECK).
 */

const ZStandDownPayload = z.object({
  via: z.enum(['dismissal', 'obligation']),
  reasonCode: z.string().optional(),
  note: z.string().nullable().optional(),
});

/** Whether any report on the case says a child is in danger now (read under the case lock). */
export async function isDangerNow(tx: Tx, caseId: string): Promise<boolean> {
  const row = await tx.case.findUniqueOrThrow({ where: { id: caseId }, select: { dangerNow: true } });
  return row.dangerNow;
}

/** Dismissal of a danger-now case, inside the dismiss verb's transaction: asks a supervisor instead. */
export async function requestStandDownForDismissal(
  tx: Tx,
  args: { kase: LockedCase; actor: StaffPrincipal; now: Date; reasonCode: string; note: string | null | undefined },
): Promise<ActionResultSummary> {
  const { kase, actor, now, reasonCode } = args;
  const to = assertTransition(kase, 'request_stand_down', actor);
  const approval = await tx.approval.create({
    data: {
      kind: 'stand_down',
      caseId: kase.id,
      requestedById: actor.id,
      requestedAt: now,
      reasonCode,
      reason: args.note ?? '',
      payload: { via: 'dismissal', reasonCode, note: args.note ?? null },
    },
    select: { id: true },
  });
  const action = await tx.caseAction.create({
    data: {
      caseId: kase.id,
      actorId: actor.id,
      type: 'stand_down',
      reasonCode,
      note: args.note ?? null,
      approvalId: approval.id,
      details: { stage: 'requested', via: 'dismissal', previousAssigneeId: kase.assigneeId },
    },
    select: { id: true },
  });
  const updated = await tx.case.update({ where: { id: kase.id }, data: handOffCase(kase, to, now), select: { version: true } });
  await writeAudit(
    tx,
    { event: 'case.stand_down_requested', caseId: kase.id, payload: { from: kase.status, to, version: updated.version, actionId: action.id, approvalId: approval.id, reasonCode } },
    staffAudit(actor, kase.id),
  );
  return { caseId: kase.id, status: to, version: updated.version, actionId: action.id, approvalId: approval.id };
}

/**
 * Asks again on a responding case whose stand-down obligation is outstanding and has no pending
 * request (a supervisor rejected the last one).
 */
export async function askToStandDownAgain({
  caseId,
  actor,
  expectedVersion,
  input,
}: {
  caseId: string;
  actor: StaffPrincipal;
  expectedVersion: number;
  input: TRequestStandDownInput;
}): Promise<ActionResultSummary> {
  return withCaseChange({ caseId, actor, expectedVersion, event: 'request_stand_down' }, ({ tx, kase, to, now }) => {
    if (kase.status !== 'responding') throw new AppError('conflict', 'Ask a supervisor to stand down by dismissing the case.');
    return requestStandDownAgain(tx, { kase, actor, now, to, note: input.note });
  });
}

async function requestStandDownAgain(tx: Tx, args: { kase: LockedCase; actor: StaffPrincipal; now: Date; to: CaseStatus; note: string }): Promise<ActionResultSummary> {
  const { kase, actor, now, note, to } = args;
  const obligation = await tx.caseObligation.findFirst({
    where: { caseId: kase.id, kind: 'stand_down', state: 'outstanding' },
    select: { id: true, approval: { select: { status: true } } },
  });
  if (!obligation) throw new AppError('conflict', 'This case has no outstanding stand-down to ask about.');
  if (obligation.approval?.status === 'pending') throw new AppError('conflict', 'A supervisor is already asked to decide this stand-down.');
  const approval = await tx.approval.create({
    data: { kind: 'stand_down', caseId: kase.id, requestedById: actor.id, requestedAt: now, reasonCode: 'respond_without_enforcement', reason: note, payload: { via: 'obligation' } },
    select: { id: true },
  });
  await tx.caseObligation.update({ where: { id: obligation.id }, data: { approvalId: approval.id } });
  const action = await tx.caseAction.create({
    data: { caseId: kase.id, actorId: actor.id, type: 'stand_down', note, approvalId: approval.id, details: { stage: 'requested', via: 'obligation' } },
    select: { id: true },
  });
  const updated = await tx.case.update({ where: { id: kase.id }, data: { version: { increment: 1 } }, select: { version: true } });
  await writeAudit(
    tx,
    {
      event: 'case.stand_down_requested',
      caseId: kase.id,
      payload: { from: kase.status, to, version: updated.version, actionId: action.id, approvalId: approval.id, reasonCode: 'respond_without_enforcement' },
    },
    staffAudit(actor, kase.id),
  );
  return { caseId: kase.id, status: to, version: updated.version, actionId: action.id, approvalId: approval.id };
}

/** A supervisor's decision on a stand-down request, inside decideApproval's transaction. */
export async function decideStandDown({ tx, kase, approval, actor, reason, now, decision }: DecideArgs & { decision: 'approve' | 'reject' }): Promise<ApprovalDecision> {
  const payload = ZStandDownPayload.parse(approval.payload ?? {});
  const to = assertTransition(kase, decision === 'approve' ? 'approve_stand_down' : 'reject_stand_down', actor);
  const approvalStatus = decision === 'approve' ? ('approved' as const) : ('rejected' as const);
  await tx.approval.update({ where: { id: approval.id }, data: { status: approvalStatus, decidedById: actor.id, decidedAt: now, decisionReason: reason || null } });
  const action = await tx.caseAction.create({
    data: {
      caseId: kase.id,
      actorId: actor.id,
      type: 'stand_down',
      reasonCode: payload.reasonCode ?? approval.reasonCode,
      note: reason || null,
      approvalId: approval.id,
      details: { stage: approvalStatus, via: payload.via },
    },
    select: { id: true },
  });
  let status = to;
  let closedAs: string | null = null;
  let caseUpdate;
  if (payload.via === 'dismissal') {
    caseUpdate = decision === 'approve' ? closeCase(kase, 'dismissed', now) : { status: to, assigneeId: null, leaseExpiresAt: null, version: { increment: 1 } };
  } else {
    // The obligation is met by the approval (settle sees it); a rejection leaves it outstanding.
    const settlement = await settleCase(tx, { kase, actor, now, open: false });
    status = settlement.status;
    closedAs = settlement.resolution;
    caseUpdate = caseUpdateAfter(kase, settlement, now);
  }
  const updated = await tx.case.update({ where: { id: kase.id }, data: caseUpdate, select: { version: true } });
  await writeAudit(
    tx,
    {
      event: 'case.stand_down_decided',
      caseId: kase.id,
      payload: { from: kase.status, to: status, version: updated.version, actionId: action.id, approvalId: approval.id, requestedById: approval.requestedById, decision: approvalStatus, via: payload.via },
    },
    staffAudit(actor, kase.id),
  );
  if (payload.via === 'dismissal' && decision === 'approve') {
    await enqueueDecision(tx, await decisionMessage(tx, kase, 'case.dismissed', payload.reasonCode ?? approval.reasonCode, {}, now));
  } else if (payload.via === 'obligation' && status === 'closed') {
    await enqueueDecision(tx, await decisionMessage(tx, kase, 'case.closed', null, { resolution: closedAs }, now));
  }
  return { caseId: kase.id, status, version: updated.version, approvalId: approval.id, approvalStatus };
}
