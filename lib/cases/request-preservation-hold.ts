import 'server-only';
import { writeAudit } from '@/lib/audit/write-audit';
import type { StaffPrincipal } from '@/lib/auth/roles';
import { handOffCase, staffAudit, withCaseChange } from './case-transaction';
import type { TRequestPreservationHoldInput } from './schema';
import type { ActionResultSummary } from './types';

/**
 * Asks for a law-enforcement preservation hold: a pending approval (kind preservation_hold, payload
 * { durationDays }) that another supervisor must decide (lib/cases/decide-approval.ts). The case
 * waits in `awaiting_approval` with the claim released; nothing goes to the platform until the hold
 * is approved.
 */
export async function requestPreservationHold({
  caseId,
  actor,
  expectedVersion,
  input,
}: {
  caseId: string;
  actor: StaffPrincipal;
  expectedVersion: number;
  input: TRequestPreservationHoldInput;
}): Promise<ActionResultSummary> {
  return withCaseChange(
    { caseId, actor, expectedVersion, event: 'request_preservation_hold' },
    async ({ tx, kase, to, now }) => {
      const approval = await tx.approval.create({
        data: {
          kind: 'preservation_hold',
          caseId,
          requestedById: actor.id,
          requestedAt: now,
          reasonCode: input.reasonCode,
          reason: input.note,
          payload: { durationDays: input.durationDays },
        },
        select: { id: true },
      });
      const action = await tx.caseAction.create({
        data: {
          caseId,
          actorId: actor.id,
          type: 'preservation_hold',
          reasonCode: input.reasonCode,
          note: input.note,
          approvalId: approval.id,
          details: { stage: 'requested', durationDays: input.durationDays, previousAssigneeId: kase.assigneeId },
        },
        select: { id: true },
      });
      const updated = await tx.case.update({
        where: { id: caseId },
        data: handOffCase(kase, to, now),
        select: { version: true },
      });
      await writeAudit(
        tx,
        {
          event: 'case.preservation_hold_requested',
          caseId,
          payload: {
            from: kase.status,
            to,
            version: updated.version,
            actionId: action.id,
            approvalId: approval.id,
            reasonCode: input.reasonCode,
            durationDays: input.durationDays,
          },
        },
        staffAudit(actor, caseId),
      );
      return { caseId, status: to, version: updated.version, actionId: action.id, approvalId: approval.id };
    },
  );
}
