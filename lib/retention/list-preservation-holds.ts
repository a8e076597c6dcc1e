import 'server-only';
import { roleAtLeast, type StaffPrincipal } from '@/lib/auth/roles';
import { getPrisma } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { holdExpiry, type HoldExpiry } from './hold-expiry';

export type PreservationHoldDTO = {
  id: string;
  caseId: string;
  caseNumber: string;
  accountLabel: string;
  startsAt: Date;
  expiresAt: Date;
  requestedBy: string;
  approvedBy: string | null;
  reasonCode: string;
  expiry: HoldExpiry;
};

/**
 * Preservation holds not yet released, soonest expiry first (the partial index on expires_at
 * serves this), with their countdown; expired-but-unreleased holds come first so none is missed.
 */
export async function listPreservationHolds({
  actor,
  now = new Date(),
  limit = 500,
}: {
  actor: StaffPrincipal;
  now?: Date;
  limit?: number;
}): Promise<PreservationHoldDTO[]> {
  if (!roleAtLeast(actor.role, 'supervisor')) throw new AppError('forbidden', 'This needs the supervisor role');
  const rows = await getPrisma().preservationHold.findMany({
    where: { releasedAt: null },
    orderBy: [{ expiresAt: 'asc' }, { id: 'asc' }],
    take: limit,
    select: {
      id: true,
      caseId: true,
      startsAt: true,
      expiresAt: true,
      reasonCode: true,
      case: { select: { caseNumber: true } },
      account: { select: { handle: true, platformAccountId: true } },
      approval: { select: { reasonCode: true, requestedBy: { select: { name: true } }, decidedBy: { select: { name: true } } } },
    },
  });
  return rows.map((r) => ({
    id: r.id,
    caseId: r.caseId,
    caseNumber: String(r.case.caseNumber),
    accountLabel: r.account.handle ? `@${r.account.handle}` : `ID ${r.account.platformAccountId ?? 'unknown'}`,
    startsAt: r.startsAt,
    expiresAt: r.expiresAt,
    requestedBy: r.approval?.requestedBy.name ?? '—',
    approvedBy: r.approval?.decidedBy?.name ?? null,
    reasonCode: r.reasonCode,
    expiry: holdExpiry(r.expiresAt, now),
  }));
}
