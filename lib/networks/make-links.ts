import 'server-only';
import type { Tx } from '@/lib/db';
import type { AccountLinkReason } from '@/lib/generated/prisma/enums';
import { linkDetail } from './evidence';
import type { NewEvidence, NewIdentity } from './record-evidence';

const SHARED: AccountLinkReason[] = ['shared_content_url', 'shared_media_hash', 'shared_ip_hash'];

type Candidate = { x: string; y: string; kind: AccountLinkReason; display: string | null; report_id: string };
export type NewLink = { accountAId: string; accountBId: string; reason: AccountLinkReason };

/**
 * The links new evidence makes, inserted once per pair and reason (a < b). Three ways:
 *  - shared evidence (URL, media hash, IP): the new holder and every other holder of the key;
 *  - a mention or a replacement: the account that names another and that account, if it exists;
 *  - an account seen for the first time: every account whose reports named it before.
 * A key held by more than `maxAccounts` accounts makes no further links (the cut-off): what that
 * many accounts share is a platform's home page, a meme or a shared network, not a ring, and
 * linking them all would join unrelated cases into one giant "network".
 * Runs after recordEvidence, under its key locks, so the holders it reads are complete.
 */
export async function makeLinks(
  tx: Tx,
  added: NewEvidence[],
  identities: NewIdentity[],
  maxAccounts: number,
): Promise<NewLink[]> {
  const within = added.filter((e) => e.holderCount <= maxAccounts);
  const shared = within.filter((e) => SHARED.includes(e.kind));
  const naming = within.filter((e) => e.target);
  const candidates: Candidate[] = [];

  if (shared.length > 0) {
    candidates.push(
      ...(await tx.$queryRaw<Candidate[]>`
        SELECT u.account_id::text AS x, e.account_id::text AS y, u.kind::text AS kind, u.display, u.report_id::text
        FROM unnest(${shared.map((e) => e.accountId)}::uuid[], ${shared.map((e) => e.kind)}::"AccountLinkReason"[],
                    ${shared.map((e) => e.key)}::text[], ${shared.map((e) => e.display)}::text[], ${shared.map((e) => e.reportId)}::uuid[])
             AS u(account_id, kind, key, display, report_id)
        JOIN account_evidence e ON e.kind = u.kind AND e.key = u.key AND e.account_id <> u.account_id`),
    );
  }

  if (naming.length > 0) {
    const col = <T>(pick: (e: NewEvidence) => T) => naming.map(pick);
    // Handles are matched through the unique (platform, account_key) index, IDs through (platform, platform_account_id).
    candidates.push(
      ...(await tx.$queryRaw<Candidate[]>`
        WITH u AS (
          SELECT * FROM unnest(${col((e) => e.accountId)}::uuid[], ${col((e) => e.kind)}::"AccountLinkReason"[],
                               ${col((e) => e.platform)}::text[], ${col((e) => e.target!.by)}::text[], ${col((e) => e.target!.value)}::text[],
                               ${col((e) => e.display)}::text[], ${col((e) => e.reportId)}::uuid[])
                 AS u(account_id, kind, platform, by, value, display, report_id)
        )
        SELECT u.account_id::text AS x, a.id::text AS y, u.kind::text AS kind, u.display, u.report_id::text
        FROM u JOIN reported_accounts a ON a.platform = u.platform AND a.account_key = 'handle:' || u.value
        WHERE u.by = 'handle' AND a.id <> u.account_id
        UNION ALL
        SELECT u.account_id::text, a.id::text, u.kind::text, u.display, u.report_id::text
        FROM u JOIN reported_accounts a ON a.platform = u.platform AND a.platform_account_id = u.value
        WHERE u.by = 'id' AND a.id <> u.account_id`),
    );
  }

  if (identities.length > 0) {
    candidates.push(
      ...(await tx.$queryRaw<Candidate[]>`
        SELECT e.account_id::text AS x, u.account_id::text AS y, e.kind::text AS kind, e.display, e.first_report_id::text AS report_id
        FROM unnest(${identities.map((i) => i.accountId)}::uuid[], ${identities.map((i) => i.key)}::text[]) AS u(account_id, key)
        JOIN account_evidence e ON e.kind IN ('mentioned_handle', 'replaced_account') AND e.key = u.key AND e.account_id <> u.account_id
        WHERE (SELECT count(*) FROM (SELECT 1 FROM account_evidence c WHERE c.kind = e.kind AND c.key = e.key
                                     LIMIT ${maxAccounts + 1}) s) <= ${maxAccounts}`),
    );
  }
  if (candidates.length === 0) return [];

  const byLink = new Map<string, { a: string; b: string; kind: AccountLinkReason; detail: string; reportId: string }>();
  for (const c of candidates) {
    const [a, b] = c.x < c.y ? [c.x, c.y] : [c.y, c.x];
    const id = `${a}|${b}|${c.kind}`;
    if (!byLink.has(id)) byLink.set(id, { a, b, kind: c.kind, detail: linkDetail(c.kind, c.display), reportId: c.report_id });
  }
  const links = [...byLink.values()];
  // Sorted, so two workers inserting overlapping links take the same order and cannot deadlock.
  const inserted = await tx.$queryRaw<{ a: string; b: string; reason: AccountLinkReason }[]>`
    INSERT INTO account_links (account_a_id, account_b_id, reason, detail, report_id)
    SELECT a, b, reason, detail, report_id
    FROM unnest(${links.map((l) => l.a)}::uuid[], ${links.map((l) => l.b)}::uuid[], ${links.map((l) => l.kind)}::"AccountLinkReason"[],
                ${links.map((l) => l.detail)}::text[], ${links.map((l) => l.reportId)}::uuid[]) AS u(a, b, reason, detail, report_id)
    ORDER BY a, b, reason
    ON CONFLICT DO NOTHING
    RETURNING account_a_id::text AS a, account_b_id::text AS b, reason::text AS reason`;
  return inserted.map((l) => ({ accountAId: l.a, accountBId: l.b, reason: l.reason }));
}
