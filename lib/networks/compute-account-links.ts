import 'server-only';
import { writeAudit } from '@/lib/audit/write-audit';
import { getConfig } from '@/lib/config';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import { parseConfiguredProfileUrl } from '@/lib/reports/platform';
import { claimLinkWork, requeueAccounts } from './link-queue';
import { makeLinks } from './make-links';
import { recordEvidence } from './record-evidence';
import { refreshNetworkSizes } from './refresh-network-sizes';

export type LinkBatchResult = {
  /** Queue items taken (reports and accounts to refresh); 0 when there was nothing to do. */
  claimed: number;
  reports: number;
  evidenceAdded: number;
  linksAdded: number;
  accountsResized: number;
};

/** Links named one by one in the batch's audit entry; beyond it the entry gives the count. */
const AUDITED_LINKS_MAX = 200;

/**
 * One batch of the link computation (requirement 4 of issue 12), run by the worker: claims queued
 * reports (SKIP LOCKED, so several workers share the queue), records the evidence they carry,
 * links the accounts that share it, refreshes network sizes and marks the open cases concerned for
 * rescoring, all in one transaction with one system audit entry when anything was linked.
 * Returns what it did; call again while `claimed` > 0.
 */
export async function computeAccountLinks(
  prisma: PrismaClient,
  options: { batchSize?: number; maxAccountsPerEvidence?: number; now?: Date } = {},
): Promise<LinkBatchResult> {
  const config = getConfig();
  const maxAccounts = options.maxAccountsPerEvidence ?? config.NETWORK_MAX_ACCOUNTS_PER_EVIDENCE;
  const now = options.now ?? new Date();
  return prisma.$transaction(
    async (tx) => {
      const work = await claimLinkWork(tx, options.batchSize ?? 500);
      const claimed = work.reports.length + work.refreshAccountIds.length;
      if (claimed === 0) return { claimed: 0, reports: 0, evidenceAdded: 0, linksAdded: 0, accountsResized: 0 };

      const { added, identities } = await recordEvidence(tx, work.reports, {
        secret: config.TC_SECRET_KEY,
        parseProfileUrl: parseConfiguredProfileUrl,
      });
      const links = await makeLinks(tx, added, identities, maxAccounts);
      const sizes = await refreshNetworkSizes(tx, {
        newLinks: links,
        refreshAccountIds: work.refreshAccountIds,
        batchAccountIds: work.reports.map((r) => r.account_id),
        now,
      });
      await requeueAccounts(tx, sizes.busyAccountIds);

      if (links.length > 0) {
        await writeAudit(
          tx,
          {
            event: 'networks.linked',
            payload: {
              reports: work.reports.length,
              evidenceAdded: added.length,
              linksAdded: links.length,
              links: links.slice(0, AUDITED_LINKS_MAX),
              accountsResized: sizes.resized,
            },
          },
          { actor: { type: 'system', id: 'worker' }, now },
        );
      }
      return { claimed, reports: work.reports.length, evidenceAdded: added.length, linksAdded: links.length, accountsResized: sizes.resized };
    },
    { timeout: 60_000, maxWait: 10_000 },
  );
}
