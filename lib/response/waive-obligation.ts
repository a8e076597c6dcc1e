import 'server-only';
import type { StaffPrincipal } from '@/lib/auth/roles';
import { requireActorRole, withCaseChange } from '@/lib/cases/case-transaction';
import { recordCaseAction } from '@/lib/cases/record-case-action';
import type { TWaiveObligationInput } from '@/lib/cases/schema';
import type { ActionResultSummary } from '@/lib/cases/types';
import { AppError } from '@/lib/errors';
import { caseUpdateAfter, settleCase } from './settle-case';

/**
 * A supervisor waives an outstanding obligation with a reason (kept on the obligation and the
 * action; the audit entry names the obligation). A pending stand-down request it covered is
 * withdrawn. The case closes when nothing else is owed.
 */
export async function waiveObligation({
  caseId,
  actor,
  expectedVersion,
  input,
}: {
  caseId: string;
  actor: StaffPrincipal;
  expectedVersion: number;
  input: TWaiveObligationInput;
}): Promise<ActionResultSummary> {
  requireActorRole(actor, 'supervisor');
  return withCaseChange({ caseId, actor, expectedVersion, event: 'waive_obligation' }, async ({ tx, kase, now }) => {
    const obligation = await tx.caseObligation.findFirst({
      where: { id: input.obligationId, caseId: kase.id },
      select: { id: true, kind: true, hotline: true, state: true, approvalId: true },
    });
    if (!obligation) throw new AppError('not_found', 'This case has no such obligation.');
    if (obligation.state !== 'outstanding') throw new AppError('conflict', `This obligation is already ${obligation.state}.`);
    await tx.caseObligation.update({ where: { id: obligation.id }, data: { state: 'waived', waivedAt: now, waivedById: actor.id, waiveReason: input.reason } });
    if (obligation.approvalId) await tx.approval.updateMany({ where: { id: obligation.approvalId, status: 'pending' }, data: { status: 'withdrawn' } });
    const settlement = await settleCase(tx, { kase, actor, now, open: false });
    const summary = { obligationId: obligation.id, kind: obligation.kind, hotline: obligation.hotline };
    return recordCaseAction(
      { tx, kase, to: settlement.status, now, actor },
      {
        action: { type: 'waive', note: input.reason, details: summary },
        caseUpdate: caseUpdateAfter(kase, settlement, now),
        audit: { event: 'case.obligation_waived', payload: { obligation: summary } },
        // Closed by the waiver: the platform hears it as it does any automatic close.
        ...(settlement.status === 'closed' ? { decision: { type: 'case.closed', reasonCode: null, details: { resolution: settlement.resolution } } } : {}),
      },
    );
  });
}
