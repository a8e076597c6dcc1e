import 'server-only';
import type { Tx } from '@/lib/db';
import { AppError } from '@/lib/errors';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import type { AccountLinkReason, CaseStatus, EnforcementState, Hotline } from '@/lib/generated/prisma/enums';
import type { AccountNetwork, NetworkAccount } from './types';

/** Accounts returned at most (the centre included); the case page's graph stays readable below it. */
export const NETWORK_MAX_ACCOUNTS = 200;


type AccountRow = {
  id: string;
  platform: string;
  handle: string | null;
  platform_account_id: string | null;
  enforcement: EnforcementState;
  hops: number;
  network_size: number;
  case_id: string | null;
  case_number: bigint | null;
  case_status: CaseStatus | null;
  case_version: number | null;
  referral_count: number;
  hotline_report_ids: { hotline: Hotline; hotlineReportId: string }[] | null;
};

type LinkRow = { account_a_id: string; account_b_id: string; reason: AccountLinkReason; detail: string; created_at: Date };

/**
 * An account's network two links deep, for the case page and network actions: the centre, the
 * accounts linked to it (hop 1) and the accounts linked to those (hop 2), each with its enforcement,
 * open case, referral count and the hotline report IDs recorded for it, plus every link between the
 * accounts returned. At most `maxAccounts` accounts (centre first, then hop 1, then hop 2; within a
 * hop suspended or otherwise enforced accounts first, then the most recently reported), and
 * `truncated` says more existed. Two indexed queries: the neighbourhood with its facts, then the links.
 * An unknown account is a not_found AppError.
 */
export async function getAccountNetwork(
  db: PrismaClient | Tx,
  accountId: string,
  options: { maxAccounts?: number } = {},
): Promise<AccountNetwork> {
  const max = Math.max(1, Math.min(options.maxAccounts ?? NETWORK_MAX_ACCOUNTS, 1000));
  // Hop 1 and hop 2 are each capped at max + 1 rows before they are joined with facts, so a hub
  // account linked to thousands costs max rows, not thousands; the extra row tells us to truncate.
  const rows = await db.$queryRaw<AccountRow[]>`
    WITH hop1 AS (
      SELECT n.id, row_number() OVER (ORDER BY (a.enforcement <> 'none') DESC, a.last_reported_at DESC, a.id) AS rank FROM (
        SELECT account_b_id AS id FROM account_links WHERE account_a_id = ${accountId}::uuid
        UNION
        SELECT account_a_id FROM account_links WHERE account_b_id = ${accountId}::uuid
      ) n JOIN reported_accounts a ON a.id = n.id
      ORDER BY rank
      LIMIT ${max}
    ),
    hop2 AS (
      SELECT n.id, row_number() OVER (ORDER BY (a.enforcement <> 'none') DESC, a.last_reported_at DESC, a.id) AS rank FROM (
        SELECT l.account_b_id AS id FROM account_links l JOIN hop1 h ON l.account_a_id = h.id
        UNION
        SELECT l.account_a_id FROM account_links l JOIN hop1 h ON l.account_b_id = h.id
      ) n JOIN reported_accounts a ON a.id = n.id
      WHERE n.id <> ${accountId}::uuid AND n.id NOT IN (SELECT id FROM hop1)
      ORDER BY rank
      LIMIT ${max}
    ),
    nodes AS (
      SELECT ${accountId}::uuid AS id, 0 AS hops, 0::bigint AS rank
      UNION ALL SELECT id, 1, rank FROM hop1
      UNION ALL SELECT id, 2, rank FROM hop2
    ),
    chosen AS (SELECT id, hops, rank FROM nodes ORDER BY hops, rank LIMIT ${max + 1})
    SELECT a.id::text, a.platform, a.handle, a.platform_account_id, a.enforcement::text AS enforcement,
           n.hops, a.network_size,
           oc.id::text AS case_id, oc.case_number, oc.status::text AS case_status, oc.version AS case_version,
           coalesce(rf.referral_count, 0)::int AS referral_count, rf.hotline_report_ids
    FROM chosen n
    JOIN reported_accounts a ON a.id = n.id
    LEFT JOIN cases oc ON oc.account_id = a.id AND oc.closed_at IS NULL
    LEFT JOIN LATERAL (
      SELECT count(*) AS referral_count,
             jsonb_agg(DISTINCT jsonb_build_object('hotline', r.hotline, 'hotlineReportId', r.hotline_report_id))
               FILTER (WHERE r.hotline_report_id IS NOT NULL) AS hotline_report_ids
      FROM cases c JOIN referrals r ON r.case_id = c.id
      WHERE c.account_id = a.id
    ) rf ON true
    ORDER BY n.hops, n.rank`;
  if (!rows.some((row) => row.hops === 0)) throw new AppError('not_found', 'No such account.');

  const truncated = rows.length > max;
  const accounts = (truncated ? rows.slice(0, max) : rows).map(toAccount);
  const ids = accounts.map((a) => a.id);
  const links = await db.$queryRaw<LinkRow[]>`
    SELECT account_a_id::text, account_b_id::text, reason::text AS reason, detail, created_at
    FROM account_links
    WHERE account_a_id = ANY(${ids}::uuid[]) AND account_b_id = ANY(${ids}::uuid[])
    ORDER BY account_a_id, account_b_id, reason`;
  return {
    centreAccountId: accountId,
    accounts,
    links: links.map((l) => ({
      accountAId: l.account_a_id,
      accountBId: l.account_b_id,
      reason: l.reason,
      detail: l.detail,
      createdAt: l.created_at,
    })),
    truncated,
  };
}

function toAccount(row: AccountRow): NetworkAccount {
  return {
    id: row.id,
    platform: row.platform,
    handle: row.handle,
    platformAccountId: row.platform_account_id,
    enforcement: row.enforcement,
    hops: row.hops as 0 | 1 | 2,
    networkSize: row.network_size,
    openCase:
      row.case_id && row.case_number !== null && row.case_status && row.case_version !== null
        ? { id: row.case_id, caseNumber: row.case_number.toString(), status: row.case_status, version: row.case_version }
        : null,
    referralCount: row.referral_count,
    hotlineReportIds: (row.hotline_report_ids ?? []).sort((x, y) =>
      x.hotline === y.hotline ? x.hotlineReportId.localeCompare(y.hotlineReportId) : x.hotline.localeCompare(y.hotline),
    ),
  };
}
