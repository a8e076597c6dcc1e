import 'server-only';
import { writeAudit } from '@/lib/audit/write-audit';
import type { StaffPrincipal } from '@/lib/auth/roles';
import { assertTransition, assertVersion, decisionMessage, lockCase, staffAudit, type LockedCase } from '@/lib/cases/case-transaction';
import type { TRespondInput } from '@/lib/cases/schema';
import type { RespondResult } from '@/lib/cases/types';
import { getPrisma, type Tx } from '@/lib/db';
import { AppError } from '@/lib/errors';
import type { Hotline } from '@/lib/generated/prisma/enums';
import { rescoreCasesLinkedTo } from '@/lib/networks/rescore-linked-cases';
import { enqueueDecision } from '@/lib/platform/outbox';
import { CYBERTIP_PRESERVATION_DAYS } from '@/lib/preservation/hold-basis';
import { holdInForce, startHold } from '@/lib/preservation/start-hold';
import { prepareReferralInCase } from '@/lib/referrals/prepare-referral';
import { isUsReportable } from './obligation-rules';
import { loadResponseFacts } from './response-facts';
import { caseUpdateAfter, settleCase } from './settle-case';

/**
 * "Suspend, preserve and refer": the usual response to a child sexual abuse case as one decision in
 * one transaction. It records the enforcement chosen (permanent, until a date, or none), preserves
 * the account's data (a pending-referral hold, unless one is in force), and drafts the referral to
 * every hotline the router requires, each prepared for a supervisor's approval as a single
 * preparation would be. A referral that cannot be drafted now (one already in progress, NCMEC's
 * schema missing, referral settings incomplete) is named in the result with the reason; its
 * obligation stays outstanding. The case becomes `responding` with its obligations.
 * Only for cases in a US-reportable category (18 U.S.C. 2258A).
 */
export async function respondToCase({
  caseId,
  actor,
  expectedVersion,
  input,
}: {
  caseId: string;
  actor: StaffPrincipal;
  expectedVersion: number;
  input: TRespondInput;
}): Promise<RespondResult> {
  return getPrisma().$transaction(
    async (tx) => {
      const kase = await lockCase(tx, caseId);
      assertVersion(kase, expectedVersion);
      assertTransition(kase, 'respond', actor);
      const now = new Date();
      const facts = await loadResponseFacts(tx, kase, now);
      if (!isUsReportable(facts.categories)) {
        throw new AppError('invalid_input', 'Suspend, preserve and refer is for cases in a US-reportable category; record the measures one by one instead.');
      }
      const actionIds: string[] = [];
      const suspension = input.enforcement === 'none' ? null : input.enforcement === 'until' ? input.until : 'permanent';
      if (suspension !== null) actionIds.push(await suspend(tx, { kase, actor, input, until: suspension === 'permanent' ? null : suspension, now }));
      let holdId: string | null = null;
      if (!(await holdInForce(tx, kase.accountId, now))) {
        const hold = await startHold(tx, { kase, basis: 'pending_referral', reasonCode: 'pending_referral', actor, startsAt: now, days: CYBERTIP_PRESERVATION_DAYS, now });
        holdId = hold.holdId;
        const action = await tx.caseAction.create({
          data: {
            caseId: kase.id,
            actorId: actor.id,
            type: 'preservation_hold',
            reasonCode: 'pending_referral',
            details: { stage: 'recorded', via: 'respond', holdId, startsAt: now.toISOString(), expiresAt: hold.expiresAt.toISOString() },
          },
          select: { id: true },
        });
        actionIds.push(action.id);
      }
      const referrals = [];
      for (const hotline of facts.routes) referrals.push(await draftReferral(tx, { kase, hotline, actor, now }));
      const settlement = await settleCase(tx, { kase, actor, now, open: true });
      const updated = await tx.case.update({ where: { id: kase.id }, data: caseUpdateAfter(kase, settlement, now), select: { version: true } });
      if (actionIds.length === 0) {
        // Nothing to suspend or preserve (already preserved, no enforcement): the decision itself is the action.
        const action = await tx.caseAction.create({ data: { caseId: kase.id, actorId: actor.id, type: 'note', note: input.note ?? null, details: { via: 'respond' } }, select: { id: true } });
        actionIds.push(action.id);
      }
      await writeAudit(
        tx,
        {
          event: 'case.responded',
          caseId: kase.id,
          payload: {
            from: kase.status,
            to: settlement.status,
            version: updated.version,
            actionIds,
            accountId: kase.accountId,
            reasonCode: input.reasonCode,
            suspension: suspension === null || suspension === 'permanent' ? suspension : suspension.toISOString(),
            holdId,
            referrals,
          },
        },
        staffAudit(actor, kase.id),
      );
      return { caseId: kase.id, status: settlement.status, version: updated.version, actionId: actionIds[0]!, holdId, referrals };
    },
    { timeout: 30_000 },
  );
}

async function suspend(tx: Tx, args: { kase: LockedCase; actor: StaffPrincipal; input: TRespondInput; until: Date | null; now: Date }): Promise<string> {
  const { kase, actor, input, until, now } = args;
  await tx.reportedAccount.update({ where: { id: kase.accountId }, data: { enforcement: 'suspended', suspendedUntil: until } });
  await rescoreCasesLinkedTo(tx, [kase.accountId]);
  const details = { until: until?.toISOString() ?? null };
  const action = await tx.caseAction.create({
    data: { caseId: kase.id, actorId: actor.id, type: 'suspend', reasonCode: input.reasonCode, note: input.note ?? null, details: { ...details, via: 'respond' } },
    select: { id: true },
  });
  await enqueueDecision(tx, await decisionMessage(tx, kase, 'account.suspended', input.reasonCode, details, now));
  return action.id;
}

/** One required referral drafted, or the reason it could not be (nothing written in that case). */
async function draftReferral(tx: Tx, args: { kase: LockedCase; hotline: Hotline; actor: StaffPrincipal; now: Date }) {
  try {
    const prepared = await prepareReferralInCase(tx, args);
    return { hotline: args.hotline, referralId: prepared.referralId, version: prepared.version, notPrepared: null };
  } catch (error) {
    // Only refusals decided before any write (AppError) are absorbed; a database error aborts the whole response.
    if (!(error instanceof AppError)) throw error;
    return { hotline: args.hotline, referralId: null, version: null, notPrepared: error.message };
  }
}
