import type { HoldBasis, HoldEndReason } from '@/lib/generated/prisma/enums';

/** What staff read for a hold's basis and end; the codes stay in the database and the audit log. */
export const HOLD_BASIS_LABEL: Readonly<Record<HoldBasis, string>> = {
  law_enforcement_request: 'Law-enforcement request (approved by a second person)',
  pending_referral: 'Preserved until the hotline report is made',
  cybertip_report: 'CyberTipline report: one year by law (18 U.S.C. 2258A(h))',
};

export const HOLD_END_LABEL: Readonly<Record<HoldEndReason, string>> = {
  released: 'Released early (two people)',
  expired: 'Expired',
  replaced: 'Replaced by the CyberTipline report’s one-year hold',
};

/** A CyberTipline report is itself a request to preserve for one year (REPORT Act, 2024). */
export const CYBERTIP_PRESERVATION_DAYS = 365;
