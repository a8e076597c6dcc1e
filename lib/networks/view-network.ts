import 'server-only';
import { writeAudit } from '@/lib/audit/write-audit';
import type { StaffPrincipal } from '@/lib/auth/roles';
import { getPrisma } from '@/lib/db';
import type { CaseStatus, EnforcementState, Hotline } from '@/lib/generated/prisma/enums';
import { displayText } from '@/lib/security/display-text';
import { getAccountNetwork } from './get-account-network';
import { accountLabel, LINK_REASON_LABEL, linksTowardCentre, measureBlocked, NETWORK_MEASURES, type NetworkMeasure } from './network-rules';

/** One row of the network table (and node of the graph): display text only, ready to render. */
export type NetworkRowDTO = {
  accountId: string;
  label: string;
  platform: string;
  hops: 0 | 1 | 2;
  enforcement: EnforcementState;
  /** Why it is in the network: the links toward the centre (labels and defanged details). */
  reasons: { reason: string; detail: string }[];
  openCase: { id: string; caseNumber: string; status: CaseStatus; version: number } | null;
  referralCount: number;
  hotlineReportIds: { hotline: Hotline; hotlineReportId: string }[];
  /** Per measure, why the viewer cannot apply it here (null: they can). */
  blocked: Record<NetworkMeasure, string | null>;
};

export type NetworkViewDTO = {
  centreAccountId: string;
  rows: NetworkRowDTO[];
  edges: { source: string; target: string; label: string }[];
  truncated: boolean;
};

/**
 * The case page's network section: the account's network two links deep, and the
 * `case.network_viewed` audit entry naming the accounts shown, in one transaction (case.viewed
 * records the case, not the other accounts' cases and hotline IDs this section shows).
 */
export async function viewAccountNetwork({ caseId, accountId, viewer }: { caseId: string; accountId: string; viewer: StaffPrincipal }): Promise<NetworkViewDTO> {
  return getPrisma().$transaction(async (tx) => {
    const network = await getAccountNetwork(tx, accountId);
    await writeAudit(
      tx,
      { event: 'case.network_viewed', caseId, payload: { accountId, accountIds: network.accounts.map((a) => a.id), truncated: network.truncated } },
      { actor: { type: 'staff', id: viewer.id }, entity: { type: 'case', id: caseId } },
    );
    return {
      centreAccountId: network.centreAccountId,
      truncated: network.truncated,
      rows: network.accounts.map((a) => ({
        accountId: a.id,
        label: accountLabel(a),
        platform: a.platform,
        hops: a.hops,
        enforcement: a.enforcement,
        reasons: linksTowardCentre(network, a).map((l) => ({ reason: LINK_REASON_LABEL[l.reason], detail: displayText(l.detail) })),
        openCase: a.openCase,
        referralCount: a.referralCount,
        hotlineReportIds: a.hotlineReportIds,
        blocked: Object.fromEntries(NETWORK_MEASURES.map((m) => [m, measureBlocked(a, m, viewer.role)])) as Record<NetworkMeasure, string | null>,
      })),
      edges: network.links.map((l) => ({ source: l.accountAId, target: l.accountBId, label: LINK_REASON_LABEL[l.reason] })),
    };
  });
}
