import 'server-only';
import type { Tx } from '@/lib/db';

/** A claimed report with the facts the evidence rules read (lib/networks/evidence.ts). */
export type QueuedReport = {
  report_id: string;
  account_id: string;
  platform: string;
  handle: string | null;
  platform_account_id: string | null;
  description: string;
  content_urls: string[];
  media_hashes: string[];
  platform_context: unknown;
  /** The report created its account (its first report): earlier mentions of it may now link. */
  first_of_account: boolean;
};

export type ClaimedWork = { reports: QueuedReport[]; refreshAccountIds: string[] };

/**
 * Claims up to `limit` queue items, oldest first, and deletes them inside the caller's transaction
 * (a rollback puts them back). SKIP LOCKED: a second worker takes the next items instead of
 * waiting. Reports come back in the order they were received, so an account's first report is the
 * one its evidence names.
 */
export async function claimLinkWork(tx: Tx, limit: number): Promise<ClaimedWork> {
  const items = await tx.$queryRaw<{ report_id: string | null; account_id: string | null }[]>`
    DELETE FROM account_link_queue q
    WHERE q.id IN (SELECT id FROM account_link_queue ORDER BY id LIMIT ${limit} FOR UPDATE SKIP LOCKED)
    RETURNING q.report_id::text, q.account_id::text`;
  const reportIds = items.flatMap((i) => (i.report_id ? [i.report_id] : []));
  const refreshAccountIds = [...new Set(items.flatMap((i) => (i.account_id ? [i.account_id] : [])))];
  if (reportIds.length === 0) return { reports: [], refreshAccountIds };
  const reports = await tx.$queryRaw<QueuedReport[]>`
    SELECT r.id::text AS report_id, r.account_id::text AS account_id, a.platform, a.handle, a.platform_account_id,
           r.description, r.content_urls, r.media_hashes, r.platform_context,
           r.received_at <= a.first_reported_at AS first_of_account
    FROM reports r JOIN reported_accounts a ON a.id = r.account_id
    WHERE r.id = ANY(${reportIds}::uuid[])
    ORDER BY r.received_at, r.id`;
  return { reports, refreshAccountIds };
}

/**
 * Accounts whose network size or open case another transaction held (intake, a moderator's
 * action): queued again, so a later batch finishes them without ever waiting on those locks.
 */
export async function requeueAccounts(tx: Tx, accountIds: string[]): Promise<void> {
  if (accountIds.length === 0) return;
  await tx.$executeRaw`INSERT INTO account_link_queue (account_id) SELECT unnest(${accountIds}::uuid[])`;
}
