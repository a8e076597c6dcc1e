import 'server-only';
import type { StaffPrincipal } from '@/lib/auth/roles';
import { withCaseChange } from '@/lib/cases/case-transaction';
import { recordCaseAction } from '@/lib/cases/record-case-action';
import type { TRecordPreservationInput } from '@/lib/cases/schema';
import type { ActionResultSummary } from '@/lib/cases/types';
import { AppError } from '@/lib/errors';
import { CYBERTIP_PRESERVATION_DAYS } from '@/lib/preservation/hold-basis';
import { holdInForce, startHold } from '@/lib/preservation/start-hold';
import { caseUpdateAfter, settleCase } from './settle-case';

/**
 * Records preservation as a measure of the response: a pending-referral hold on the account for one
 * year (the period a CyberTipline report would ask for), started at once — preserving what a report
 * will describe needs no second person, unlike a law-enforcement hold. Refused when a hold is already
 * in force on the account. The case's obligations follow (lib/response/settle-case.ts).
 */
export async function recordPreservation({
  caseId,
  actor,
  expectedVersion,
  input,
}: {
  caseId: string;
  actor: StaffPrincipal;
  expectedVersion: number;
  input: TRecordPreservationInput;
}): Promise<ActionResultSummary> {
  return withCaseChange({ caseId, actor, expectedVersion, event: 'record_preservation' }, async ({ tx, kase, now }) => {
    if (await holdInForce(tx, kase.accountId, now)) throw new AppError('conflict', 'The account’s data is already preserved by a hold in force.');
    const hold = await startHold(tx, { kase, basis: 'pending_referral', reasonCode: 'pending_referral', actor, startsAt: now, days: CYBERTIP_PRESERVATION_DAYS, now });
    const settlement = await settleCase(tx, { kase, actor, now, open: true });
    return recordCaseAction(
      { tx, kase, to: settlement.status, now, actor },
      {
        action: {
          type: 'preservation_hold',
          reasonCode: 'pending_referral',
          note: input.note,
          details: { stage: 'recorded', holdId: hold.holdId, startsAt: now.toISOString(), expiresAt: hold.expiresAt.toISOString() },
        },
        caseUpdate: caseUpdateAfter(kase, settlement, now),
        audit: {
          event: 'case.preservation_recorded',
          payload: { holdId: hold.holdId, accountId: kase.accountId, reasonCode: 'pending_referral', expiresAt: hold.expiresAt.toISOString() },
        },
      },
    );
  });
}
