import 'server-only';
import { getConfig } from '@/lib/config';
import { getPrisma } from '@/lib/db';
import { isValidHandle, normaliseHandle } from '@/lib/reports/normalise';
import { parseConfiguredProfileUrl } from '@/lib/reports/platform';
import type { SearchTerm } from './list-queue-params';

const MAX_CASES = 100;

/**
 * The ids of the cases a search term points at, of any status: the case of a report reference
 * (`TC-…`), or every case of the account with that handle (as typed: `@Name`, `name`, a profile
 * URL of the platform) or platform account ID. Exact matches only, each through a unique or
 * indexed key, so a search costs a few index lookups at any size.
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
  const rows = await prisma.$queryRaw<{ id: string }[]>`
    SELECT c.id::text FROM cases c
    WHERE c.account_id IN (
      SELECT a.id FROM reported_accounts a
      WHERE a.platform = ${platform}
        AND (a.account_key = ${handleKey} OR a.account_key = ${`id:${term.text}`} OR a.platform_account_id = ${term.text}))
    ORDER BY c.created_at DESC
    LIMIT ${MAX_CASES}`;
  return rows.map((r) => r.id);
}
