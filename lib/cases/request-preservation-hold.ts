import 'server-only';
import type { StaffPrincipal } from '@/lib/auth/roles';
import { handOffCase, withCaseChange } from './case-transaction';
import { recordCaseAction } from './record-case-action';
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
      const summary = await recordCaseAction(
        { tx, kase, to, now, actor },
        {
          action: {
            type: 'preservation_hold',
            reasonCode: input.reasonCode,
            note: input.note,
            approvalId: approval.id,
            details: { stage: 'requested', durationDays: input.durationDays, previousAssigneeId: kase.assigneeId },
          },
          caseUpdate: handOffCase(kase, to, now),
          audit: {
            event: 'case.preservation_hold_requested',
            payload: { approvalId: approval.id, reasonCode: input.reasonCode, durationDays: input.durationDays },
          },
        },
      );
      return { ...summary, approvalId: approval.id };
    },
  );
}
