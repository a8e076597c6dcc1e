import 'server-only';
import type { Tx } from '@/lib/db';
import type { AccountLinkReason } from '@/lib/generated/prisma/enums';
import { evidenceOf, identitiesOf, identityKey, type AccountIdentity, type EvidenceContext } from './evidence';
import type { QueuedReport } from './link-queue';

/** A piece of evidence an account now holds for the first time, with how many accounts hold its key. */
export type NewEvidence = {
  accountId: string;
  platform: string;
  kind: AccountLinkReason;
  key: string;
  display: string | null;
  reportId: string;
  target?: AccountIdentity;
  holderCount: number;
};

/** An account seen for the first time, by one of its identity keys: earlier mentions or replacements of it may link. */
export type NewIdentity = { accountId: string; key: string };

type Row = Omit<NewEvidence, 'holderCount'>;

/**
 * Records the evidence of a batch of reports (lib/networks/evidence.ts) and returns what is new.
 *
 * Before anything is read or written, the key rows of every evidence key involved (and of the
 * identity keys of accounts seen for the first time) are locked in one statement, in key order.
 * So two workers that record the same key at once are serialised on it: the second reads the
 * holders after the first has committed and links to it, and neither can miss the other.
 * Sorted locking means they cannot deadlock. Each key's holder count (the cut-off's input) is kept
 * on the same row.
 */
export async function recordEvidence(
  tx: Tx,
  reports: QueuedReport[],
  context: EvidenceContext,
): Promise<{ added: NewEvidence[]; identities: NewIdentity[] }> {
  const rows = new Map<string, Row>();
  const identities: NewIdentity[] = [];
  for (const report of reports) {
    const facts = {
      platform: report.platform,
      handle: report.handle,
      platformAccountId: report.platform_account_id,
      description: report.description,
      contentUrls: report.content_urls,
      mediaHashes: report.media_hashes,
      platformContext: report.platform_context,
    };
    for (const item of evidenceOf(facts, context)) {
      const id = `${item.kind}\u0000${item.key}\u0000${report.account_id}`;
      // Reports arrive oldest first: the first to carry a piece of evidence is the one kept.
      if (!rows.has(id)) rows.set(id, { ...item, accountId: report.account_id, platform: report.platform, reportId: report.report_id });
    }
    if (report.first_of_account) {
      for (const identity of identitiesOf({ handle: report.handle, platformAccountId: report.platform_account_id })) {
        identities.push({ accountId: report.account_id, key: identityKey(context.secret, report.platform, identity) });
      }
    }
  }
  if (rows.size === 0 && identities.length === 0) return { added: [], identities: [] };

  // Mentions and replacements of one account share its identity key; the mentioned_handle row of an
  // identity key is the lock both sides of "mentioned (or replaced) before it was reported" take.
  const locks = new Map<string, [AccountLinkReason, string]>();
  const lock = (kind: AccountLinkReason, key: string) => locks.set(`${kind}\u0000${key}`, [kind, key]);
  for (const row of rows.values()) {
    lock(row.kind, row.key);
    if (row.kind === 'replaced_account') lock('mentioned_handle', row.key);
  }
  for (const identity of identities) lock('mentioned_handle', identity.key);
  const lockList = [...locks.values()];
  await tx.$executeRaw`
    INSERT INTO account_evidence_keys AS k (kind, key)
    SELECT kind, key FROM unnest(${lockList.map((l) => l[0])}::"AccountLinkReason"[], ${lockList.map((l) => l[1])}::text[]) AS u(kind, key)
    ORDER BY kind, key
    ON CONFLICT (kind, key) DO UPDATE SET holder_count = k.holder_count`;
  if (rows.size === 0) return { added: [], identities };

  const list = [...rows.values()];
  const inserted = await tx.$queryRaw<{ kind: AccountLinkReason; key: string; account_id: string }[]>`
    INSERT INTO account_evidence (account_id, kind, key, display, first_report_id)
    SELECT account_id, kind, key, display, report_id
    FROM unnest(${list.map((r) => r.accountId)}::uuid[], ${list.map((r) => r.kind)}::"AccountLinkReason"[],
                ${list.map((r) => r.key)}::text[], ${list.map((r) => r.display)}::text[], ${list.map((r) => r.reportId)}::uuid[])
         AS u(account_id, kind, key, display, report_id)
    ORDER BY kind, key, account_id
    ON CONFLICT DO NOTHING
    RETURNING kind::text AS kind, key, account_id::text`;
  if (inserted.length === 0) return { added: [], identities };

  const increments = new Map<string, { kind: AccountLinkReason; key: string; n: number }>();
  for (const row of inserted) {
    const id = `${row.kind}\u0000${row.key}`;
    const entry = increments.get(id) ?? { kind: row.kind, key: row.key, n: 0 };
    entry.n++;
    increments.set(id, entry);
  }
  const incList = [...increments.values()];
  const counts = await tx.$queryRaw<{ kind: AccountLinkReason; key: string; holder_count: number }[]>`
    UPDATE account_evidence_keys k SET holder_count = k.holder_count + u.n
    FROM unnest(${incList.map((i) => i.kind)}::"AccountLinkReason"[], ${incList.map((i) => i.key)}::text[], ${incList.map((i) => i.n)}::int[])
         AS u(kind, key, n)
    WHERE k.kind = u.kind AND k.key = u.key
    RETURNING k.kind::text AS kind, k.key, k.holder_count`;
  const countOf = new Map(counts.map((c) => [`${c.kind}\u0000${c.key}`, c.holder_count]));
  const added = inserted.map((row) => {
    const id = `${row.kind}\u0000${row.key}`;
    return { ...rows.get(`${id}\u0000${row.account_id}`)!, holderCount: countOf.get(id) ?? 1 };
  });
  return { added, identities };
}
