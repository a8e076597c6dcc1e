import type { HoldBasis } from '@/lib/generated/prisma/enums';

/**
 * What may be done to a preservation hold once it exists. Pure; the database side is the rest of
 * lib/preservation/. docs/preservation-holds.md explains the choices.
 */

const DAY_MS = 86_400_000;

export const EXTEND_DAYS_DEFAULT = 365;
export const EXTEND_DAYS_MAX = 365;

/**
 * The longest a hold may last from its start, extensions included: three years. Long enough for a
 * CyberTipline report's statutory year plus two years of law-enforcement extensions, short enough
 * that no hold drifts into indefinite retention: past it, a new request (a new hold, with its own
 * basis and approval) is needed.
 */
export const HOLD_MAX_TOTAL_DAYS = 1095;

export type HoldTimes = { startsAt: Date; expiresAt: Date };

export type Extension = { ok: true; expiresAt: Date } | { ok: false; reason: string };

/**
 * The new expiry after extending by `days`, counted from the later of now and the current expiry
 * (a hold extended early loses none of its remaining time; one extended after its expiry, before
 * the worker ended it, runs from now), or why it may not be extended that far.
 */
export function extendedExpiry(hold: HoldTimes, days: number, now: Date): Extension {
  const from = Math.max(hold.expiresAt.getTime(), now.getTime());
  const expiresAt = new Date(from + days * DAY_MS);
  const ceiling = hold.startsAt.getTime() + HOLD_MAX_TOTAL_DAYS * DAY_MS;
  if (expiresAt.getTime() > ceiling) {
    const room = Math.floor((ceiling - from) / DAY_MS);
    return {
      ok: false,
      reason:
        room >= 1
          ? `A hold may last at most ${HOLD_MAX_TOTAL_DAYS} days from its start; this one can be extended by ${room} day${room === 1 ? '' : 's'} at most.`
          : `This hold has reached the longest a hold may last (${HOLD_MAX_TOTAL_DAYS} days from its start). Start a new hold on a new request instead.`,
    };
  }
  return { ok: true, expiresAt };
}

/**
 * Whether a hold of this basis may be released before its expiry (two people). A CyberTipline
 * report is itself, by law, a request to preserve for one year from its submission (18 U.S.C.
 * 2258A(h) as amended by the REPORT Act, 2024): nobody at the platform can withdraw that request,
 * so the hold runs its year and ends by expiry.
 */
export function earlyReleaseRefusal(basis: HoldBasis): string | null {
  return basis === 'cybertip_report'
    ? 'A CyberTipline report is itself a legal request to preserve the data for one year (18 U.S.C. 2258A(h)); this hold cannot be released early and ends by expiry.'
    : null;
}
