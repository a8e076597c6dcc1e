import type { CaseResolution, HarmCategory, Hotline, ObligationKind, ObligationState } from '@/lib/generated/prisma/enums';
import { US_REPORTABLE } from '@/lib/referrals/hotlines';

/**
 * What a case owes once a response to it has begun, and when each debt is paid. Pure; the database
 * side is lib/response/settle-case.ts.
 *
 * - preservation: a case in a US-reportable category (18 U.S.C. 2258A) must have the account's data
 *   preserved: met while a hold is in force on the account (any basis).
 * - referral (one per hotline the router requires): met when a version of the referral to that
 *   hotline is acknowledged (its hotline report ID recorded).
 * - stand_down: a case where a reporter said a child is in danger now, answered without suspending
 *   the account, needs a supervisor other than the requester to agree: met by that approval, or by a
 *   suspension after all.
 *
 * A supervisor may waive any outstanding obligation with a reason; a case whose obligations are all
 * met or waived closes by itself.
 */

export type ObligationKey = { kind: ObligationKind; hotline: Hotline | null };

export type ResponseFacts = {
  categories: readonly HarmCategory[];
  /** Hotlines the router sends this case to (lib/referrals/routing.ts), enabled ones only. */
  routes: readonly Hotline[];
  dangerNow: boolean;
  accountSuspended: boolean;
  holdInForce: boolean;
  /** Hotlines with an acknowledged referral version on this case. */
  acknowledged: readonly Hotline[];
  standDownApproved: boolean;
};

export function isUsReportable(categories: readonly HarmCategory[]): boolean {
  return categories.some((c) => US_REPORTABLE.includes(c));
}

/** The obligations a case has once its response began, in display order. */
export function obligationsFor(facts: ResponseFacts): ObligationKey[] {
  const owed: ObligationKey[] = [];
  if (facts.dangerNow && !facts.accountSuspended) owed.push({ kind: 'stand_down', hotline: null });
  if (isUsReportable(facts.categories)) owed.push({ kind: 'preservation', hotline: null });
  for (const hotline of facts.routes) owed.push({ kind: 'referral', hotline });
  return owed;
}

export function isObligationMet(key: ObligationKey, facts: ResponseFacts): boolean {
  switch (key.kind) {
    case 'preservation':
      return facts.holdInForce;
    case 'referral':
      return key.hotline !== null && facts.acknowledged.includes(key.hotline);
    case 'stand_down':
      return facts.accountSuspended || facts.standDownApproved;
  }
}

/** How a case whose obligations are all settled is recorded as resolved. */
export function resolutionOf(facts: Pick<ResponseFacts, 'accountSuspended' | 'holdInForce'>): CaseResolution {
  if (facts.accountSuspended) return 'suspended';
  if (facts.holdInForce) return 'preserved';
  return 'referred';
}

export const sameObligation = (a: ObligationKey, b: ObligationKey) => a.kind === b.kind && a.hotline === b.hotline;

const HOTLINE_SHORT: Readonly<Record<Hotline, string>> = { ncmec: 'NCMEC CyberTipline', uk_nca: 'UK NCA (CEOP)' };

export function obligationLabel(key: ObligationKey): string {
  switch (key.kind) {
    case 'preservation':
      return 'Preserve the account’s data';
    case 'referral':
      return `Referral to the ${key.hotline ? HOTLINE_SHORT[key.hotline] : 'hotline'}, acknowledged`;
    case 'stand_down':
      return 'A supervisor agrees to stand down without enforcement (child in danger now)';
  }
}

export const OBLIGATION_STATE_LABEL: Readonly<Record<ObligationState, string>> = {
  outstanding: 'Outstanding',
  met: 'Met',
  waived: 'Waived by a supervisor',
};
