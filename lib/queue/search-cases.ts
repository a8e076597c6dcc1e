import 'server-only';
import { getConfig } from '@/lib/config';
import { getPrisma } from '@/lib/db';
import { isValidHandle, normaliseHandle } from '@/lib/reports/normalise';
import { parseConfiguredProfileUrl } from '@/lib/reports/platform';
import { containsPattern, PARTIAL_MIN, type SearchTerm } from './list-queue-params';

const MAX_CASES = 100;
/** Matches read per source before ordering: bounds the work of a very broad fragment ("TC-"). */
const MAX_MATCHES_PER_SOURCE = 1000;

/**
 * The ids of the cases a search term points at, of any status, open ones first (then by priority):
 *
 * - a whole report reference (`TC-…`): that report's case, through the unique key;
 * - other text of at least PARTIAL_MIN characters: every case whose account's handle (as typed:
 *   `@Name`, `name`, or a profile URL of the platform) or platform account ID contains it, or that
 *   has a report whose reference or platform-supplied display name contains it; case-insensitive
 *   (ILIKE), each through a trigram GIN index (migration *_search_trigram), so a search costs
 *   index lookups at any size. The display name has no column: platforms send it in
 *   reports.platform_context, and its index is on `platform_context ->> 'displayName'`;
 * - shorter text: the account with exactly that handle or platform account ID.
 */
export async function searchCaseIds(term: NonNullable<SearchTerm>): Promise<string[]> {
  const prisma = getPrisma();
  if (term.kind === 'reference') {
    const rows = await prisma.$queryRaw<{ case_id: string }[]>`
      SELECT case_id::text FROM reports WHERE reference = ${term.reference}`;
    return rows.map((r) => r.case_id);
  }

  const platform = getConfig().PLATFORM_SLUG;
  const fromUrl = parseConfiguredProfileUrl(term.text);
  const handle = fromUrl ?? normaliseHandle(term.text);
  const handleKey = isValidHandle(handle) ? `handle:${handle}` : null;
  const idKey = `id:${term.text}`;

  if (handle.length < PARTIAL_MIN && term.text.length < PARTIAL_MIN) {
    const rows = await prisma.$queryRaw<{ id: string }[]>`
      SELECT c.id::text FROM cases c
      WHERE c.account_id IN (
        SELECT a.id FROM reported_accounts a
        WHERE a.platform = ${platform}
          AND (a.account_key = ${handleKey} OR a.account_key = ${idKey} OR a.platform_account_id = ${term.text}))
      ORDER BY c.closed_at IS NOT NULL, c.priority_score DESC, c.created_at DESC
      LIMIT ${MAX_CASES}`;
    return rows.map((r) => r.id);
  }

  // A profile URL names one handle: search that, not the URL text.
  const handlePattern = containsPattern(handle);
  const textPattern = fromUrl ? null : containsPattern(term.text);
  // Two sources, each read through its own indexes and capped, then ordered together.
  const rows = await prisma.$queryRaw<{ id: string }[]>`
    SELECT c.id::text FROM cases c
    WHERE c.id IN (
      (SELECT ac.id FROM cases ac
       WHERE ac.account_id IN (
         SELECT a.id FROM reported_accounts a
         WHERE a.platform = ${platform}
           AND (a.handle ILIKE ${handlePattern} OR a.platform_account_id ILIKE ${textPattern}
                OR a.account_key = ${handleKey} OR a.account_key = ${idKey})
         LIMIT ${MAX_MATCHES_PER_SOURCE}))
      UNION
      (SELECT r.case_id FROM reports r
       WHERE r.reference ILIKE ${textPattern} OR (r.platform_context ->> 'displayName') ILIKE ${textPattern}
       LIMIT ${MAX_MATCHES_PER_SOURCE}))
    ORDER BY c.closed_at IS NOT NULL, c.priority_score DESC, c.created_at DESC
    LIMIT ${MAX_CASES}`;
  return rows.map((r) => r.id);
}
