import { z } from 'zod';
import type { AccountLinkReason } from '@/lib/generated/prisma/enums';
import { formatHash, parseHashString } from '@/lib/hashes/parse-hash';
import { normaliseHandle } from '@/lib/reports/normalise';
import { keyedHash, sourceKeyOf } from '@/lib/security/client-source';
import { extractMentionedHandles } from './mentions';
import { normaliseContentUrl } from './normalise-content-url';

/**
 * What a report says about its account that another account's reports may share: pure, so the
 * rules are unit-tested without a database. Every key is a keyed hash (HMAC with TC_SECRET_KEY, as
 * source hashes are), so the evidence table holds no IP address and no raw identifier to match on.
 */

/** Another account, named by a report: by handle or by the platform's account ID. */
export type AccountIdentity = { by: 'handle' | 'id'; value: string };

export type EvidenceItem = {
  kind: AccountLinkReason;
  key: string;
  /** Inert text shown as the reason (never an IP address): a normalised URL, a hash, a handle. */
  display: string | null;
  /** For mentions and replacements: the account the evidence points at (linked when it exists). */
  target?: AccountIdentity;
};

/** The facts of one stored report the rules read. */
export type ReportFacts = {
  platform: string;
  handle: string | null;
  platformAccountId: string | null;
  description: string;
  contentUrls: string[];
  mediaHashes: string[];
  platformContext: unknown;
};

export type EvidenceContext = { secret: string; parseProfileUrl: (url: string) => string | null };

/** The link detail for an IP address: what is shared, never which address. */
export const IP_LINK_DETAIL = 'the same IP address (compared by keyed hash)';

/**
 * The stored platformContext, read leniently: it was validated at intake (lib/reports/schema.ts);
 * anything else in it is ignored here.
 */
const ZStoredContext = z
  .object({
    ipCaptureEvents: z.array(z.object({ ipAddress: z.string() }).loose()).optional().catch(undefined),
    replacesAccount: z
      .object({ handle: z.string().optional(), platformAccountId: z.string().optional() })
      .loose()
      .optional()
      .catch(undefined),
  })
  .loose();

/**
 * `ALG:value` as one text however the platform wrote it: the known-content rule
 * (lib/hashes/parse-hash.ts: `SHA-1` = `sha1`, `PDNA` = PhotoDNA, hex lower-cased) for the algorithms
 * hash lists know, shown as the lists write them (`MD5:…`). Another algorithm (intake accepts any
 * `ALG:value`) is compared by its lower-cased name and its value, hex lower-cased, anything else
 * (base64) exactly.
 */
export function normaliseMediaHash(text: string): string | null {
  const known = parseHashString(text);
  if (known) return formatHash(known);
  const colon = text.indexOf(':');
  const algorithm = text.slice(0, colon).trim().toLowerCase();
  const raw = text.slice(colon + 1).trim();
  if (colon <= 0 || !algorithm || !raw) return null;
  return `${algorithm}:${/^[0-9a-f]+$/i.test(raw) ? raw.toLowerCase() : raw}`;
}

/** The key of an account identity on a platform: the same for a mention, a replacement and the account itself. */
export function identityKey(secret: string, platform: string, identity: AccountIdentity): string {
  return keyedHash(secret, 'network-account', `${platform}\u0000${identity.by}:${identity.value}`);
}

/** The identities an account is known by (its handle, its platform account ID). */
export function identitiesOf(account: { handle: string | null; platformAccountId: string | null }): AccountIdentity[] {
  const out: AccountIdentity[] = [];
  if (account.handle) out.push({ by: 'handle', value: account.handle });
  if (account.platformAccountId) out.push({ by: 'id', value: account.platformAccountId });
  return out;
}

/** Every piece of evidence one report carries, without duplicates. */
export function evidenceOf(report: ReportFacts, context: EvidenceContext): EvidenceItem[] {
  const items = new Map<string, EvidenceItem>();
  const add = (item: EvidenceItem) => items.set(`${item.kind}\u0000${item.key}`, item);
  const { secret } = context;

  for (const url of report.contentUrls) {
    const normalised = normaliseContentUrl(url);
    if (normalised) add({ kind: 'shared_content_url', key: keyedHash(secret, 'network-url', normalised), display: normalised });
  }
  for (const hash of report.mediaHashes) {
    const normalised = normaliseMediaHash(hash);
    if (normalised) add({ kind: 'shared_media_hash', key: keyedHash(secret, 'network-media', normalised), display: normalised });
  }

  const stored = ZStoredContext.safeParse(report.platformContext ?? {});
  const platformContext = stored.success ? stored.data : {};
  for (const event of platformContext.ipCaptureEvents ?? []) {
    // sourceKeyOf: the address as ipaddr.js writes it (IPv4-mapped IPv6 as IPv4, IPv6 folded to its
    // /64, the block one subscriber holds), exactly as intake keys client addresses.
    add({ kind: 'shared_ip_hash', key: keyedHash(secret, 'network-ip', sourceKeyOf(event.ipAddress.trim())), display: null });
  }

  const own = report.handle;
  for (const handle of extractMentionedHandles(report.description, context.parseProfileUrl, own)) {
    const target: AccountIdentity = { by: 'handle', value: handle };
    add({ kind: 'mentioned_handle', key: identityKey(secret, report.platform, target), display: `@${handle}`, target });
  }

  const replaced = platformContext.replacesAccount;
  const replacedHandle = replaced?.handle ? normaliseHandle(replaced.handle) : '';
  const replacedId = replaced?.platformAccountId?.trim() ?? '';
  if (replacedHandle && replacedHandle !== own) {
    const target: AccountIdentity = { by: 'handle', value: replacedHandle };
    add({ kind: 'replaced_account', key: identityKey(secret, report.platform, target), display: `@${replacedHandle}`, target });
  }
  if (replacedId && replacedId !== report.platformAccountId) {
    const target: AccountIdentity = { by: 'id', value: replacedId };
    add({ kind: 'replaced_account', key: identityKey(secret, report.platform, target), display: `account ID ${replacedId}`, target });
  }
  return [...items.values()];
}

/** The text a link keeps about what two accounts share (inert; never an IP address). */
export function linkDetail(kind: AccountLinkReason, display: string | null): string {
  switch (kind) {
    case 'shared_ip_hash':
      return IP_LINK_DETAIL;
    case 'mentioned_handle':
      return `mentions ${display ?? 'a handle'}`;
    case 'replaced_account':
      return `replaces ${display ?? 'an earlier account'}`;
    default:
      return display ?? '';
  }
}
