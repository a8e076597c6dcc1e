import 'server-only';
import type { Tx } from '@/lib/db';

/**
 * An account's suspension began or ended: the open cases of the accounts linked to it are due for
 * rescoring, since their "linked to suspended account" part may change (lib/queue/priority.ts).
 * Runs in the transaction that changed the enforcement; the worker rescores within a second.
 */
export async function rescoreCasesLinkedTo(tx: Tx, accountIds: string[]): Promise<void> {
  if (accountIds.length === 0) return;
  await tx.$executeRaw`
    UPDATE cases SET rescore_at = now()
    WHERE closed_at IS NULL
      AND account_id IN (
        SELECT account_b_id FROM account_links WHERE account_a_id = ANY (${accountIds}::uuid[])
        UNION
        SELECT account_a_id FROM account_links WHERE account_b_id = ANY (${accountIds}::uuid[]))`;
}
