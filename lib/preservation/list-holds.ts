import 'server-only';
import { roleAtLeast, type StaffPrincipal } from '@/lib/auth/roles';
import { findReasonCode, type ReasonCodeAction } from '@/lib/cases/reason-codes';
import { getPrisma } from '@/lib/db';
import { AppError } from '@/lib/errors';
import type { HoldBasis } from '@/lib/generated/prisma/enums';
import { holdExpiry, type HoldExpiry } from '@/lib/retention/hold-expiry';
import { HOLD_BASIS_LABEL, HOLD_END_LABEL } from './hold-basis';
import { earlyReleaseRefusal } from './hold-rules';

/** What the holds page shows of a hold: labels, never codes. */
export type HoldDTO = {
  id: string;
  caseId: string;
  caseNumber: string;
  accountLabel: string;
  basis: HoldBasis;
  basisLabel: string;
  reasonLabel: string;
  startsAt: Date;
  expiresAt: Date;
  /** Who asked for it (a law-enforcement hold's requester) or started it; 'System' when nobody did. */
  startedBy: string;
  approvedBy: string | null;
  extensions: number;
};

export type PreservationHoldDTO = HoldDTO & {
  expiry: HoldExpiry;
  /** The early-release request waiting in the approvals inbox, if any. */
  pendingRelease: { approvalId: string; requestedBy: string } | null;
  /** Why this hold cannot be released early (a CyberTipline report's), or null. */
  releaseRefusal: string | null;
};

export type EndedHoldDTO = HoldDTO & { endedAt: Date; endLabel: string; releasedBy: string | null };

/** How long ended holds stay on the holds page. */
export const ENDED_HOLDS_DAYS = 30;

// The lists a hold's reason code may come from (law-enforcement requests, or the response's measures).
const HOLD_REASON_LISTS: ReasonCodeAction[] = ['preservation_hold', 'suspend'];
// Codes the system sets itself when it starts a hold (lib/preservation/cybertip-preservation.ts).
const SYSTEM_REASON_LABEL: Readonly<Record<string, string>> = { cybertip_report: 'CyberTipline report submitted' };
const holdReasonLabel = (code: string) =>
  HOLD_REASON_LISTS.map((list) => findReasonCode(list, code)).find(Boolean)?.label ?? SYSTEM_REASON_LABEL[code] ?? code;

const holdSelect = {
  id: true,
  caseId: true,
  basis: true,
  reasonCode: true,
  startsAt: true,
  expiresAt: true,
  extensions: true,
  startedById: true,
  case: { select: { caseNumber: true } },
  account: { select: { handle: true, platformAccountId: true } },
  approval: { select: { requestedBy: { select: { name: true } }, decidedBy: { select: { name: true } } } },
} as const;

type HoldRow = {
  id: string;
  caseId: string;
  basis: HoldBasis;
  reasonCode: string;
  startsAt: Date;
  expiresAt: Date;
  extensions: number;
  startedById: string | null;
  case: { caseNumber: bigint };
  account: { handle: string | null; platformAccountId: string | null };
  approval: { requestedBy: { name: string }; decidedBy: { name: string } | null } | null;
};

async function toDTOs(rows: HoldRow[]): Promise<HoldDTO[]> {
  const starterIds = [...new Set(rows.flatMap((r) => (r.startedById && !r.approval ? [r.startedById] : [])))];
  const starters = new Map(
    (await getPrisma().staff.findMany({ where: { id: { in: starterIds } }, select: { id: true, name: true } })).map((s) => [s.id, s.name]),
  );
  return rows.map((r) => ({
    id: r.id,
    caseId: r.caseId,
    caseNumber: String(r.case.caseNumber),
    accountLabel: r.account.handle ? `@${r.account.handle}` : `ID ${r.account.platformAccountId ?? 'unknown'}`,
    basis: r.basis,
    basisLabel: HOLD_BASIS_LABEL[r.basis],
    reasonLabel: holdReasonLabel(r.reasonCode),
    startsAt: r.startsAt,
    expiresAt: r.expiresAt,
    startedBy: r.approval?.requestedBy.name ?? (r.startedById ? (starters.get(r.startedById) ?? '—') : 'System'),
    approvedBy: r.approval?.decidedBy?.name ?? null,
    extensions: r.extensions,
  }));
}

function requireSupervisor(actor: StaffPrincipal) {
  if (!roleAtLeast(actor.role, 'supervisor')) throw new AppError('forbidden', 'This needs the supervisor role');
}

/**
 * Preservation holds not yet ended, soonest expiry first (the partial index on expires_at serves
 * this), with their countdown and any early release waiting for a decision; expired-but-not-yet-ended
 * holds come first so none is missed.
 */
export async function listPreservationHolds({ actor, now = new Date(), limit = 500 }: { actor: StaffPrincipal; now?: Date; limit?: number }): Promise<PreservationHoldDTO[]> {
  requireSupervisor(actor);
  const prisma = getPrisma();
  const rows = await prisma.preservationHold.findMany({ where: { releasedAt: null }, orderBy: [{ expiresAt: 'asc' }, { id: 'asc' }], take: limit, select: holdSelect });
  const pending = await prisma.approval.findMany({
    where: { kind: 'hold_release', status: 'pending' },
    select: { id: true, payload: true, requestedBy: { select: { name: true } } },
  });
  const pendingByHold = new Map(pending.map((a) => [(a.payload as { holdId?: unknown }).holdId, { approvalId: a.id, requestedBy: a.requestedBy.name }]));
  const dtos = await toDTOs(rows);
  return dtos.map((h) => ({
    ...h,
    expiry: holdExpiry(h.expiresAt, now),
    pendingRelease: pendingByHold.get(h.id) ?? null,
    releaseRefusal: earlyReleaseRefusal(h.basis),
  }));
}

/** Holds that ended in the last ENDED_HOLDS_DAYS days, most recent first, with how they ended. */
export async function listEndedHolds({ actor, now = new Date(), limit = 200 }: { actor: StaffPrincipal; now?: Date; limit?: number }): Promise<EndedHoldDTO[]> {
  requireSupervisor(actor);
  const rows = await getPrisma().preservationHold.findMany({
    where: { releasedAt: { gte: new Date(now.getTime() - ENDED_HOLDS_DAYS * 86_400_000) } },
    orderBy: [{ releasedAt: 'desc' }, { id: 'asc' }],
    take: limit,
    select: { ...holdSelect, releasedAt: true, endReason: true, releaseApproval: { select: { requestedBy: { select: { name: true } }, decidedBy: { select: { name: true } } } } },
  });
  const dtos = await toDTOs(rows);
  return dtos.map((h, i) => {
    const r = rows[i]!;
    const release = r.releaseApproval;
    return {
      ...h,
      endedAt: r.releasedAt!,
      endLabel: r.endReason ? HOLD_END_LABEL[r.endReason] : 'Ended',
      releasedBy: release ? `${release.requestedBy.name} / ${release.decidedBy?.name ?? '—'}` : null,
    };
  });
}
