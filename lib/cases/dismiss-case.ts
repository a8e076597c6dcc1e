import 'server-only';
import type { StaffPrincipal } from '@/lib/auth/roles';
import { closeCase, withCaseChange } from './case-transaction';
import { recordCaseAction } from './record-case-action';
import type { TDismissInput } from './schema';
import type { ActionResultSummary } from './types';

/**
 * Closes the case with no action against the account (resolution `dismissed`) and tells the
 * platform (`case.dismissed`). A later report about the account opens a new case linked to this one.
 */
export async function dismissCase({
  caseId,
  actor,
  expectedVersion,
  input,
}: {
  caseId: string;
  actor: StaffPrincipal;
  expectedVersion: number;
  input: TDismissInput;
}): Promise<ActionResultSummary> {
  return withCaseChange({ caseId, actor, expectedVersion, event: 'dismiss' }, ({ tx, kase, to, now }) =>
    recordCaseAction(
      { tx, kase, to, now, actor },
      {
        action: { type: 'dismiss', reasonCode: input.reasonCode, note: input.note },
        caseUpdate: closeCase(kase, 'dismissed', now),
        audit: { event: 'case.dismissed', payload: { reasonCode: input.reasonCode } },
        decision: { type: 'case.dismissed', reasonCode: input.reasonCode },
      },
    ),
  );
}
