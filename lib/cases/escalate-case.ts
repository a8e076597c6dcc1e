import 'server-only';
import type { StaffPrincipal } from '@/lib/auth/roles';
import { handOffCase, withCaseChange } from './case-transaction';
import { recordCaseAction } from './record-case-action';
import type { TEscalateInput } from './schema';
import type { ActionResultSummary } from './types';

/**
 * Hands the case to the supervisors: status `escalated`, the claim released (escalated cases are not
 * in the moderators' queue). The platform learns the case is escalated (`case.escalated`), with the
 * reason code only.
 */
export async function escalateCase({
  caseId,
  actor,
  expectedVersion,
  input,
}: {
  caseId: string;
  actor: StaffPrincipal;
  expectedVersion: number;
  input: TEscalateInput;
}): Promise<ActionResultSummary> {
  return withCaseChange({ caseId, actor, expectedVersion, event: 'escalate' }, ({ tx, kase, to, now }) =>
    recordCaseAction(
      { tx, kase, to, now, actor },
      {
        action: { type: 'escalate', reasonCode: input.reasonCode, note: input.note, details: { previousAssigneeId: kase.assigneeId } },
        caseUpdate: handOffCase(kase, to, now),
        audit: { event: 'case.escalated', payload: { reasonCode: input.reasonCode } },
        decision: { type: 'case.escalated', reasonCode: input.reasonCode },
      },
    ),
  );
}
