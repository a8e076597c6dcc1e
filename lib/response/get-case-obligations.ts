import 'server-only';
import { getPrisma } from '@/lib/db';
import type { Hotline, ObligationKind, ObligationState } from '@/lib/generated/prisma/enums';
import { HOLD_BASIS_LABEL } from '@/lib/preservation/hold-basis';
import { REFERRAL_STATUS_LABEL } from '@/lib/referrals/referral-state';
import { OBLIGATION_STATE_LABEL, obligationLabel } from './obligation-rules';

/** One obligation as the case page shows it: what, its state, since when, and where it stands. */
export type ObligationDTO = {
  id: string;
  kind: ObligationKind;
  hotline: Hotline | null;
  label: string;
  state: ObligationState;
  stateLabel: string;
  createdAt: Date;
  /** When it was met or waived. */
  settledAt: Date | null;
  waivedBy: string | null;
  waiveReason: string | null;
  /** Where the work stands: the referral's stage, the hold in force, the supervisor's answer. */
  progress: string;
  /** For a stand-down: whether a new request may be made (no pending one). */
  canAskAgain: boolean;
};

const fmt = (d: Date) => d.toISOString().slice(0, 16).replace('T', ' ') + ' UTC';

/** The case's obligations in display order (stand-down, preservation, referrals), with their progress. */
export async function getCaseObligations(caseId: string, now = new Date()): Promise<ObligationDTO[]> {
  const prisma = getPrisma();
  const kase = await prisma.case.findUnique({ where: { id: caseId }, select: { accountId: true } });
  if (!kase) return [];
  const [rows, referrals, hold] = await Promise.all([
    prisma.caseObligation.findMany({
      where: { caseId },
      orderBy: [{ createdAt: 'asc' }, { kind: 'desc' }, { hotline: 'asc' }],
      select: {
        id: true,
        kind: true,
        hotline: true,
        state: true,
        createdAt: true,
        metAt: true,
        waivedAt: true,
        waiveReason: true,
        waivedBy: { select: { name: true } },
        approval: { select: { status: true, requestedBy: { select: { name: true } }, decidedBy: { select: { name: true } } } },
      },
    }),
    prisma.referral.findMany({ where: { caseId }, orderBy: { version: 'desc' }, select: { hotline: true, status: true, version: true, hotlineReportId: true } }),
    prisma.preservationHold.findFirst({
      where: { accountId: kase.accountId, releasedAt: null, startsAt: { lte: now }, expiresAt: { gt: now } },
      orderBy: { expiresAt: 'desc' },
      select: { basis: true, expiresAt: true },
    }),
  ]);
  const order: Record<ObligationKind, number> = { stand_down: 0, preservation: 1, referral: 2 };
  return rows
    .sort((a, b) => order[a.kind] - order[b.kind] || (a.hotline ?? '').localeCompare(b.hotline ?? ''))
    .map((o) => {
      let progress: string;
      if (o.kind === 'referral') {
        const latest = referrals.find((r) => r.hotline === o.hotline);
        progress = latest
          ? `Version ${latest.version}: ${REFERRAL_STATUS_LABEL[latest.status]}${latest.hotlineReportId ? ` (report ${latest.hotlineReportId})` : ''}`
          : 'Not prepared yet';
      } else if (o.kind === 'preservation') {
        progress = hold ? `${HOLD_BASIS_LABEL[hold.basis]}, until ${fmt(hold.expiresAt)}` : 'No hold in force on the account';
      } else {
        const a = o.approval;
        progress = !a
          ? 'Not asked yet'
          : a.status === 'pending'
            ? `Waiting for a supervisor (asked by ${a.requestedBy.name})`
            : a.status === 'approved'
              ? `Agreed by ${a.decidedBy?.name ?? 'a supervisor'}`
              : a.status === 'rejected'
                ? `Refused by ${a.decidedBy?.name ?? 'a supervisor'}: suspend the account, or ask again`
                : 'Request withdrawn';
      }
      return {
        id: o.id,
        kind: o.kind,
        hotline: o.hotline,
        label: obligationLabel(o),
        state: o.state,
        stateLabel: OBLIGATION_STATE_LABEL[o.state],
        createdAt: o.createdAt,
        settledAt: o.metAt ?? o.waivedAt,
        waivedBy: o.waivedBy?.name ?? null,
        waiveReason: o.waiveReason,
        progress,
        canAskAgain: o.kind === 'stand_down' && o.state === 'outstanding' && o.approval?.status !== 'pending',
      };
    });
}
