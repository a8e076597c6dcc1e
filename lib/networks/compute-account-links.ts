import 'server-only';
import { writeAudit } from '@/lib/audit/write-audit';
import { getConfig } from '@/lib/config';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import { parseConfiguredProfileUrl } from '@/lib/reports/platform';
import { claimQueuedReports, queueSizeRefresh } from './link-queue';
import { makeLinks } from './make-links';
import { recordEvidence } from './record-evidence';
import { refreshNetworkSizes, updateOpenCases } from './refresh-network-sizes';

export type LinkBatchResult = { reports: number; evidenceAdded: number; linksAdded: number };

/** Links named one by one in the batch's audit entry; beyond it the entry gives the count. */
const AUDITED_LINKS_MAX = 200;

/**
 * One batch of the link computation (requirement 4 of issue 12), run by the worker: claims queued
 * reports (SKIP LOCKED, so several workers share the queue), records the evidence they carry,
 * links the accounts that share it and queues the ends of new links for a network-size refresh
 * (lib/networks/refresh-network-sizes.ts), all in one transaction with one system audit entry when
 * anything was linked. New cases of accounts already in a network get its size at once.
 * Returns what it did; call again while `reports` > 0.
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
      const reports = await claimQueuedReports(tx, options.batchSize ?? 500);
      if (reports.length === 0) return { reports: 0, evidenceAdded: 0, linksAdded: 0 };

      const { added, identities } = await recordEvidence(tx, reports, {
        secret: config.TC_SECRET_KEY,
        parseProfileUrl: parseConfiguredProfileUrl,
      });
      const links = await makeLinks(tx, added, identities, maxAccounts);
      const busy = await updateOpenCases(tx, [...new Set(reports.map((r) => r.account_id))], { rescore: false, now });
      await queueSizeRefresh(tx, links.flatMap((l) => [l.accountAId, l.accountBId]).concat(busy));

      if (links.length > 0) {
        await writeAudit(
          tx,
          {
            event: 'networks.linked',
            payload: {
              reports: reports.length,
              evidenceAdded: added.length,
              linksAdded: links.length,
              links: links.slice(0, AUDITED_LINKS_MAX),
            },
          },
          { actor: { type: 'system', id: 'worker' }, now },
        );
      }
      return { reports: reports.length, evidenceAdded: added.length, linksAdded: links.length };
    },
    { timeout: 60_000, maxWait: 10_000 },
  );
}

/**
 * The worker's pass: link batches until no report waits, with a network-size refresh at least
 * every `refreshEveryMs` meanwhile (a backlog is recounted in a few large refreshes rather than
 * after every batch), then refreshes until none is due. With `budgetMs` it stops starting link
 * batches, and then refreshes, once that long has passed (the worker's other tasks, such as sealing
 * the audit log, run between its passes; the next pass carries on). Returns the reports linked.
 */
export async function linkQueuedReports(
  prisma: PrismaClient,
  options: {
    batchSize?: number;
    maxAccountsPerEvidence?: number;
    refreshEveryMs?: number;
    budgetMs?: number;
    onBatch?: (result: LinkBatchResult) => void;
  } = {},
): Promise<number> {
  const refreshEveryMs = options.refreshEveryMs ?? 5_000;
  const budgetMs = options.budgetMs ?? Infinity;
  let reports = 0;
  const started = Date.now();
  let lastRefresh = started;
  for (;;) {
    const result = await computeAccountLinks(prisma, options);
    options.onBatch?.(result);
    reports += result.reports;
    if (result.reports === 0 || Date.now() - started >= budgetMs) break;
    if (Date.now() - lastRefresh >= refreshEveryMs) {
      await refreshNetworkSizesUntilDone(prisma, budgetMs);
      lastRefresh = Date.now();
    }
  }
  await refreshNetworkSizesUntilDone(prisma, budgetMs);
  return reports;
}

/** Size refreshes until none is due, another worker is running one (it carries on), or `budgetMs` has passed. */
export async function refreshNetworkSizesUntilDone(prisma: PrismaClient, budgetMs = Infinity): Promise<void> {
  const started = Date.now();
  while ((await refreshNetworkSizes(prisma)) > 0 && Date.now() - started < budgetMs) {
    /* until no account waits */
  }
}
