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

/**
 * Claims up to `limit` queued reports, oldest first, and deletes them inside the caller's
 * transaction (a rollback puts them back). SKIP LOCKED: a second worker takes the next reports
 * instead of waiting. They come back in the order they were received, so an account's first report
 * is the one its evidence names.
 */
export async function claimQueuedReports(tx: Tx, limit: number): Promise<QueuedReport[]> {
  const items = await tx.$queryRaw<{ report_id: string }[]>`
    DELETE FROM account_link_queue q
    WHERE q.id IN (SELECT id FROM account_link_queue WHERE report_id IS NOT NULL ORDER BY id LIMIT ${limit} FOR UPDATE SKIP LOCKED)
    RETURNING q.report_id::text`;
  if (items.length === 0) return [];
  return tx.$queryRaw<QueuedReport[]>`
    SELECT r.id::text AS report_id, r.account_id::text AS account_id, a.platform, a.handle, a.platform_account_id,
           r.description, r.content_urls, r.media_hashes, r.platform_context,
           r.received_at <= a.first_reported_at AS first_of_account
    FROM reports r JOIN reported_accounts a ON a.id = r.account_id
    WHERE r.id = ANY(${items.map((i) => i.report_id)}::uuid[])
    ORDER BY r.received_at, r.id`;
}

/**
 * Accounts whose network size is to be recounted (the ends of new links; accounts another
 * transaction held last time). One pending item per account: while a backlog is worked through, a
 * busy ring is recounted once, not after every batch that added a link to it.
 */
export async function queueSizeRefresh(tx: Tx, accountIds: string[]): Promise<void> {
  if (accountIds.length === 0) return;
  await tx.$executeRaw`
    INSERT INTO account_link_queue (account_id) SELECT DISTINCT unnest(${accountIds}::uuid[]) ORDER BY 1
    ON CONFLICT (account_id) WHERE account_id IS NOT NULL DO NOTHING`;
}

/** Claims up to `limit` accounts waiting for a size refresh (SKIP LOCKED), deleting their items. */
export async function claimSizeRefresh(tx: Tx, limit: number): Promise<string[]> {
  const items = await tx.$queryRaw<{ account_id: string }[]>`
    DELETE FROM account_link_queue q
    WHERE q.id IN (SELECT id FROM account_link_queue WHERE account_id IS NOT NULL ORDER BY account_id LIMIT ${limit} FOR UPDATE SKIP LOCKED)
    RETURNING q.account_id::text`;
  return items.map((i) => i.account_id);
}
