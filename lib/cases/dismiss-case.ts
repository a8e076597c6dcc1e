import 'server-only';
import type { StaffPrincipal } from '@/lib/auth/roles';
import { isDangerNow, requestStandDownForDismissal } from '@/lib/response/stand-down';
import { closeCase, withCaseChange } from './case-transaction';
import { recordCaseAction } from './record-case-action';
import type { TDismissInput } from './schema';
import type { ActionResultSummary } from './types';

/**
 * Closes the case with no action against the account (resolution `dismissed`) and tells the
 * platform (`case.dismissed`). A later report about the account opens a new case linked to this one.
 * On a case where a child is said to be in danger now, one person cannot stand down: the dismissal
 * becomes a request a supervisor decides (lib/response/stand-down.ts).
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
  return withCaseChange({ caseId, actor, expectedVersion, event: 'dismiss' }, async ({ tx, kase, to, now }) => {
    if (await isDangerNow(tx, kase.id)) return requestStandDownForDismissal(tx, { kase, actor, now, reasonCode: input.reasonCode, note: input.note });
    return recordCaseAction(
      { tx, kase, to, now, actor },
      {
        action: { type: 'dismiss', reasonCode: input.reasonCode, note: input.note },
        caseUpdate: closeCase(kase, 'dismissed', now),
        audit: { event: 'case.dismissed', payload: { reasonCode: input.reasonCode } },
        decision: { type: 'case.dismissed', reasonCode: input.reasonCode },
      },
    );
  });
}
