import 'server-only';
import { writeAudit } from '@/lib/audit/write-audit';
import type { StaffPrincipal } from '@/lib/auth/roles';
import { closeCase, decisionMessage, handOffCase, staffAudit, type LockedCase } from '@/lib/cases/case-transaction';
import type { Prisma, Tx } from '@/lib/db';
import type { CaseResolution, Hotline, ObligationKind } from '@/lib/generated/prisma/enums';
import { enqueueDecision } from '@/lib/platform/outbox';
import { isObligationMet, obligationsFor, resolutionOf, sameObligation, type ObligationKey } from './obligation-rules';
import { loadResponseFacts } from './response-facts';

export type Settlement = {
  status: 'responding' | 'closed';
  /** Set when the case closes. */
  resolution: CaseResolution | null;
  outstanding: number;
};

type ObligationRow = { id: string; kind: ObligationKind; hotline: Hotline | null; state: string; approvalId: string | null };

/** Reason code of the approval a stand-down obligation asks for (not a reason a person picks). */
export const STAND_DOWN_REASON = 'respond_without_enforcement';

/**
 * Brings a case's obligations up to date inside the caller's case transaction, and says whether the
 * case may close. `open` (a measure was just recorded) first creates the obligations the rules
 * require that the case does not have yet — a stand-down obligation with its approval request from
 * `actor`. Then every outstanding obligation whose condition now holds is marked met (a pending
 * stand-down approval made moot by a suspension is withdrawn). Both changes are audited here; the
 * caller writes the case update (caseUpdateAfter) with its own audit entry.
 */
export async function settleCase(tx: Tx, args: { kase: LockedCase; actor: StaffPrincipal; now: Date; open: boolean }): Promise<Settlement> {
  const { kase, actor, now } = args;
  const facts = await loadResponseFacts(tx, kase, now);
  const existing = await tx.caseObligation.findMany({
    where: { caseId: kase.id },
    select: { id: true, kind: true, hotline: true, state: true, approvalId: true },
  });
  const opened: ObligationRow[] = [];
  if (args.open) {
    for (const key of obligationsFor(facts)) {
      if (existing.some((o) => sameObligation(o, key))) continue;
      const approvalId = key.kind === 'stand_down' ? await askToStandDown(tx, kase, actor, now) : null;
      const row = await tx.caseObligation.create({
        data: { caseId: kase.id, kind: key.kind, hotline: key.hotline, createdAt: now, approvalId },
        select: { id: true, kind: true, hotline: true, state: true, approvalId: true },
      });
      opened.push(row);
    }
  }
  const met: ObligationRow[] = [];
  for (const o of [...existing, ...opened]) {
    if (o.state !== 'outstanding' || !isObligationMet(o, facts)) continue;
    await tx.caseObligation.update({ where: { id: o.id }, data: { state: 'met', metAt: now } });
    if (o.kind === 'stand_down' && o.approvalId) {
      await tx.approval.updateMany({ where: { id: o.approvalId, status: 'pending' }, data: { status: 'withdrawn' } });
    }
    met.push(o);
  }
  const summary = (rows: ObligationRow[]) => rows.map((o) => ({ obligationId: o.id, kind: o.kind, hotline: o.hotline }));
  if (opened.length > 0) {
    await writeAudit(tx, { event: 'case.obligations_opened', caseId: kase.id, payload: { obligations: summary(opened) } }, staffAudit(actor, kase.id));
  }
  if (met.length > 0) {
    await writeAudit(tx, { event: 'case.obligations_met', caseId: kase.id, payload: { obligations: summary(met) } }, staffAudit(actor, kase.id));
  }
  const outstanding = [...existing, ...opened].filter((o) => o.state === 'outstanding' && !met.includes(o)).length;
  return outstanding > 0
    ? { status: 'responding', resolution: null, outstanding }
    : { status: 'closed', resolution: resolutionOf(facts), outstanding: 0 };
}

/** The case update after a measure: responding (claim given up) or closed with its resolution. */
export function caseUpdateAfter(kase: LockedCase, settlement: Settlement, now: Date): Prisma.CaseUncheckedUpdateInput {
  return settlement.status === 'closed' ? closeCase(kase, settlement.resolution ?? 'referred', now) : handOffCase(kase, 'responding', now);
}

/**
 * For a change that is not itself a case verb (a referral acknowledged, an obligation waived, an
 * approval decided): when the settlement lets a responding case close, closes it — the `close`
 * action, the case row, the `case.closed` audit entry and the platform's `case.closed` message.
 */
export async function closeIfSettled(
  tx: Tx,
  args: { kase: LockedCase; actor: StaffPrincipal; now: Date; settlement: Settlement; trigger: 'referral_acknowledged' | 'obligation_waived' | 'approval_decided' },
): Promise<{ closed: boolean; version: number }> {
  const { kase, actor, now, settlement, trigger } = args;
  if (kase.status !== 'responding' || settlement.status !== 'closed') return { closed: false, version: kase.version };
  const resolution = settlement.resolution ?? 'referred';
  const action = await tx.caseAction.create({
    data: { caseId: kase.id, actorId: actor.id, type: 'close', details: { resolution, trigger } },
    select: { id: true },
  });
  const updated = await tx.case.update({ where: { id: kase.id }, data: closeCase(kase, resolution, now), select: { version: true } });
  await writeAudit(
    tx,
    { event: 'case.closed', caseId: kase.id, payload: { from: kase.status, to: 'closed', version: updated.version, actionId: action.id, resolution, trigger } },
    staffAudit(actor, kase.id),
  );
  await enqueueDecision(tx, await decisionMessage(tx, kase, 'case.closed', null, { resolution }, now));
  return { closed: true, version: updated.version };
}

async function askToStandDown(tx: Tx, kase: LockedCase, actor: StaffPrincipal, now: Date): Promise<string> {
  const approval = await tx.approval.create({
    data: {
      kind: 'stand_down',
      caseId: kase.id,
      requestedById: actor.id,
      requestedAt: now,
      reasonCode: STAND_DOWN_REASON,
      reason: 'A response was recorded without suspending the account, on a case where a child is said to be in danger now.',
      payload: { via: 'obligation' },
    },
    select: { id: true },
  });
  return approval.id;
}

export type { ObligationKey };
